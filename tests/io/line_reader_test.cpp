#include "ontonet/io/line_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../test_support.hpp"
#include "gzip_test_file.hpp"
#include "reader_error_expectations.hpp"

namespace ontonet {
namespace {

using test::expect_input_error;
using test::ScratchDir;
using namespace std::string_literals;

std::vector<std::string> read_all(const std::string& path,
                                  std::size_t max_line_bytes = LineReader::kDefaultMaxLineBytes) {
  LineReader reader(path, max_line_bytes);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(line)) {
    lines.emplace_back(line);
    EXPECT_EQ(reader.line_number(), lines.size());
  }
  return lines;
}

// Many short numbered lines: several read buffers' worth once decompressed.
std::string numbered_lines(int count) {
  std::string text;
  for (int i = 1; i <= count; ++i) text += "line " + std::to_string(i) + " of a long text file\n";
  return text;
}

TEST(LineReader, ReturnsLinesWithoutLineEndsAndKeepsEmptyLines) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("plain.txt", "alpha\n\nbeta\tgamma\nlast without newline");
  EXPECT_EQ(read_all(path),
            (std::vector<std::string>{"alpha", "", "beta\tgamma", "last without newline"}));
}

TEST(LineReader, RemovesByteOrderMarkAndCarriageReturns) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("windows.txt", "\xEF\xBB\xBFid\tname\r\nGO:1\tx\r\n");
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"id\tname", "GO:1\tx"}));
}

TEST(LineReader, KeepsAByteOrderMarkAfterTheFirstLine) {
  // Only a file's first bytes can be a BOM; later it is text the caller must see.
  ScratchDir dir("line-reader");
  const std::string path = dir.write("bom.txt", "a\n\xEF\xBB\xBFz\n");
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"a", "\xEF\xBB\xBFz"}));
}

TEST(LineReader, ReadsGzipDetectedFromContentNotName) {
  ScratchDir dir("line-reader");
  const std::string text = numbered_lines(40000);  // ~1 MB, several buffer fills
  const std::string path = test::write_gzip(dir, "compressed.txt", text);
  const std::vector<std::string> lines = read_all(path);
  ASSERT_EQ(lines.size(), 40000u);
  EXPECT_EQ(lines.front(), "line 1 of a long text file");
  EXPECT_EQ(lines.back(), "line 40000 of a long text file");
}

TEST(LineReader, ReadsLineLongerThanItsBufferWhole) {
  ScratchDir dir("line-reader");
  const std::string long_line(600000, 'x');  // more than two 256 KB buffers
  const std::string path = dir.write("long.txt", "first\n" + long_line + "\nlast\n");
  EXPECT_EQ(read_all(path), (std::vector<std::string>{"first", long_line, "last"}));
}

TEST(LineReader, AcceptsMultibyteUtf8) {
  ScratchDir dir("line-reader");
  const std::string text = "caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\xA7\xAC";  // café → 🧬
  EXPECT_EQ(read_all(dir.write("utf8.txt", text + "\n")), (std::vector<std::string>{text}));
}

TEST(LineReader, RejectsNulByteAtItsLine) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("nul.txt", "ok\nstill ok\nbad\0byte\n"s);
  expect_input_error([&] { read_all(path); }, path, 3, "NUL byte");
}

TEST(LineReader, RejectsInvalidUtf8AndNamesTheColumn) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("latin1.txt", "ok\nna\xEFve\n");  // Latin-1 "naïve"
  expect_input_error([&] { read_all(path); }, path, 2, "invalid byte at column 3");
}

TEST(LineReader, RejectsOverlongUtf8Encoding) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("overlong.txt", "\xC0\xAF\n");  // '/' in two bytes
  expect_input_error([&] { read_all(path); }, path, 1, "expected UTF-8");
}

TEST(LineReader, RejectsBinaryFileOnItsFirstLine) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("image.png", test::binary_bytes());
  expect_input_error([&] { read_all(path); }, path, 1);
}

TEST(LineReader, RejectsTenMegabyteLine) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("huge.txt", "header\n" + test::ten_megabyte_line());
  expect_input_error([&] { read_all(path); }, path, 2, "at most 1048576 bytes");
}

TEST(LineReader, HonoursASmallerLineLimit) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("limit.txt", "12345\n123456\n");
  expect_input_error([&] { read_all(path, 5); }, path, 2, "at most 5 bytes");
}

TEST(LineReader, RejectsSmallTruncatedGzipBeforeItsFirstLine) {
  // A stream shorter than one read buffer fails on the first read, before any line is returned.
  ScratchDir dir("line-reader");
  const std::string path = test::write_truncated_gzip(dir, "cut.gz", numbered_lines(100));
  expect_input_error([&] { read_all(path); }, path, 1, "truncated");
}

TEST(LineReader, ReportsTruncatedGzipAtTheFirstLineItCouldNotReturn) {
  ScratchDir dir("line-reader");
  const std::string path = test::write_truncated_gzip(dir, "cut.gz", numbered_lines(100000));
  LineReader reader(path);
  std::string_view line;
  std::size_t returned = 0;
  try {
    while (reader.next(line)) ++returned;
    FAIL() << "expected an InputError";
  } catch (const InputError& error) {
    EXPECT_GT(returned, 1000u);  // half the stream was intact
    EXPECT_EQ(error.line(), returned + 1) << error.what();
    EXPECT_NE(std::string(error.what()).find(path), std::string::npos);
  }
}

TEST(LineReader, RejectsEmptyFileAsAWhole) {
  ScratchDir dir("line-reader");
  const std::string path = dir.write("empty.txt", "");
  expect_input_error([&] { read_all(path); }, path, 0, "found 0 bytes");
}

TEST(LineReader, RejectsEmptyGzipStream) {
  ScratchDir dir("line-reader");
  const std::string path = test::write_gzip(dir, "empty.gz", "");
  expect_input_error([&] { read_all(path); }, path, 0, "found 0 bytes");
}

TEST(LineReader, RejectsMissingFile) {
  ScratchDir dir("line-reader");
  const std::string path = dir.path("does-not-exist.txt");
  expect_input_error([&] { LineReader reader(path); }, path, 0, "cannot open file");
}

TEST(LineReader, RejectsDirectory) {
  ScratchDir dir("line-reader");
  expect_input_error([&] { LineReader reader(dir.path()); }, dir.path(), 0, "directory");
}

TEST(LineReader, ErrorNamesFileAndCurrentLine) {
  ScratchDir dir("line-reader");
  LineReader reader(dir.write("two.txt", "a\nb\n"));
  std::string_view line;
  ASSERT_TRUE(reader.next(line));
  ASSERT_TRUE(reader.next(line));
  const InputError error = reader.error("expected 3 columns");
  EXPECT_EQ(error.line(), 2u);
  EXPECT_EQ(std::string(error.what()), dir.path("two.txt") + ":2: expected 3 columns");
}

TEST(SplitFields, KeepsEmptyFields) {
  std::vector<std::string_view> fields;
  split_fields("a\t\tb\t", '\t', fields);
  EXPECT_EQ(fields, (std::vector<std::string_view>{"a", "", "b", ""}));
  split_fields("", '\t', fields);
  EXPECT_EQ(fields, (std::vector<std::string_view>{""}));
}

TEST(Trim, RemovesSpacesAndTabsAtBothEndsOnly) {
  EXPECT_EQ(trim(" \t a b \t"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim("x"), "x");
}

}  // namespace
}  // namespace ontonet
