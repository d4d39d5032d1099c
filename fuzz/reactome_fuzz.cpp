// The Reactome reader takes three files. The fuzz input is cut at its first two 0x1E bytes (ASCII
// record separator) into relations, names and gene sets; a part the input does not reach is a small
// valid file, so that an input without separators still exercises the relations parser.
#include <algorithm>

#include "fuzz_input_file.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/reactome_reader.hpp"

namespace {

constexpr std::uint8_t kSeparator = 0x1E;
constexpr char kNames[] = "R-HSA-1\tRoot\tHomo sapiens\nR-HSA-2\tChild\tHomo sapiens\n";
constexpr char kGeneSets[] = "Child\tR-HSA-2\tTP53\tMDM2\n";

// The fuzz input consumed part by part.
struct Parts {
  const std::uint8_t* begin;
  const std::uint8_t* end;
  bool used_up = false;

  // Writes the bytes up to the next separator, or `fallback` once the input is used up.
  std::string write_next(const char* fallback, const std::string& extension) {
    if (used_up) {
      return ontonet::fuzz::write_input(reinterpret_cast<const std::uint8_t*>(fallback),
                                        std::char_traits<char>::length(fallback), extension);
    }
    const std::uint8_t* cut = std::find(begin, end, kSeparator);
    const std::string path =
        ontonet::fuzz::write_input(begin, static_cast<std::size_t>(cut - begin), extension);
    used_up = cut == end;
    begin = used_up ? end : cut + 1;
    return path;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Parts parts{data, data + size};
  ontonet::ReactomeFiles files;
  files.relations = parts.write_next("", ".relations.txt");  // the first part always exists
  files.names = parts.write_next(kNames, ".names.txt");
  files.gene_sets = parts.write_next(kGeneSets, ".gmt");
  try {
    ontonet::read_reactome(files);
  } catch (const ontonet::InputError&) {
  }
  return 0;
}
