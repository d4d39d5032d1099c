#include "fuzz_input_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/gennet_topology_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ontonet::fuzz::write_input(data, size, ".csv");
  try {
    ontonet::read_gennet_topology(path);
  } catch (const ontonet::InputError&) {
  }
  return 0;
}
