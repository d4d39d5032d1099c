// Reads a text file line by line, plain or gzip-compressed (detected from the content), and refuses
// what is not text: NUL bytes, invalid UTF-8, lines longer than a limit, a truncated or corrupt
// gzip stream, and a 0-byte file. Every error is an InputError naming the file and the line. A
// UTF-8 byte-order mark and CRLF line ends are accepted and removed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ontonet/core/error.hpp"

namespace ontonet {

class LineReader {
 public:
  static constexpr std::size_t kDefaultMaxLineBytes = std::size_t{1} << 20;

  explicit LineReader(std::string path, std::size_t max_line_bytes = kDefaultMaxLineBytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Sets `line` to the next line without its line end and returns true, or returns false at the end
  // of the file. `line` stays valid until the next call.
  bool next(std::string_view& line);

  // 1-based number of the line last returned by next().
  std::size_t line_number() const { return line_number_; }
  const std::string& path() const { return path_; }

  // An InputError at the current line: "path:line: message".
  InputError error(const std::string& message) const;

 private:
  bool fill_buffer();
  void validate(std::string_view line) const;

  std::string path_;
  std::size_t max_line_bytes_;
  void* gz_ = nullptr;  // gzFile, kept opaque so callers need not include zlib.h
  std::vector<char> buffer_;
  std::size_t buffer_begin_ = 0;
  std::size_t buffer_end_ = 0;
  std::string carry_;  // a line split across two buffer fills
  std::size_t line_number_ = 0;
  std::size_t bytes_seen_ = 0;
  bool at_end_ = false;
};

// Splits `text` at every `separator`; empty fields are kept. `fields` is cleared first.
void split_fields(std::string_view text, char separator, std::vector<std::string_view>& fields);

// Splits `text` at every run of spaces and tabs; leading and trailing blanks make no field.
void split_whitespace(std::string_view text, std::vector<std::string_view>& fields);

// `text` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

}  // namespace ontonet
