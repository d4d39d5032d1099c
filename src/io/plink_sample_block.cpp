#include "ontonet/io/plink_sample_block.hpp"

#include <algorithm>
#include <cstring>

#include "ontonet/core/error.hpp"
#include "plink_codes.hpp"

namespace ontonet {

namespace {
// SNPs copied between two page releases: small enough that the mapped window stays a few tens of
// MB, large enough that the release calls cost nothing next to the copy.
constexpr std::size_t kReleaseWindowBytes = std::size_t{32} << 20;
constexpr std::size_t kTileSnps = 64;
}  // namespace

PlinkSampleBlock::PlinkSampleBlock(const PlinkDataset& dataset, std::size_t capacity)
    : dataset_(dataset), row_bytes_((capacity + 3) / 4), codes_(dataset.n_snps() * row_bytes_) {}

void PlinkSampleBlock::load(std::size_t first_sample, std::size_t n_samples) {
  ONTONET_CHECK(first_sample % 4 == 0, "a sample block must start on a .bed byte boundary");
  ONTONET_CHECK(n_samples <= 4 * row_bytes_, "sample block larger than its capacity");
  ONTONET_CHECK(
      first_sample <= dataset_.n_samples() && n_samples <= dataset_.n_samples() - first_sample,
      "sample block outside the PLINK data set");
  first_sample_ = first_sample;
  n_samples_ = n_samples;
  const std::size_t first_byte = first_sample / 4;
  const std::size_t n_bytes = (n_samples + 3) / 4;
  const std::size_t n_snps = dataset_.n_snps();
  const std::size_t window_snps =
      std::max<std::size_t>(kTileSnps, kReleaseWindowBytes / dataset_.bytes_per_snp());
  for (std::size_t window = 0; window < n_snps; window += window_snps) {
    const std::size_t window_end = std::min(n_snps, window + window_snps);
    // Transposes tiles of kTileSnps rows so that both the reads (kTileSnps row streams) and the
    // writes (kTileSnps contiguous bytes per code byte) stay sequential.
    for (std::size_t tile = window; tile < window_end; tile += kTileSnps) {
      const std::size_t tile_end = std::min(window_end, tile + kTileSnps);
      const std::uint8_t* tile_rows = dataset_.snp_row(tile) + first_byte;
      const std::size_t stride = dataset_.bytes_per_snp();
      for (std::size_t k = 0; k < n_bytes; ++k) {
        std::uint8_t* out = codes_.data() + k * n_snps;
        for (std::size_t snp = tile; snp < tile_end; ++snp) {
          out[snp] = tile_rows[(snp - tile) * stride + k];
        }
      }
    }
    dataset_.release_pages(window, window_end - window);
  }
}

void PlinkSampleBlock::decode(const std::vector<std::size_t>& sample_rows, std::size_t first_snp,
                              std::size_t n_snps, float* out, float missing_value) const {
  ONTONET_CHECK(first_snp <= dataset_.n_snps() && n_snps <= dataset_.n_snps() - first_snp,
                "SNP range outside the PLINK data set");
  for (std::size_t row : sample_rows) {
    ONTONET_CHECK(row >= first_sample_ && row < first_sample_ + n_samples_,
                  "sample row outside the loaded block");
  }
  if (n_snps == 0) return;
  const plink_codes::CodeLayout layout{codes_.data() + first_snp, 1, dataset_.n_snps(),
                                       first_sample_};
  plink_codes::decode(layout, sample_rows, n_snps, out, missing_value);
}

}  // namespace ontonet
