#include "ontonet/autodiff/losses.hpp"

#include "loss_support.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace ontonet::ops {

namespace {

template <typename Scalar>
void validate_survival(const char* op, const Matrix<Scalar>& risk, const Vector<Scalar>& times,
                       const Vector<Scalar>& events) {
  if (risk.rows() != 1) {
    detail::throw_op_error(op, "risk scores must be [1 x batch], got " +
                                   detail::shape_string(risk.rows(), risk.cols()));
  }
  if (times.size() != risk.cols() || events.size() != risk.cols()) {
    detail::throw_op_error(op, "batch of " + std::to_string(risk.cols()) + " with " +
                                   std::to_string(times.size()) + " times and " +
                                   std::to_string(events.size()) + " event indicators");
  }
  for (Index b = 0; b < times.size(); ++b) {
    if (!std::isfinite(times[b])) {
      detail::throw_op_error(op, "time " + std::to_string(b) + " is not finite");
    }
    if (events[b] != Scalar(0) && events[b] != Scalar(1)) {
      detail::throw_op_error(op, "event indicator " + std::to_string(b) + " is " +
                                     std::to_string(events[b]) + ", expected 0 or 1");
    }
  }
}

// Calls visit(begin, end) for each run of equal times in `order`, a permutation sorted by time.
template <typename Scalar, typename Visit>
void for_each_tie_group(const std::vector<Index>& order, const Vector<Scalar>& times, Visit visit) {
  std::size_t begin = 0;
  while (begin < order.size()) {
    std::size_t end = begin + 1;
    while (end < order.size() && times[order[end]] == times[order[begin]]) ++end;
    visit(begin, end);
    begin = end;
  }
}

}  // namespace

template <typename Scalar>
NodeId cox_partial_likelihood_loss(Tape<Scalar>& tape, NodeId risk,
                                   const Vector<NonDeduced<Scalar>>& times,
                                   const Vector<NonDeduced<Scalar>>& events,
                                   const Vector<NonDeduced<Scalar>>& sample_weights) {
  const char* op = "cox_partial_likelihood_loss";
  const Matrix<Scalar>& eta = tape.value(risk);
  validate_survival(op, eta, times, events);
  const Index batch = eta.cols();
  // eta: [1, batch] -> [1, 1]; saved = d loss / d eta, saved_rows = sample weights,
  // indices = samples by decreasing time (ties by index, for a fixed summation order)
  Node<Scalar>& loss = tape.record(op, {risk}, 1, 1);
  Vector<Scalar>& w = loss.saved_rows;
  detail::fill_sample_weights(op, sample_weights, batch, w);
  const Scalar event_weight = (w.array() * events.array()).sum();
  loss.value(0, 0) = 0;
  loss.saved.setZero(1, batch);
  loss.backward = detail::scale_saved_gradient<Scalar>;
  if (event_weight == Scalar(0)) return tape.finish(loss);

  std::vector<Index>& order = loss.indices;
  order.resize(static_cast<std::size_t>(batch));
  for (Index b = 0; b < batch; ++b) order[static_cast<std::size_t>(b)] = b;
  std::sort(order.begin(), order.end(), [&times](Index a, Index b) {
    return times[a] > times[b] || (times[a] == times[b] && a < b);
  });
  // Shifting by the largest score keeps exp() finite; it cancels in every ratio.
  const Scalar shift = eta.maxCoeff();
  auto exp_risk = [&](Index j) { return w[j] * std::exp(eta(0, j) - shift); };

  // Walking times downwards, the risk set of a tie group is everything seen so far plus the group.
  // Each event i gets ratio_i = w_i / S_i, parked in saved until the second pass.
  Scalar risk_sum = 0;
  Scalar log_likelihood = 0;
  for_each_tie_group(order, times, [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) risk_sum += exp_risk(order[k]);
    const Scalar log_risk_sum = std::log(risk_sum) + shift;
    for (std::size_t k = begin; k < end; ++k) {
      const Index i = order[k];
      if (events[i] == Scalar(0)) continue;
      log_likelihood += w[i] * (eta(0, i) - log_risk_sum);
      loss.saved(0, i) = w[i] / risk_sum;
    }
  });
  loss.value(0, 0) = -log_likelihood / event_weight;

  // Walking times upwards, sample k sits in the risk set of every event with time <= t_k:
  // d loss / d eta_k = -(w_k event_k - w_k exp(eta_k) sum_{i: t_i <= t_k} ratio_i) / event_weight.
  Scalar ratio_sum = 0;
  std::reverse(order.begin(), order.end());
  for_each_tie_group(order, times, [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) ratio_sum += loss.saved(0, order[k]);
    for (std::size_t k = begin; k < end; ++k) {
      const Index j = order[k];
      loss.saved(0, j) = -(w[j] * events[j] - exp_risk(j) * ratio_sum) / event_weight;
    }
  });
  return tape.finish(loss);
}

template NodeId cox_partial_likelihood_loss<float>(Tape<float>&, NodeId, const Vector<float>&,
                                                   const Vector<float>&, const Vector<float>&);
template NodeId cox_partial_likelihood_loss<double>(Tape<double>&, NodeId, const Vector<double>&,
                                                    const Vector<double>&, const Vector<double>&);

}  // namespace ontonet::ops
