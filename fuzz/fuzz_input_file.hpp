// libFuzzer hands bytes; ontonet's readers take paths. Each fuzz input is written to one scratch
// file per process, so the readers are exercised exactly as on user files (gzip detection included).
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace ontonet::fuzz {

inline std::string write_input(const std::uint8_t* data, std::size_t size,
                               const std::string& extension = ".txt") {
  const std::string path = "/tmp/ontonet-fuzz-" + std::to_string(::getpid()) + extension;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) std::abort();
  if (size > 0) std::fwrite(data, 1, size, file);
  std::fclose(file);
  return path;
}

}  // namespace ontonet::fuzz
