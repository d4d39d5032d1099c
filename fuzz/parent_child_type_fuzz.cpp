#include "fuzz_input_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/parent_child_type_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ontonet::fuzz::write_input(data, size);
  try {
    ontonet::read_parent_child_type(path);
  } catch (const ontonet::InputError&) {
  }
  return 0;
}
