// A FeatureSource that streams genotypes from a PLINK .bed: each fill() decodes the batch's
// samples for the selected SNPs (io/plink_reader.hpp, dosage of allele A1), replaces a missing
// genotype by the SNP's training mean and applies the fitted center and scale in the same pass.
// Covariates, when there are any, are held in memory and appended after the SNPs.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "feature_scaling.hpp"
#include "in_memory_features.hpp"
#include "ontonet/io/plink_reader.hpp"
#include "ontonet/train/training_set.hpp"

namespace ontonet {

class PlinkFeatures final : public FeatureSource {
 public:
  // Sample i is .fam row fam_rows[i]. Feature k < snps.size() is .bim row snps[k] with
  // snp_scaling's entry k (whose feature_ids name it); then come the covariates' features
  // (nullptr: none; else one sample per entry of fam_rows). Indices are checked.
  PlinkFeatures(std::shared_ptr<const PlinkDataset> dataset, std::vector<std::size_t> fam_rows,
                const std::vector<std::size_t>& snps, const FeatureScaling& snp_scaling,
                std::shared_ptr<const InMemoryFeatures> covariates);

  std::size_t n_samples() const override { return fam_rows_.size(); }
  const std::vector<std::string>& feature_ids() const override { return feature_ids_; }
  // x: [n_features, rows.size()]. Not reentrant: it reuses one buffer of .fam rows.
  void fill(const std::vector<std::size_t>& rows, Matrix<float>& x) const override;

 private:
  // Consecutive selected SNPs that are consecutive in the .bed too: decoded in one call.
  struct SnpRun {
    std::size_t first_snp;
    std::size_t n_snps;
    std::size_t first_feature;
  };

  std::shared_ptr<const PlinkDataset> dataset_;
  std::vector<std::size_t> fam_rows_;
  std::vector<SnpRun> runs_;
  std::size_t n_snps_ = 0;
  std::vector<float> missing_value_;  // per SNP feature: (fill - center) / scale
  std::vector<float> center_;
  std::vector<float> inverse_scale_;
  std::shared_ptr<const InMemoryFeatures> covariates_;
  std::vector<std::string> feature_ids_;
  mutable std::vector<std::size_t> batch_fam_rows_;  // reused: no allocation per batch
};

// The training statistics of every SNP of `dataset` over the .fam rows `train_rows`, in one
// streaming pass: fill = mean dosage of the observed genotypes (0 when none is observed), and with
// `z_score` center = mean, scale = sd. Also counts the missing genotypes of `all_rows` (every
// sample used) and the SNPs never observed in training. Feature IDs are `snp_ids`.
struct PlinkStatistics {
  FeatureScaling scaling;
  std::size_t n_missing_genotypes = 0;  // over all_rows x SNPs
  std::size_t n_unobserved_snps = 0;
};
PlinkStatistics fit_plink_statistics(const PlinkDataset& dataset,
                                     const std::vector<std::size_t>& train_rows,
                                     const std::vector<std::size_t>& all_rows,
                                     const std::vector<std::string>& snp_ids, bool z_score);

}  // namespace ontonet
