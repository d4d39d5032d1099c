#include "ontonet/io/plink_sample_block.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../test_support.hpp"

namespace ontonet {
namespace {

// A 13-sample x 5-SNP .bed whose codes cycle through all four values; decoding from blocks must
// give exactly what decode_batch gives from the mapped file.
TEST(PlinkSampleBlock, BlocksDecodeLikeTheMappedFile) {
  test::ScratchDir dir("block");
  const std::size_t n_samples = 13, n_snps = 5, row_bytes = 4;
  std::string bed = "\x6c\x1b\x01";
  for (std::size_t snp = 0; snp < n_snps; ++snp) {
    for (std::size_t b = 0; b < row_bytes; ++b) bed += static_cast<char>(snp * 37 + b * 101);
  }
  dir.write("b.bed", bed);
  std::string bim, fam;
  for (std::size_t i = 0; i < n_snps; ++i) bim += "1 v" + std::to_string(i) + " 0 1 A C\n";
  for (std::size_t i = 0; i < n_samples; ++i) fam += "f i" + std::to_string(i) + " 0 0 0 -9\n";
  dir.write("b.bim", bim);
  dir.write("b.fam", fam);
  const PlinkDataset dataset = open_plink(dir.path("b"));

  PlinkSampleBlock block(dataset, 8);
  for (std::size_t first : {std::size_t{0}, std::size_t{8}}) {
    const std::size_t n = first == 0 ? 8 : 5;
    block.load(first, n);
    EXPECT_EQ(block.first_sample(), first);
    std::vector<std::size_t> rows;
    for (std::size_t s = first + n; s-- > first;) rows.push_back(s);  // reversed: not aligned
    std::vector<float> from_block(3 * n), from_file(3 * n);
    block.decode(rows, 1, 3, from_block.data(), -1.0f);
    decode_batch(dataset, rows, 1, 3, from_file.data(), -1.0f);
    EXPECT_EQ(from_block, from_file) << "block at " << first;
    rows = {first, first + 1, first + 2, first + 3};  // aligned run: the four-at-a-time path
    std::vector<float> aligned_block(5 * 4), aligned_file(5 * 4);
    block.decode(rows, 0, 5, aligned_block.data(), -1.0f);
    decode_batch(dataset, rows, 0, 5, aligned_file.data(), -1.0f);
    EXPECT_EQ(aligned_block, aligned_file);
  }
}

}  // namespace
}  // namespace ontonet
