#include "ontonet/network/model_file.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <unordered_set>

#include "ontonet/core/atomic_file.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

// PNG-style: a non-ASCII first byte, then a name, then CR LF, EOF, LF so that text-mode
// transfers and truncated copies are told apart from the real thing.
constexpr char kMagic[8] = {'\x89', 'O', 'N', 'M', '\r', '\n', '\x1a', '\n'};
constexpr std::size_t kChecksumBytes = 4;

std::uint32_t crc32_of(const char* data, std::size_t size) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib's crc32 takes a uInt length: feed large buffers in pieces.
  while (size > 0) {
    const std::size_t piece = std::min<std::size_t>(size, std::numeric_limits<uInt>::max());
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(piece));
    data += piece;
    size -= piece;
  }
  return static_cast<std::uint32_t>(crc);
}

// All integers are little-endian whatever the host.
void append_uint(std::string& out, std::uint64_t value, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void append_bytes(std::string& out, const std::string& text) {
  append_uint(out, text.size(), 8);
  out += text;
}

std::string encode(const ModelFileContents& contents) {
  std::string out(kMagic, sizeof kMagic);
  append_uint(out, kModelFileVersion, 4);
  std::string header_text;
  try {
    header_text = contents.header.dump();
  } catch (const nlohmann::json::type_error& e) {  // a string that is not UTF-8
    throw InternalError(std::string("model file header cannot be written as JSON: ") + e.what());
  }
  append_bytes(out, header_text);
  append_uint(out, contents.blocks.size(), 8);
  for (const NamedBlock& block : contents.blocks) {
    append_bytes(out, block.name);
    append_uint(out, block.values.size(), 8);
    for (const float value : block.values) {
      std::uint32_t bits = 0;
      std::memcpy(&bits, &value, sizeof bits);
      append_uint(out, bits, 4);
    }
  }
  append_uint(out, crc32_of(out.data(), out.size()), kChecksumBytes);
  return out;
}

// Reads fields front to back from the whole file, checking each length against the bytes that
// are left before using it.
class ByteCursor {
 public:
  ByteCursor(const std::string& path, const std::string& bytes) : path_(path), bytes_(bytes) {}

  std::size_t offset() const { return offset_; }
  std::size_t remaining() const { return bytes_.size() - offset_; }

  InputError error(const std::string& message) const {
    return InputError(path_, 0, message + " (at byte offset " + std::to_string(offset_) + ")");
  }

  void require(std::size_t n, const std::string& what) const {
    if (n > remaining()) {
      throw error("expected " + std::to_string(n) + " bytes of " + what + ", but only " +
                  std::to_string(remaining()) + " remain (file truncated or corrupted)");
    }
  }

  std::uint64_t read_uint(std::size_t bytes, const std::string& what) {
    require(bytes, what);
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < bytes; ++i) {
      value |= std::uint64_t{static_cast<unsigned char>(bytes_[offset_ + i])} << (8 * i);
    }
    offset_ += bytes;
    return value;
  }

  std::string read_bytes(const std::string& what) {
    const std::uint64_t size = read_uint(8, "the length of " + what);
    if (size > remaining()) {
      throw error("expected " + what + " of " + std::to_string(size) + " bytes, but only " +
                  std::to_string(remaining()) + " remain (file truncated or corrupted)");
    }
    std::string text = bytes_.substr(offset_, static_cast<std::size_t>(size));
    offset_ += static_cast<std::size_t>(size);
    return text;
  }

  std::vector<float> read_floats(const std::string& what) {
    const std::uint64_t count = read_uint(8, "the element count of " + what);
    if (count > remaining() / 4) {
      throw error("expected " + std::to_string(count) + " floats in " + what + ", but only " +
                  std::to_string(remaining()) + " bytes remain (file truncated or corrupted)");
    }
    std::vector<float> values(static_cast<std::size_t>(count));
    for (float& value : values) {
      const auto bits = static_cast<std::uint32_t>(read_uint(4, what));
      std::memcpy(&value, &bits, sizeof value);
    }
    return values;
  }

 private:
  const std::string& path_;
  const std::string& bytes_;
  std::size_t offset_ = 0;
};

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "expected a readable ontonet model file");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(path, 0, "expected a readable ontonet model file (read failed)");
  return bytes;
}

}  // namespace

void write_model_file(const std::string& path, const ModelFileContents& contents) {
  ONTONET_CHECK(contents.header.is_object(), "model file header must be a JSON object");
  std::unordered_set<std::string> names;
  for (const NamedBlock& block : contents.blocks) {
    ONTONET_CHECK(!block.name.empty(), "model file block names must be non-empty");
    ONTONET_CHECK(names.insert(block.name).second,
                  "model file block '" + block.name + "' repeated");
  }
  const std::string bytes = encode(contents);
  write_file_atomically(path, [&bytes](std::ostream& out) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  });
}

ModelFileContents read_model_file(const std::string& path) {
  const std::string bytes = read_whole_file(path);
  ByteCursor cursor(path, bytes);
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    throw InputError(path, 0,
                     "not an ontonet model file (expected the 8 magic bytes 89 4F 4E 4D 0D 0A 1A "
                     "0A at the start)");
  }
  cursor.read_uint(sizeof kMagic, "magic");
  const std::uint64_t version = cursor.read_uint(4, "the format version");
  if (version != kModelFileVersion) {
    throw InputError(path, 0,
                     "expected model file format version " + std::to_string(kModelFileVersion) +
                         " (the only version this build reads), got " + std::to_string(version));
  }
  const std::string header_text = cursor.read_bytes("the JSON header");
  const std::uint64_t n_blocks = cursor.read_uint(8, "the block count");
  ModelFileContents contents;
  std::unordered_set<std::string> names;
  // Each block takes at least 16 bytes (two lengths), which bounds a corrupted count.
  if (n_blocks > cursor.remaining() / 16) {
    throw cursor.error("expected " + std::to_string(n_blocks) +
                       " blocks, more than the remaining bytes can hold (file truncated or "
                       "corrupted)");
  }
  for (std::uint64_t b = 0; b < n_blocks; ++b) {
    NamedBlock block;
    block.name = cursor.read_bytes("the name of block " + std::to_string(b + 1));
    block.values = cursor.read_floats("block '" + block.name + "'");
    if (block.name.empty()) throw cursor.error("expected a non-empty block name");
    if (!names.insert(block.name).second) {
      throw cursor.error("expected each block name once; '" + block.name + "' repeats");
    }
    contents.blocks.push_back(std::move(block));
  }
  const std::size_t checked_size = cursor.offset();
  const auto stored_checksum =
      static_cast<std::uint32_t>(cursor.read_uint(kChecksumBytes, "the checksum"));
  if (cursor.remaining() != 0) {
    throw cursor.error("expected the file to end after the checksum, found " +
                       std::to_string(cursor.remaining()) + " trailing bytes");
  }
  if (crc32_of(bytes.data(), checked_size) != stored_checksum) {
    throw InputError(path, 0,
                     "expected the CRC-32 stored at the end to match the content "
                     "(file corrupted)");
  }
  try {
    contents.header = nlohmann::json::parse(header_text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(path, 0, std::string("expected a JSON header: ") + e.what());
  }
  if (!contents.header.is_object()) throw InputError(path, 0, "expected a JSON object header");
  return contents;
}

}  // namespace ontonet
