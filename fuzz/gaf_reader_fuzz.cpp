// Feeds arbitrary bytes to read_gaf: any input must end in records or an InputError, never in a
// crash, a hang or a sanitizer report.
#include "fuzz_input_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/gaf_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ontonet::fuzz::write_input(data, size);
  try {
    ontonet::read_gaf(path);
  } catch (const ontonet::InputError&) {
  }
  return 0;
}
