#include "ontonet/io/line_reader.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace ontonet {

namespace {

constexpr std::size_t kBufferBytes = std::size_t{1} << 18;

bool is_ascii(std::string_view text) {
  unsigned char any_high = 0;
  for (char c : text) any_high |= static_cast<unsigned char>(c);
  return (any_high & 0x80) == 0;
}

// Index of the first byte that starts an invalid UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const unsigned char lead = bytes[i];
    std::size_t length = 0;
    unsigned min_second = 0x80, max_second = 0xBF;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) min_second = 0xA0;  // overlong
      if (lead == 0xED) max_second = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) min_second = 0x90;  // overlong
      if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + length > n) return i;
    if (bytes[i + 1] < min_second || bytes[i + 1] > max_second) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

std::string too_long_message(std::size_t max_line_bytes) {
  return "expected a line of at most " + std::to_string(max_line_bytes) +
         " bytes (is this a text file of the expected format?)";
}

}  // namespace

LineReader::LineReader(std::string path, std::size_t max_line_bytes)
    : path_(std::move(path)), max_line_bytes_(max_line_bytes), buffer_(kBufferBytes) {
  struct stat info {};
  if (::stat(path_.c_str(), &info) != 0) {
    throw InputError(path_, 0, std::string("cannot open file: ") + std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) throw InputError(path_, 0, "expected a file, found a directory");
  gz_ = ::gzopen(path_.c_str(), "rb");
  if (gz_ == nullptr) throw InputError(path_, 0, "cannot open file");
  ::gzbuffer(static_cast<gzFile>(gz_), static_cast<unsigned>(kBufferBytes));
}

LineReader::~LineReader() {
  if (gz_ != nullptr) ::gzclose(static_cast<gzFile>(gz_));
}

InputError LineReader::error(const std::string& message) const {
  return InputError(path_, line_number_, message);
}

bool LineReader::fill_buffer() {
  auto* gz = static_cast<gzFile>(gz_);
  const int got = ::gzread(gz, buffer_.data(), static_cast<unsigned>(buffer_.size()));
  int code = Z_OK;
  const char* message = ::gzerror(gz, &code);
  if (got < 0 || (code != Z_OK && code != Z_STREAM_END)) {
    throw InputError(path_, line_number_ + 1,
                     std::string("expected a complete gzip stream: ") + message +
                         " (truncated or corrupt .gz?)");
  }
  buffer_begin_ = 0;
  buffer_end_ = static_cast<std::size_t>(got);
  bytes_seen_ += buffer_end_;
  return got > 0;
}

void LineReader::validate(std::string_view line) const {
  if (line.size() > max_line_bytes_) {
    throw InputError(path_, line_number_, too_long_message(max_line_bytes_));
  }
  if (std::memchr(line.data(), '\0', line.size()) != nullptr) {
    throw InputError(path_, line_number_, "expected text, found a NUL byte (binary file?)");
  }
  if (!is_ascii(line)) {
    const std::size_t bad = first_invalid_utf8(line);
    if (bad != std::string_view::npos) {
      throw InputError(
          path_, line_number_,
          "expected UTF-8 text, found an invalid byte at column " + std::to_string(bad + 1));
    }
  }
}

bool LineReader::next(std::string_view& line) {
  if (at_end_) return false;
  carry_.clear();
  bool use_carry = false;
  for (;;) {
    if (buffer_begin_ == buffer_end_ && !fill_buffer()) {
      at_end_ = true;
      if (bytes_seen_ == 0) throw InputError(path_, 0, "expected a non-empty file, found 0 bytes");
      if (!use_carry) return false;
      break;
    }
    const char* start = buffer_.data() + buffer_begin_;
    const std::size_t available = buffer_end_ - buffer_begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    const std::size_t take = newline ? static_cast<std::size_t>(newline - start) : available;
    if (newline && !use_carry) {
      line = std::string_view(start, take);
      buffer_begin_ += take + 1;
      break;
    }
    if (carry_.size() + take > max_line_bytes_ + 1) {  // +1: a CR still to be removed
      throw InputError(path_, line_number_ + 1, too_long_message(max_line_bytes_));
    }
    carry_.append(start, take);
    use_carry = true;
    buffer_begin_ += take + (newline ? 1 : 0);
    if (newline) break;
  }
  if (use_carry) line = carry_;
  ++line_number_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line_number_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  validate(line);
  return true;
}

void split_fields(std::string_view text, char separator, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = text.find(separator, begin);
    if (end == std::string_view::npos) {
      fields.push_back(text.substr(begin));
      return;
    }
    fields.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
}

void split_whitespace(std::string_view text, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t begin = text.find_first_not_of(" \t");
  while (begin != std::string_view::npos) {
    const std::size_t end = text.find_first_of(" \t", begin);
    fields.push_back(text.substr(begin, end == std::string_view::npos ? end : end - begin));
    begin = text.find_first_not_of(" \t", end);
  }
}

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

}  // namespace ontonet
