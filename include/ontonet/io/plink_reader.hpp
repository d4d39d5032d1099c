// A PLINK 1 binary genotype set (.bed + .bim + .fam, SNP-major) opened for streaming. The .bim
// (variants) and .fam (samples) are read in full; the .bed is memory-mapped and decoded per
// mini-batch, so a cohort larger than memory is read one batch at a time.
//
// Dosage convention: the value ontonet decodes is the number of copies of allele A1 (the .bim's
// 5th column), as PLINK's own `--recode A` counts it: .bed code 00 (homozygous A1) -> 2,
// 10 (heterozygous) -> 1, 11 (homozygous A2) -> 0, 01 -> missing. See docs/formats/plink.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ontonet/io/mapped_file.hpp"

namespace ontonet {

struct PlinkVariant {  // one .bim line
  std::string chromosome;
  std::string id;
  double position_cm = 0.0;
  std::int64_t position_bp = 0;
  std::string allele1;  // A1: the allele whose copies the dosage counts
  std::string allele2;  // A2
};

struct PlinkSample {  // one .fam line
  std::string family_id;
  std::string individual_id;
  std::string father_id;  // "0" when not in the data set
  std::string mother_id;
  int sex = 0;  // 1 = male, 2 = female, 0 = unknown (-9 is read as 0)
  // The 6th column as a number; NaN for -9 and for non-numeric text such as "NA". It is kept as
  // written: whether 0 means "missing" (PLINK case/control 1/2 coding) or "control" (GenNet's
  // 0/1 coding) is the caller's choice; plink_case_control() applies the PLINK reading.
  float phenotype = 0.0f;
};

// PLINK's case/control reading of a .fam phenotype: 1 -> 0 (control), 2 -> 1 (case), anything
// else (0, -9, NaN, other numbers) -> NaN (missing).
float plink_case_control(float phenotype);

class PlinkDataset {
 public:
  PlinkDataset(std::vector<PlinkVariant> variants, std::vector<PlinkSample> samples,
               MappedFile bed);

  std::size_t n_samples() const { return samples_.size(); }
  std::size_t n_snps() const { return variants_.size(); }
  const std::vector<PlinkVariant>& variants() const { return variants_; }
  const std::vector<PlinkSample>& samples() const { return samples_; }
  const std::string& bed_path() const { return bed_.path(); }

  // Bytes of one SNP's row in the .bed: ceil(n_samples / 4).
  std::size_t bytes_per_snp() const { return bytes_per_snp_; }
  // The packed 2-bit codes of SNP `snp` (< n_snps()): sample s sits in byte s / 4 at bits
  // 2 * (s % 4) and 2 * (s % 4) + 1 (lowest bits first).
  const std::uint8_t* snp_row(std::size_t snp) const;

  // Lets the kernel unmap the .bed pages of SNPs [first_snp, first_snp + n_snps) from this
  // process; see MappedFile::release_pages. Decoding still works afterwards.
  void release_pages(std::size_t first_snp, std::size_t n_snps) const;

 private:
  std::vector<PlinkVariant> variants_;
  std::vector<PlinkSample> samples_;
  MappedFile bed_;
  std::size_t bytes_per_snp_ = 0;
};

// Opens prefix.bed, prefix.bim and prefix.fam. Throws InputError naming the file (and the line for
// .bim/.fam) when a file is missing or malformed, the .bed does not start with 6c 1b 01 (SNP-major;
// sample-major mode 00 is refused as unsupported), or the .bed size is not
// 3 + n_snps * ceil(n_samples / 4).
PlinkDataset open_plink(const std::string& prefix);

// The variants of a .bim file: 6 columns separated by runs of spaces or tabs (chromosome as
// written, variant ID, cM, bp, allele 1, allele 2). Throws InputError with the line otherwise.
std::vector<PlinkVariant> read_bim(const std::string& path);

// Decodes SNPs [first_snp, first_snp + n_snps) of the samples `sample_rows` (0-based .fam rows)
// into `out`, laid out [n_snps, sample_rows.size()] row-major: the batch values of one SNP are
// contiguous, as in ontonet's activation layout [features, batch]. Missing genotypes become
// `missing_value`. Requires the ranges to lie inside the data set (checked: InternalError).
void decode_batch(const PlinkDataset& dataset, const std::vector<std::size_t>& sample_rows,
                  std::size_t first_snp, std::size_t n_snps, float* out, float missing_value);

// The same layout with int8 dosages 0, 1, 2 and -1 for missing.
void decode_batch_int8(const PlinkDataset& dataset, const std::vector<std::size_t>& sample_rows,
                       std::size_t first_snp, std::size_t n_snps, std::int8_t* out);

struct SnpMeans {
  std::vector<float> means;  // per SNP: mean dosage over non-missing `train_rows`
  // SNPs whose genotype is missing in every training sample; their mean is set to 0.
  std::size_t n_all_missing = 0;
};

// Per-SNP mean dosage over the training samples only, for imputing missing genotypes without
// letting validation or test samples leak into training.
SnpMeans snp_means(const PlinkDataset& dataset, const std::vector<std::size_t>& train_rows);

}  // namespace ontonet
