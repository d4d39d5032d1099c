// Expectations shared by the reader tests: that a read fails with an InputError pointing at the
// right file and line, and the damaged inputs (binary, overlong, truncated gzip) every reader must
// refuse.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstddef>
#include <string>

#include "ontonet/core/error.hpp"

namespace ontonet::test {

// Runs `read` and expects an InputError whose what() starts with "path:line:" (or "path:" for
// line 0) and contains `fragment`.
template <typename Read>
void expect_input_error(Read&& read, const std::string& path, std::size_t line,
                        const std::string& fragment = "") {
  try {
    read();
    ADD_FAILURE() << "expected an InputError at " << path << ":" << line;
  } catch (const InputError& error) {
    const std::string where = line == 0 ? path + ": " : path + ":" + std::to_string(line) + ": ";
    EXPECT_EQ(error.line(), line) << error.what();
    EXPECT_EQ(std::string(error.what()).rfind(where, 0), 0u) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
  }
}

// `text` compressed as a gzip stream, then cut short by `missing_bytes`.
inline std::string truncated_gzip(const std::string& text, std::size_t missing_bytes = 12) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    ADD_FAILURE() << "deflateInit2 failed";
    return {};
  }
  std::string compressed(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(compressed.data());
  stream.avail_out = static_cast<uInt>(compressed.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  compressed.resize(stream.total_out);
  deflateEnd(&stream);
  EXPECT_GT(compressed.size(), missing_bytes);
  compressed.resize(compressed.size() - missing_bytes);
  return compressed;
}

// One 10 MB line, ten times LineReader's default limit.
inline std::string ten_megabyte_line() { return std::string(10u << 20, 'A') + "\n"; }

// The first bytes of a PNG: invalid UTF-8 on line 1, NUL bytes after it.
inline std::string binary_bytes() { return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16); }

}  // namespace ontonet::test
