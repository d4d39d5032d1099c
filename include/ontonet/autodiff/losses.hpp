// Losses of the tape. Each returns a [1, 1] node, ready for Tape::backward. Targets are data, not
// nodes: only the predictions receive a gradient. The per-sample loss l_b is averaged with
// optional per-sample weights w_b (empty = all 1):
//   loss = sum_b w_b l_b / sum_b w_b,
// so weights only change the relative importance of samples, never the scale of the loss.
// Weights must be >= 0 with a positive sum. Each loss computes d loss / d predictions during the
// forward pass (node.saved) and its backward rule scales that by the incoming gradient.
#pragma once

#include "ontonet/autodiff/tape.hpp"

#include <vector>

namespace ontonet::ops {

// Mean squared error, l_b = mean over the n features of (p - t)^2.
// predictions, targets: [n, batch] -> [1, 1].
template <typename Scalar>
NodeId mse_loss(Tape<Scalar>& tape, NodeId predictions, const Matrix<NonDeduced<Scalar>>& targets,
                const Vector<NonDeduced<Scalar>>& sample_weights = Vector<Scalar>());

// Binary cross-entropy on logits z with targets t in [0, 1] and per-output positive weights
// pos_weight (empty = all 1, else one per output row):
//   l = pos_weight * t * softplus(-z) + (1 - t) * softplus(z)      (= -t log s - (1-t) log(1-s))
// evaluated in the stable log-sum-exp form; l_b = mean over the n outputs.
// logits, targets: [n, batch] -> [1, 1].
template <typename Scalar>
NodeId bce_with_logits_loss(Tape<Scalar>& tape, NodeId logits, const Matrix<NonDeduced<Scalar>>& targets,
                            const Vector<NonDeduced<Scalar>>& pos_weight = Vector<Scalar>(),
                            const Vector<NonDeduced<Scalar>>& sample_weights = Vector<Scalar>());

// Softmax cross-entropy over the classes of each column: l_b = logsumexp(z_b) - z_b[class_b].
// With class weights c (empty = all 1) sample b weighs w_b * c[class_b], and the normalizer is
// the sum of those products (as in PyTorch's weighted cross-entropy).
// logits: [n_classes, batch], classes: batch indices in [0, n_classes) -> [1, 1].
template <typename Scalar>
NodeId softmax_cross_entropy_loss(Tape<Scalar>& tape, NodeId logits,
                                  const std::vector<Index>& classes,
                                  const Vector<NonDeduced<Scalar>>& class_weights = Vector<Scalar>(),
                                  const Vector<NonDeduced<Scalar>>& sample_weights = Vector<Scalar>());

// Negative Cox log partial likelihood of risk scores eta with Breslow's handling of ties: every
// sample whose time is >= an event's time is in that event's risk set, tied events included:
//   loss = - sum_{i: event} w_i (eta_i - log sum_{j: t_j >= t_i} w_j exp(eta_j)) / sum_{i: event} w_i.
// The normalizer is the weight of the events (the number of events without weights); a batch
// without events has loss 0 and gradient 0. Events are 0 or 1.
// risk: [1, batch], times, events: [batch] -> [1, 1].
template <typename Scalar>
NodeId cox_partial_likelihood_loss(Tape<Scalar>& tape, NodeId risk,
                                   const Vector<NonDeduced<Scalar>>& times,
                                   const Vector<NonDeduced<Scalar>>& events,
                                   const Vector<NonDeduced<Scalar>>& sample_weights = Vector<Scalar>());

// GenNet's activity regularizer: strength * sum |a| over every element of a: [n, batch] -> [1, 1].
// Add it to the data loss with ops::add. The subgradient at a == 0 is 0.
template <typename Scalar>
NodeId l1_activation_penalty(Tape<Scalar>& tape, NodeId activations, NonDeduced<Scalar> strength);

}  // namespace ontonet::ops
