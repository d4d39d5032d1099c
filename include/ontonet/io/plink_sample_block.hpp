// The packed .bed codes of a block of consecutive samples for every SNP, copied out of the mapped
// .bed so that a streaming pass over a cohort larger than memory keeps a bounded resident set.
//
// Why: the .bed is SNP-major, so every mini-batch of samples needs a few bytes from every SNP row,
// i.e. from every page of the file; decoding batches straight from the mapping keeps the whole
// file resident. A block of B samples holds B / 4 bytes per SNP (8,192 samples x 100,000 SNPs =
// 205 MB); loading it sweeps the file once and releases the pages behind it, and the B / batch
// mini-batches of the block then decode from the compact copy. Shuffled training draws its batches
// within a block and shuffles the order of the blocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ontonet/io/plink_reader.hpp"

namespace ontonet {

class PlinkSampleBlock {
 public:
  // `capacity` samples at most per block; rounded up to a multiple of 4.
  PlinkSampleBlock(const PlinkDataset& dataset, std::size_t capacity);

  // Copies the codes of samples [first_sample, first_sample + n_samples) for every SNP.
  // Requires first_sample % 4 == 0, n_samples <= capacity and the range inside the data set
  // (checked). The .bed pages are released behind the copy (PlinkDataset::release_pages).
  void load(std::size_t first_sample, std::size_t n_samples);

  std::size_t first_sample() const { return first_sample_; }
  std::size_t n_samples() const { return n_samples_; }

  // As decode_batch, for `sample_rows` (.fam rows) inside the loaded block (checked).
  // out: [n_snps, sample_rows.size()] row-major.
  void decode(const std::vector<std::size_t>& sample_rows, std::size_t first_snp,
              std::size_t n_snps, float* out, float missing_value) const;

 private:
  const PlinkDataset& dataset_;
  std::size_t row_bytes_;            // capacity / 4
  std::vector<std::uint8_t> codes_;  // [n_snps, row_bytes_]
  std::size_t first_sample_ = 0;
  std::size_t n_samples_ = 0;
};

}  // namespace ontonet
