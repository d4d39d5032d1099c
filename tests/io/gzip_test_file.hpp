// Writes gzip fixtures for the reader tests, whole or cut short, with zlib as a user's gzip would.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "../test_support.hpp"

namespace ontonet::test {

// Writes `content` gzip-compressed to `name` inside `dir` and returns its path.
inline std::string write_gzip(const ScratchDir& dir, const std::string& name,
                              const std::string& content) {
  const std::string path = dir.path(name);
  gzFile file = gzopen(path.c_str(), "wb");
  gzwrite(file, content.data(), static_cast<unsigned>(content.size()));
  gzclose(file);
  return path;
}

// Like write_gzip, then keeps only the first `fraction` of the compressed bytes, as an interrupted
// download would.
inline std::string write_truncated_gzip(const ScratchDir& dir, const std::string& name,
                                        const std::string& content, double fraction = 0.5) {
  const std::string path = write_gzip(dir, name, content);
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path,
                               static_cast<std::uintmax_t>(static_cast<double>(size) * fraction));
  return path;
}

}  // namespace ontonet::test
