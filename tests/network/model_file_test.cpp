#include "ontonet/network/model_file.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

#include "../io/reader_error_expectations.hpp"
#include "../test_support.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;

std::uint32_t bits_of(float value) {
  std::uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

ModelFileContents small_model() {
  ModelFileContents contents;
  contents.header = {{"schema_version", 1}, {"style", "gennet"}, {"terms", {"GO:1", "GO:2"}}};
  contents.blocks = {{"w", {1.5f, -2.0f}}, {"b", {0.25f}}, {"empty", {}}};
  return contents;
}

// Bytes after the header: 8 (count) per file, then per block 8 + name + 8 + 4 * values, then 4.
void overwrite_uint64(std::string& bytes, std::size_t offset, std::uint64_t value) {
  for (std::size_t i = 0; i < 8; ++i) bytes[offset + i] = static_cast<char>(value >> (8 * i));
}

TEST(ModelFile, RoundTripsHeaderAndFloatsBitForBit) {
  ScratchDir dir("model-file");
  ModelFileContents contents;
  contents.header = {{"spec", {{"layers", {3, 2, 1}}}}, {"note", "μ-gène"}};
  contents.blocks = {
      {"ordinary", {1.0f, -3.25f, 1e30f, std::numeric_limits<float>::max()}},
      {"denormal", {std::numeric_limits<float>::denorm_min(), -1e-40f}},
      {"signed_zero", {-0.0f, 0.0f}},
      {"special", {std::numeric_limits<float>::infinity(), std::nanf("0x123")}},
  };
  const std::string path = dir.path("model.onm");
  write_model_file(path, contents);
  const ModelFileContents read = read_model_file(path);
  EXPECT_EQ(read.header, contents.header);
  ASSERT_EQ(read.blocks.size(), contents.blocks.size());
  for (std::size_t b = 0; b < contents.blocks.size(); ++b) {
    EXPECT_EQ(read.blocks[b].name, contents.blocks[b].name);
    ASSERT_EQ(read.blocks[b].values.size(), contents.blocks[b].values.size());
    for (std::size_t i = 0; i < contents.blocks[b].values.size(); ++i) {
      EXPECT_EQ(bits_of(read.blocks[b].values[i]), bits_of(contents.blocks[b].values[i]))
          << contents.blocks[b].name << "[" << i << "]";
    }
  }
  EXPECT_TRUE(std::signbit(read.blocks[2].values[0]));
}

TEST(ModelFile, StartsWithMagicAndVersionAndStoresFloatsLittleEndian) {
  ScratchDir dir("model-file");
  const std::string path = dir.path("model.onm");
  write_model_file(path, {nlohmann::json::object(), {{"x", {1.0f}}}});
  const std::string bytes = file_bytes(path);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89ONM\r\n\x1a\n", 8));
  EXPECT_EQ(bytes.substr(8, 4), std::string("\x01\0\0\0", 4));
  // 1.0f = 0x3f800000, just before the 4 checksum bytes.
  EXPECT_EQ(bytes.substr(bytes.size() - 8, 4), std::string("\0\0\x80\x3f", 4));
}

TEST(ModelFile, OverwritesAnExistingFileWhole) {
  ScratchDir dir("model-file");
  const std::string path = dir.write("model.onm", std::string(5000, 'x'));
  write_model_file(path, small_model());
  EXPECT_EQ(read_model_file(path).blocks.size(), 3u);
}

TEST(ModelFile, RefusesAFileWithTheWrongMagic) {
  ScratchDir dir("model-file");
  const std::string text = dir.write("text.onm", "{\"not\": \"a model\"}\n");
  expect_input_error([&] { read_model_file(text); }, text, 0, "not an ontonet model file");
  const std::string empty = dir.write("empty.onm", "");
  expect_input_error([&] { read_model_file(empty); }, empty, 0, "not an ontonet model file");
  const std::string missing = dir.path("missing.onm");
  expect_input_error([&] { read_model_file(missing); }, missing, 0, "expected a readable");
}

TEST(ModelFile, RefusesAnUnsupportedVersionAndSaysWhichIsSupported) {
  ScratchDir dir("model-file");
  const std::string path = dir.path("model.onm");
  write_model_file(path, small_model());
  std::string bytes = file_bytes(path);
  bytes[8] = 7;
  const std::string future = dir.write("future.onm", bytes);
  expect_input_error([&] { read_model_file(future); }, future, 0,
                     "expected model file format version 1 (the only version this build reads), "
                     "got 7");
}

TEST(ModelFile, RefusesEveryTruncation) {
  ScratchDir dir("model-file");
  const std::string path = dir.path("model.onm");
  write_model_file(path, small_model());
  const std::string bytes = file_bytes(path);
  ASSERT_GT(bytes.size(), 60u);
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    const std::string cut = dir.write("cut.onm", bytes.substr(0, size));
    EXPECT_THROW(read_model_file(cut), InputError) << "truncated to " << size << " bytes";
  }
}

TEST(ModelFile, RefusesAChangedByteAtEveryPosition) {
  ScratchDir dir("model-file");
  const std::string path = dir.path("model.onm");
  write_model_file(path, small_model());
  const std::string bytes = file_bytes(path);
  for (std::size_t position = 0; position < bytes.size(); ++position) {
    for (const unsigned char flip : {0x01, 0x80, 0xff}) {
      std::string damaged = bytes;
      damaged[position] = static_cast<char>(damaged[position] ^ flip);
      const std::string file = dir.write("damaged.onm", damaged);
      EXPECT_THROW(read_model_file(file), InputError)
          << "byte " << position << " xor " << int{flip};
    }
  }
}

TEST(ModelFile, RefusesTrailingBytesAfterTheChecksum) {
  ScratchDir dir("model-file");
  const std::string path = dir.path("model.onm");
  write_model_file(path, small_model());
  const std::string longer = dir.write("longer.onm", file_bytes(path) + "\n");
  expect_input_error([&] { read_model_file(longer); }, longer, 0,
                     "expected the file to end after the checksum, found 1 trailing bytes");
}

TEST(ModelFile, RefusesHugeLengthsBeforeAllocatingAnything) {
  ScratchDir dir("model-file");
  const std::string path = dir.path("model.onm");
  write_model_file(path, {nlohmann::json::object(), {{"w", {1.0f, 2.0f}}}});
  const std::string bytes = file_bytes(path);
  const std::size_t header_length_at = 12;
  const std::size_t header_bytes = 2;  // "{}"
  const std::size_t count_at = header_length_at + 8 + header_bytes;
  const std::size_t name_length_at = count_at + 8;
  const std::size_t element_count_at = name_length_at + 8 + 1;
  const std::uint64_t huge = std::numeric_limits<std::uint64_t>::max() / 2;
  const struct {
    std::size_t offset;
    const char* expected;
  } cases[] = {{header_length_at, "expected the JSON header of"},
               {count_at, "blocks, more than the remaining bytes can hold"},
               {name_length_at, "expected the name of block 1 of"},
               {element_count_at, "floats in block 'w'"}};
  for (const auto& c : cases) {
    std::string damaged = bytes;
    overwrite_uint64(damaged, c.offset, huge);
    const std::string file = dir.write("huge.onm", damaged);
    expect_input_error([&] { read_model_file(file); }, file, 0, c.expected);
  }
}

TEST(ModelFile, WriterRefusesRepeatedBlockNames) {
  ScratchDir dir("model-file");
  EXPECT_THROW(
      write_model_file(dir.path("m.onm"), {nlohmann::json::object(), {{"a", {}}, {"a", {}}}}),
      InternalError);
  EXPECT_FALSE(std::ifstream(dir.path("m.onm")).good());
}

TEST(ModelFile, WriterRefusesAHeaderStringThatIsNotUtf8) {
  ScratchDir dir("model-file");
  EXPECT_THROW(write_model_file(dir.path("m.onm"), {{{"name", "\xff\xfe"}}, {}}), InternalError);
  EXPECT_FALSE(std::ifstream(dir.path("m.onm")).good());
}

}  // namespace
}  // namespace ontonet
