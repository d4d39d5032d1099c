// Decoding of PLINK 1 .bed genotype codes into dosages of allele A1, per mini-batch.
#include <array>
#include <cstring>

#include "ontonet/core/error.hpp"
#include "ontonet/io/plink_reader.hpp"
#include "plink_codes.hpp"

namespace ontonet {

namespace {

// A1 dosage of each 2-bit .bed code: 00 -> 2, 01 -> missing (-1), 10 -> 1, 11 -> 0.
constexpr std::array<std::int8_t, 4> kDosageOfCode = {2, -1, 1, 0};

// The four dosages packed in one .bed byte, lowest bits (first sample) first. Looking up a whole
// byte decodes four samples at once in the contiguous case and saves a shift in the general one.
template <typename Value>
using ByteTable = std::array<std::array<Value, 4>, 256>;

template <typename Value>
ByteTable<Value> make_byte_table(Value missing_value) {
  ByteTable<Value> table{};
  for (int byte = 0; byte < 256; ++byte) {
    for (int k = 0; k < 4; ++k) {
      const std::int8_t dosage = kDosageOfCode[(byte >> (2 * k)) & 3];
      table[byte][k] = dosage < 0 ? missing_value : static_cast<Value>(dosage);
    }
  }
  return table;
}

void check_ranges(const PlinkDataset& dataset, const std::vector<std::size_t>& sample_rows,
                  std::size_t first_snp, std::size_t n_snps) {
  ONTONET_CHECK(first_snp <= dataset.n_snps() && n_snps <= dataset.n_snps() - first_snp,
                "SNP range outside the PLINK data set");
  for (std::size_t row : sample_rows) {
    ONTONET_CHECK(row < dataset.n_samples(), "sample row outside the PLINK data set");
  }
}

bool is_aligned_run(const std::vector<std::size_t>& rows) {
  if (rows.empty() || rows[0] % 4 != 0) return false;
  for (std::size_t j = 1; j < rows.size(); ++j) {
    if (rows[j] != rows[0] + j) return false;
  }
  return true;
}

}  // namespace

namespace plink_codes {

// out: [n_snps, batch] row-major.
template <typename Value>
void decode_with_table(const CodeLayout& layout, const std::vector<std::size_t>& rows,
                       std::size_t n_snps, Value* out, const ByteTable<Value>& table) {
  const std::size_t batch = rows.size();
  // A batch of consecutive samples starting on a byte boundary (a sequential streaming pass)
  // copies four decoded samples per .bed byte.
  const std::size_t whole_bytes = is_aligned_run(rows) ? batch / 4 : 0;
  const std::size_t first_byte = batch > 0 ? (rows[0] - layout.first_sample) / 4 : 0;
  const std::size_t byte_stride = layout.byte_stride;
  for (std::size_t i = 0; i < n_snps; ++i) {
    const std::uint8_t* codes = layout.base + i * layout.snp_stride;
    Value* values = out + i * batch;
    for (std::size_t b = 0; b < whole_bytes; ++b) {
      const std::uint8_t byte = codes[(first_byte + b) * byte_stride];
      std::memcpy(values + 4 * b, table[byte].data(), 4 * sizeof(Value));
    }
    for (std::size_t j = 4 * whole_bytes; j < batch; ++j) {
      const std::size_t s = rows[j] - layout.first_sample;
      values[j] = table[codes[(s / 4) * byte_stride]][s % 4];
    }
  }
}

void decode(const CodeLayout& layout, const std::vector<std::size_t>& rows, std::size_t n_snps,
            float* out, float missing_value) {
  const ByteTable<float> table = make_byte_table<float>(missing_value);
  decode_with_table(layout, rows, n_snps, out, table);
}

}  // namespace plink_codes

void decode_batch(const PlinkDataset& dataset, const std::vector<std::size_t>& sample_rows,
                  std::size_t first_snp, std::size_t n_snps, float* out, float missing_value) {
  check_ranges(dataset, sample_rows, first_snp, n_snps);
  if (n_snps == 0) return;
  const plink_codes::CodeLayout layout{dataset.snp_row(first_snp), dataset.bytes_per_snp(), 1, 0};
  plink_codes::decode(layout, sample_rows, n_snps, out, missing_value);
}

void decode_batch_int8(const PlinkDataset& dataset, const std::vector<std::size_t>& sample_rows,
                       std::size_t first_snp, std::size_t n_snps, std::int8_t* out) {
  check_ranges(dataset, sample_rows, first_snp, n_snps);
  if (n_snps == 0) return;
  static const ByteTable<std::int8_t> table = make_byte_table<std::int8_t>(-1);
  const plink_codes::CodeLayout layout{dataset.snp_row(first_snp), dataset.bytes_per_snp(), 1, 0};
  plink_codes::decode_with_table(layout, sample_rows, n_snps, out, table);
}

SnpMeans snp_means(const PlinkDataset& dataset, const std::vector<std::size_t>& train_rows) {
  check_ranges(dataset, train_rows, 0, dataset.n_snps());
  static const ByteTable<std::int8_t> table = make_byte_table<std::int8_t>(-1);
  SnpMeans result;
  result.means.assign(dataset.n_snps(), 0.0f);
  for (std::size_t snp = 0; snp < dataset.n_snps(); ++snp) {
    const std::uint8_t* codes = dataset.snp_row(snp);
    std::size_t sum = 0;
    std::size_t observed = 0;
    for (std::size_t s : train_rows) {
      const std::int8_t dosage = table[codes[s / 4]][s % 4];
      if (dosage >= 0) {
        sum += static_cast<std::size_t>(dosage);
        ++observed;
      }
    }
    if (observed == 0) {
      ++result.n_all_missing;
    } else {
      result.means[snp] = static_cast<float>(static_cast<double>(sum) / observed);
    }
  }
  return result;
}

}  // namespace ontonet
