// The .bed decoding kernel shared by decode_batch (codes read straight from the mapped file) and
// PlinkSampleBlock (codes copied out, transposed, for a block of samples).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ontonet::plink_codes {

// Where the packed code byte k (samples first_sample + 4k .. + 4k + 3) of SNP i lives:
// base + i * snp_stride + k * byte_stride. The mapped .bed has snp_stride = bytes per SNP and
// byte_stride = 1; a PlinkSampleBlock stores bytes SNP-contiguous (snp_stride 1).
struct CodeLayout {
  const std::uint8_t* base = nullptr;
  std::size_t snp_stride = 0;
  std::size_t byte_stride = 1;
  std::size_t first_sample = 0;  // a multiple of 4
};

// Decodes SNPs 0 .. n_snps-1 of `layout` for the absolute sample indices `rows` into
// out: [n_snps, rows.size()] row-major; missing genotypes become `missing_value`.
void decode(const CodeLayout& layout, const std::vector<std::size_t>& rows, std::size_t n_snps,
            float* out, float missing_value);

}  // namespace ontonet::plink_codes
