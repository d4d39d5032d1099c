// An ontonet model file: one binary file holding a network's description (a JSON header with the
// spec, architecture and config) and its parameters as named float32 blocks, sealed by a CRC-32.
// Reading refuses anything that is not exactly such a file, whole and unmodified: wrong magic,
// unsupported version, truncation, a changed byte, lengths past the end, trailing bytes. The byte
// layout is in docs/formats/model_file.md.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ontonet {

struct NamedBlock {
  std::string name;  // non-empty, unique within a file
  std::vector<float> values;
};

struct ModelFileContents {
  nlohmann::json header;  // a JSON object
  std::vector<NamedBlock> blocks;
};

// The format version this build writes; the only one it reads.
constexpr std::uint32_t kModelFileVersion = 1;

// Writes `contents` to `path` atomically (temporary file, then rename). Requires a JSON-object
// header whose strings are UTF-8 and non-empty, distinct block names (InternalError otherwise: a
// caller's bug). Throws InputError naming `path` when the file cannot be written.
void write_model_file(const std::string& path, const ModelFileContents& contents);

// Reads a file written by write_model_file; floats come back bit for bit. Throws InputError
// naming `path` and what was expected for every kind of damage; never allocates more than the
// file's own size on account of a length field.
ModelFileContents read_model_file(const std::string& path);

}  // namespace ontonet
