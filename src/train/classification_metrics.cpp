#include "ontonet/train/classification_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>

#include "metric_input_checks.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_probabilities(const std::string& metric, const std::vector<double>& scores) {
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!(scores[i] >= 0.0 && scores[i] <= 1.0)) {
      throw Error(metric + ": scores[" + std::to_string(i) + "] = " + std::to_string(scores[i]) +
                  " is not a probability in [0, 1]; pass ScoreKind::kLogit for logits");
    }
  }
}

void check_binary_input(const std::string& metric, const std::vector<int>& labels,
                        const std::vector<double>& scores) {
  metric_checks::check_same_nonempty_length(metric, labels.size(), scores.size(), "labels",
                                            "scores");
  metric_checks::check_zero_one(metric, labels, "labels");
  metric_checks::check_finite(metric, scores, "scores");
}

void check_class_scores(const std::string& metric, const std::vector<int>& labels,
                        const Matrix<double>& class_scores, ScoreKind kind) {
  if (class_scores.rows() < 2) {
    throw Error(metric + ": class_scores needs one row per class and at least 2 classes, got " +
                std::to_string(class_scores.rows()) + " rows");
  }
  metric_checks::check_same_nonempty_length(metric, labels.size(),
                                            static_cast<std::size_t>(class_scores.cols()),
                                            "labels", "class_scores columns");
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= class_scores.rows()) {
      throw Error(metric + ": labels[" + std::to_string(i) + "] = " + std::to_string(labels[i]) +
                  " is not a class in 0.." + std::to_string(class_scores.rows() - 1));
    }
  }
  // A plain loop: Eigen's vectorized minCoeff()/maxCoeff() trip GCC 12's -Wmaybe-uninitialized
  // under -march=native with AVX-512.
  for (Index c = 0; c < class_scores.rows(); ++c) {
    for (Index sample = 0; sample < class_scores.cols(); ++sample) {
      const double score = class_scores(c, sample);
      if (!std::isfinite(score)) throw Error(metric + ": class_scores holds a non-finite value");
      if (kind == ScoreKind::kProbability && (score < 0.0 || score > 1.0)) {
        throw Error(metric + ": class_scores hold a value outside [0, 1]; pass ScoreKind::kLogit "
                             "for logits");
      }
    }
  }
}

// AUROC of checked 0/1 labels. With average ranks r, the Mann-Whitney statistic
// U = sum of positives' ranks - n_pos (n_pos + 1) / 2 counts the (positive, negative) pairs with
// the positive scored higher, tied pairs counting one half.
double auroc_of_checked(const std::vector<int>& labels, const std::vector<double>& scores) {
  const std::vector<double> ranks = average_ranks(scores);
  double n_positive = 0.0;
  double positive_rank_sum = 0.0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == 1) {
      n_positive += 1.0;
      positive_rank_sum += ranks[i];
    }
  }
  const double n_negative = static_cast<double>(labels.size()) - n_positive;
  if (n_positive == 0.0 || n_negative == 0.0) return kNaN;
  const double u = positive_rank_sum - n_positive * (n_positive + 1.0) / 2.0;
  return u / (n_positive * n_negative);
}

// class_scores: [n_classes, n_samples] -> softmax over each column, shifted by the column's max
// so exp() cannot overflow.
Matrix<double> column_softmax(const Matrix<double>& class_scores) {
  Matrix<double> probabilities(class_scores.rows(), class_scores.cols());
  for (Index sample = 0; sample < class_scores.cols(); ++sample) {
    const double column_max = class_scores.col(sample).maxCoeff();
    probabilities.col(sample) = (class_scores.col(sample).array() - column_max).exp().matrix();
    probabilities.col(sample) /= probabilities.col(sample).sum();
  }
  return probabilities;
}

}  // namespace

double auroc(const std::vector<int>& labels, const std::vector<double>& scores) {
  check_binary_input("auroc", labels, scores);
  return auroc_of_checked(labels, scores);
}

double average_precision(const std::vector<int>& labels, const std::vector<double>& scores) {
  check_binary_input("auprc", labels, scores);
  const double n_positive = static_cast<double>(std::count(labels.begin(), labels.end(), 1));
  if (n_positive == 0.0) return kNaN;

  std::vector<std::size_t> by_score(scores.size());
  std::iota(by_score.begin(), by_score.end(), std::size_t{0});
  std::sort(by_score.begin(), by_score.end(),
            [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });

  double true_positives = 0.0;
  double false_positives = 0.0;
  double area = 0.0;
  std::size_t group_begin = 0;
  while (group_begin < by_score.size()) {
    // All samples sharing this score cross the threshold together.
    double group_positives = 0.0;
    std::size_t group_end = group_begin;
    while (group_end < by_score.size() &&
           scores[by_score[group_end]] == scores[by_score[group_begin]]) {
      if (labels[by_score[group_end]] == 1) {
        group_positives += 1.0;
      } else {
        false_positives += 1.0;
      }
      ++group_end;
    }
    true_positives += group_positives;
    const double precision = true_positives / (true_positives + false_positives);
    area += (group_positives / n_positive) * precision;
    group_begin = group_end;
  }
  return area;
}

std::vector<int> binary_predictions(const std::vector<double>& scores, ScoreKind kind) {
  metric_checks::check_finite("binary_predictions", scores, "scores");
  if (kind == ScoreKind::kProbability) check_probabilities("binary_predictions", scores);
  const double threshold = kind == ScoreKind::kProbability ? 0.5 : 0.0;
  std::vector<int> predicted(scores.size());
  for (std::size_t i = 0; i < scores.size(); ++i) predicted[i] = scores[i] >= threshold ? 1 : 0;
  return predicted;
}

std::vector<int> argmax_predictions(const Matrix<double>& class_scores) {
  if (class_scores.rows() < 2) {
    throw Error("argmax_predictions: class_scores needs at least 2 rows (classes), got " +
                std::to_string(class_scores.rows()));
  }
  std::vector<int> predicted(static_cast<std::size_t>(class_scores.cols()));
  for (Index sample = 0; sample < class_scores.cols(); ++sample) {
    Index best = 0;
    class_scores.col(sample).maxCoeff(&best);  // Eigen returns the first maximum
    predicted[static_cast<std::size_t>(sample)] = static_cast<int>(best);
  }
  return predicted;
}

double accuracy(const std::vector<int>& labels, const std::vector<int>& predicted) {
  metric_checks::check_same_nonempty_length("accuracy", labels.size(), predicted.size(), "labels",
                                            "predicted");
  std::size_t n_correct = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) n_correct += labels[i] == predicted[i] ? 1 : 0;
  return static_cast<double>(n_correct) / static_cast<double>(labels.size());
}

double balanced_accuracy(const std::vector<int>& labels, const std::vector<int>& predicted) {
  metric_checks::check_same_nonempty_length("balanced_accuracy", labels.size(), predicted.size(),
                                            "labels", "predicted");
  struct ClassCounts {
    std::size_t n_samples = 0;
    std::size_t n_correct = 0;
  };
  std::map<int, ClassCounts> counts;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    ClassCounts& of_class = counts[labels[i]];
    ++of_class.n_samples;
    of_class.n_correct += labels[i] == predicted[i] ? 1 : 0;
  }
  double recall_sum = 0.0;
  for (const auto& [label, of_class] : counts) {
    recall_sum += static_cast<double>(of_class.n_correct) / static_cast<double>(of_class.n_samples);
  }
  return recall_sum / static_cast<double>(counts.size());
}

double macro_one_vs_rest_auroc(const std::vector<int>& labels, const Matrix<double>& class_scores,
                               ScoreKind kind) {
  check_class_scores("auroc", labels, class_scores, kind);
  const Matrix<double> probabilities =
      kind == ScoreKind::kLogit ? column_softmax(class_scores) : class_scores;
  double auroc_sum = 0.0;
  int n_defined = 0;
  std::vector<int> is_class(labels.size());
  std::vector<double> class_probability(labels.size());
  for (Index c = 0; c < probabilities.rows(); ++c) {
    for (std::size_t i = 0; i < labels.size(); ++i) {
      is_class[i] = labels[i] == c ? 1 : 0;
      class_probability[i] = probabilities(c, static_cast<Index>(i));
    }
    const double class_auroc = auroc_of_checked(is_class, class_probability);
    if (!std::isnan(class_auroc)) {
      auroc_sum += class_auroc;
      ++n_defined;
    }
  }
  return n_defined == 0 ? kNaN : auroc_sum / n_defined;
}

MetricSet binary_metrics(const std::vector<int>& labels, const std::vector<double>& scores,
                         ScoreKind kind) {
  const std::vector<int> predicted = binary_predictions(scores, kind);
  return {{"auroc", auroc(labels, scores)},
          {"auprc", average_precision(labels, scores)},
          {"accuracy", accuracy(labels, predicted)},
          {"balanced_accuracy", balanced_accuracy(labels, predicted)}};
}

MetricSet multiclass_metrics(const std::vector<int>& labels, const Matrix<double>& class_scores,
                             ScoreKind kind) {
  const double ovr_auroc = macro_one_vs_rest_auroc(labels, class_scores, kind);
  const std::vector<int> predicted = argmax_predictions(class_scores);
  return {{"accuracy", accuracy(labels, predicted)},
          {"balanced_accuracy", balanced_accuracy(labels, predicted)},
          {"auroc", ovr_auroc}};
}

}  // namespace ontonet
