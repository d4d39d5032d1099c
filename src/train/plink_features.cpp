#include "plink_features.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ontonet/core/error.hpp"

namespace ontonet {

PlinkFeatures::PlinkFeatures(std::shared_ptr<const PlinkDataset> dataset,
                             std::vector<std::size_t> fam_rows,
                             const std::vector<std::size_t>& snps,
                             const FeatureScaling& snp_scaling,
                             std::shared_ptr<const InMemoryFeatures> covariates)
    : dataset_(std::move(dataset)),
      fam_rows_(std::move(fam_rows)),
      n_snps_(snps.size()),
      covariates_(std::move(covariates)),
      feature_ids_(snp_scaling.feature_ids) {
  ONTONET_CHECK(dataset_ != nullptr, "PLINK source without a data set");
  ONTONET_CHECK(snp_scaling.size() == snps.size(), "one scaling entry per selected SNP");
  for (std::size_t row : fam_rows_) {
    ONTONET_CHECK(row < dataset_->n_samples(), ".fam row outside the PLINK data set");
  }
  for (std::size_t k = 0; k < snps.size(); ++k) {
    ONTONET_CHECK(snps[k] < dataset_->n_snps(), "SNP outside the PLINK data set");
    if (!runs_.empty() && runs_.back().first_snp + runs_.back().n_snps == snps[k]) {
      ++runs_.back().n_snps;
    } else {
      runs_.push_back({snps[k], 1, k});
    }
    center_.push_back(snp_scaling.center[k]);
    inverse_scale_.push_back(1.0f / snp_scaling.scale[k]);
    missing_value_.push_back((snp_scaling.fill[k] - snp_scaling.center[k]) / snp_scaling.scale[k]);
  }
  if (covariates_ != nullptr) {
    ONTONET_CHECK(covariates_->n_samples() == fam_rows_.size(), "one covariate row per sample");
    feature_ids_.insert(feature_ids_.end(), covariates_->feature_ids().begin(),
                        covariates_->feature_ids().end());
  }
}

void PlinkFeatures::fill(const std::vector<std::size_t>& rows, Matrix<float>& x) const {
  const std::size_t batch = rows.size();
  x.resize(static_cast<Index>(feature_ids_.size()), static_cast<Index>(batch));
  batch_fam_rows_.resize(batch);
  for (std::size_t j = 0; j < batch; ++j) {
    ONTONET_CHECK(rows[j] < fam_rows_.size(), "sample outside the PLINK source");
    batch_fam_rows_[j] = fam_rows_[rows[j]];
  }
  constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
  for (const SnpRun& run : runs_) {
    decode_batch(*dataset_, batch_fam_rows_, run.first_snp, run.n_snps,
                 x.data() + run.first_feature * batch, kMissing);
  }
  for (std::size_t k = 0; k < n_snps_; ++k) {
    float* values = x.data() + k * batch;
    const float center = center_[k];
    const float inverse_scale = inverse_scale_[k];
    const float missing = missing_value_[k];
    for (std::size_t j = 0; j < batch; ++j) {
      const float v = values[j];
      values[j] = std::isnan(v) ? missing : (v - center) * inverse_scale;
    }
  }
  if (covariates_ != nullptr) covariates_->fill_block(rows, x.data() + n_snps_ * batch);
}

PlinkStatistics fit_plink_statistics(const PlinkDataset& dataset,
                                     const std::vector<std::size_t>& train_rows,
                                     const std::vector<std::size_t>& all_rows,
                                     const std::vector<std::string>& snp_ids, bool z_score) {
  ONTONET_CHECK(snp_ids.size() == dataset.n_snps(), "one ID per SNP");
  std::vector<std::size_t> rows = all_rows;
  std::vector<std::uint8_t> is_train(rows.size(), 0);
  {
    std::vector<bool> train_mask(dataset.n_samples(), false);
    for (std::size_t row : train_rows) train_mask.at(row) = true;
    for (std::size_t j = 0; j < rows.size(); ++j) is_train[j] = train_mask.at(rows[j]);
  }
  // SNPs per decoded chunk: about 32 MB of int8 dosages, whatever the cohort size.
  const std::size_t chunk =
      std::max<std::size_t>(1, (std::size_t{32} << 20) / std::max<std::size_t>(1, rows.size()));
  std::vector<std::int8_t> dosages;
  PlinkStatistics statistics;
  for (std::size_t first = 0; first < dataset.n_snps(); first += chunk) {
    const std::size_t n = std::min(chunk, dataset.n_snps() - first);
    dosages.resize(n * rows.size());
    decode_batch_int8(dataset, rows, first, n, dosages.data());
    for (std::size_t i = 0; i < n; ++i) {
      const std::int8_t* snp = dosages.data() + i * rows.size();
      // Dosages are 0, 1, 2 or -1 (missing): counting them gives exact moments without a
      // division per genotype. counts[in training][dosage + 1].
      std::size_t counts[2][4] = {};
      for (std::size_t j = 0; j < rows.size(); ++j) ++counts[is_train[j]][snp[j] + 1];
      statistics.n_missing_genotypes += counts[0][0] + counts[1][0];
      FeatureMoments moments;
      moments.n_observed = counts[1][1] + counts[1][2] + counts[1][3];
      if (moments.n_observed > 0) {
        moments.mean = static_cast<double>(counts[1][2] + 2 * counts[1][3]) /
                       static_cast<double>(moments.n_observed);
        for (int dosage = 0; dosage <= 2; ++dosage) {
          const double deviation = dosage - moments.mean;
          moments.squared_deviations +=
              static_cast<double>(counts[1][dosage + 1]) * deviation * deviation;
        }
      }
      statistics.n_unobserved_snps += moments.n_observed == 0;
      moments.append_to(statistics.scaling, snp_ids[first + i], z_score);
    }
    // A pass over a cohort larger than memory must not keep the file resident behind it.
    dataset.release_pages(first, n);
  }
  return statistics;
}

}  // namespace ontonet
