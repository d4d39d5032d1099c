// Metrics of a classifier. Class labels are integers: 0/1 for a binary task, 0..n_classes-1 for a
// multiclass one. A binary model gives one score per sample, a multiclass model one score per class
// and sample, laid out like the network's output as [n_classes, n_samples]. Scores are either
// probabilities or logits and the caller says which (ScoreKind): ranking metrics (AUROC, average
// precision) do not care for a binary task, but the decision threshold does, and so does the
// multiclass one-vs-rest AUROC, which ranks samples by softmax probabilities. Every function
// throws ontonet::Error on malformed input (lengths, empty input, non-finite scores, labels out of
// range, probabilities outside [0, 1]); undefined metrics are NaN (see metrics.hpp).
#pragma once

#include <vector>

#include "ontonet/autodiff/tensor.hpp"
#include "ontonet/train/metrics.hpp"

namespace ontonet {

enum class ScoreKind {
  kProbability,  // in [0, 1]; predicts class 1 when score >= 0.5
  kLogit,        // any finite value; predicts class 1 when score >= 0 (probability >= 0.5)
};

// Area under the ROC curve: the probability that a random positive scores above a random
// negative, ties counting one half (the Mann-Whitney U statistic over n_pos * n_neg), computed
// from average ranks in O(n log n). NaN unless `labels` holds both classes.
double auroc(const std::vector<int>& labels, const std::vector<double>& scores);

// Area under the precision-recall curve as average precision, the definition of scikit-learn's
// average_precision_score: the sum over distinct score thresholds t, from high to low, of
// (R(t) - R(previous t)) * P(t), a step function rather than a trapezoid (which would overstate
// the area). Samples with equal scores enter together as one threshold. NaN when there is no
// positive; 1 when every sample is positive.
double average_precision(const std::vector<int>& labels, const std::vector<double>& scores);

// Predicted 0/1 labels: 1 when the score reaches the threshold of its kind (see ScoreKind).
std::vector<int> binary_predictions(const std::vector<double>& scores, ScoreKind kind);

// Predicted class per sample: the row of the largest score in each column, the lowest class on
// ties. class_scores: [n_classes, n_samples] with n_classes >= 2.
std::vector<int> argmax_predictions(const Matrix<double>& class_scores);

// Fraction of samples whose predicted label equals the true label.
double accuracy(const std::vector<int>& labels, const std::vector<int>& predicted);

// Mean over the classes present in `labels` of each class's recall (its fraction of samples
// predicted correctly). A class absent from `labels` has no recall and is left out of the mean,
// as scikit-learn's balanced_accuracy_score does.
double balanced_accuracy(const std::vector<int>& labels, const std::vector<int>& predicted);

// Unweighted mean over classes of the AUROC of "class c versus the rest", ranking samples by the
// probability of class c (softmax over each column first when kind is kLogit). Only classes whose
// one-vs-rest AUROC is defined enter the mean: those present in `labels` but not in all of it.
// NaN when there is none. class_scores: [n_classes, n_samples].
double macro_one_vs_rest_auroc(const std::vector<int>& labels, const Matrix<double>& class_scores,
                               ScoreKind kind);

// {"auroc", "auprc", "accuracy", "balanced_accuracy"} for 0/1 labels and one score per sample.
MetricSet binary_metrics(const std::vector<int>& labels, const std::vector<double>& scores,
                         ScoreKind kind);

// {"accuracy", "balanced_accuracy", "auroc"} (macro one-vs-rest) for labels in
// 0..n_classes-1 and class_scores: [n_classes, n_samples].
MetricSet multiclass_metrics(const std::vector<int>& labels, const Matrix<double>& class_scores,
                             ScoreKind kind);

}  // namespace ontonet
