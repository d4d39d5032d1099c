// Feeds arbitrary bytes to the model file reader: every input must be read or refused with an
// InputError, never crash, hang or allocate beyond the input's size.
#include "fuzz_input_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/network/model_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ontonet::fuzz::write_input(data, size, ".onm");
  try {
    ontonet::read_model_file(path);
  } catch (const ontonet::InputError&) {
  }
  return 0;
}
