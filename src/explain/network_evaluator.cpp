#include "ontonet/explain/network_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

#include "ontonet/core/error.hpp"

namespace ontonet {

namespace {

constexpr double kSecantThreshold = 1e-7;

double activation_value(Activation activation, double z) {
  switch (activation) {
    case Activation::kIdentity:
      return z;
    case Activation::kTanh:
      return std::tanh(z);
    case Activation::kRelu:
      return z > 0 ? z : 0.0;
    case Activation::kSigmoid:
      return 1.0 / (1.0 + std::exp(-z));
  }
  return z;
}

// At the ReLU kink the derivative is taken as 0, as the tape's relu does.
double activation_derivative(Activation activation, double z) {
  switch (activation) {
    case Activation::kIdentity:
      return 1.0;
    case Activation::kTanh: {
      const double t = std::tanh(z);
      return 1.0 - t * t;
    }
    case Activation::kRelu:
      return z > 0 ? 1.0 : 0.0;
    case Activation::kSigmoid: {
      const double s = 1.0 / (1.0 + std::exp(-z));
      return s * (1.0 - s);
    }
  }
  return 1.0;
}

// Column j of a matrix with one column or as many as the batch.
double at(const NeuronMatrix& m, Index row, Index column) {
  return m(row, m.cols() == 1 ? 0 : column);
}

}  // namespace

NetworkEvaluator::NetworkEvaluator(const Model<float>& model) {
  const NetworkSpec& spec = model.spec();
  n_neurons_ = spec.n_neurons();
  n_inputs_ = spec.n_inputs();
  const auto n = static_cast<std::size_t>(n_neurons_);
  activation_.assign(n, Activation::kIdentity);
  norm_first_.assign(n, 0);
  norm_scale_.assign(n, 1.0);
  norm_shift_.assign(n, 0.0);
  for (const ModelLevel<float>& model_level : model.levels()) {
    Level level;
    level.first_neuron = model_level.first_neuron;
    level.n_neurons = model_level.n_neurons;
    level.row_offsets = model_level.pattern.row_offsets();
    level.sources = model_level.pattern.col_indices();
    level.weights.assign(model_level.weights.value.data(),
                         model_level.weights.value.data() + model_level.weights.value.size());
    for (Index r = 0; r < level.n_neurons; ++r) {
      const auto neuron = static_cast<std::size_t>(level.first_neuron + r);
      activation_[neuron] = model_level.settings.activation;
      norm_first_[neuron] = model_level.settings.norm_order == NormOrder::kNormThenActivation;
      double scale = 1.0;
      double shift = 0.0;
      if (const BatchNorm<float>* norm = model_level.batch_norm.get()) {
        scale = norm->gamma.value[r] /
                std::sqrt(static_cast<double>(norm->running_var[r]) + norm->epsilon);
        shift = norm->beta.value[r] - scale * norm->running_mean[r];
      }
      norm_scale_[neuron] = scale;
      norm_shift_[neuron] = shift;
    }
    levels_.push_back(std::move(level));
    biases_.emplace_back(model_level.bias.value.data(),
                         model_level.bias.value.data() + model_level.bias.value.size());
  }
  for (const NeuronBlock& block : spec.blocks) {
    if (block.kind != NeuronKind::kOutput) continue;
    for (Index unit = 0; unit < block.n_neurons; ++unit) {
      output_neurons_.push_back(block.first_neuron + unit);
    }
  }
  // Edges run from earlier to later neurons, so one backward sweep marks every ancestor.
  feeds_output_.assign(n, 0);
  for (Index neuron : output_neurons_) feeds_output_[static_cast<std::size_t>(neuron)] = 1;
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l) {
    for (Index r = 0; r < l->n_neurons; ++r) {
      if (!feeds_output_[static_cast<std::size_t>(l->first_neuron + r)]) continue;
      for (Index e = l->row_offsets[r]; e < l->row_offsets[r + 1]; ++e) {
        feeds_output_[static_cast<std::size_t>(l->sources[static_cast<std::size_t>(e)])] = 1;
      }
    }
  }
  consumers_.resize(n);
  for (const Level& level : levels_) {
    for (Index r = 0; r < level.n_neurons; ++r) {
      const Index neuron = level.first_neuron + r;
      if (!feeds_output_[static_cast<std::size_t>(neuron)]) continue;
      for (Index e = level.row_offsets[r]; e < level.row_offsets[r + 1]; ++e) {
        consumers_[static_cast<std::size_t>(level.sources[static_cast<std::size_t>(e)])].push_back(
            neuron);
      }
    }
  }
}

Index NetworkEvaluator::level_of(Index neuron) const {
  ONTONET_CHECK(neuron >= n_inputs_ && neuron < n_neurons_, "level_of needs a non-input neuron");
  const auto after =
      std::upper_bound(levels_.begin(), levels_.end(), neuron,
                       [](Index value, const Level& level) { return value < level.first_neuron; });
  return static_cast<Index>(after - levels_.begin()) - 1;
}

std::vector<std::pair<Index, double>> NetworkEvaluator::incoming_weights(Index neuron) const {
  const Level& level = levels_[static_cast<std::size_t>(level_of(neuron))];
  const Index r = neuron - level.first_neuron;
  std::vector<std::pair<Index, double>> incoming;
  for (Index e = level.row_offsets[r]; e < level.row_offsets[r + 1]; ++e) {
    const auto entry = static_cast<std::size_t>(e);
    incoming.emplace_back(level.sources[entry], level.weights[entry]);
  }
  return incoming;
}

std::vector<char> NetworkEvaluator::reaches_output(Index unit) const {
  ONTONET_CHECK(unit >= 0 && unit < static_cast<Index>(output_neurons_.size()),
                "output unit out of range");
  // Edges run from earlier to later neurons, so one backward sweep marks every ancestor.
  std::vector<char> reaches(static_cast<std::size_t>(n_neurons_), 0);
  reaches[static_cast<std::size_t>(output_neurons_[static_cast<std::size_t>(unit)])] = 1;
  for (auto l = levels_.rbegin(); l != levels_.rend(); ++l) {
    for (Index r = 0; r < l->n_neurons; ++r) {
      if (!reaches[static_cast<std::size_t>(l->first_neuron + r)]) continue;
      for (Index e = l->row_offsets[r]; e < l->row_offsets[r + 1]; ++e) {
        reaches[static_cast<std::size_t>(l->sources[static_cast<std::size_t>(e)])] = 1;
      }
    }
  }
  return reaches;
}

double NetworkEvaluator::activate(Index neuron, double pre) const {
  const auto n = static_cast<std::size_t>(neuron);
  if (norm_first_[n])
    return activation_value(activation_[n], norm_scale_[n] * pre + norm_shift_[n]);
  return norm_scale_[n] * activation_value(activation_[n], pre) + norm_shift_[n];
}

double NetworkEvaluator::derivative(Index neuron, double pre) const {
  const auto n = static_cast<std::size_t>(neuron);
  if (norm_first_[n]) {
    return activation_derivative(activation_[n], norm_scale_[n] * pre + norm_shift_[n]) *
           norm_scale_[n];
  }
  return norm_scale_[n] * activation_derivative(activation_[n], pre);
}

void NetworkEvaluator::evaluate_neuron(const Level& level, const std::vector<double>& bias, Index r,
                                       NeuronValues& values) const {
  const Index neuron = level.first_neuron + r;
  auto pre = values.pre.row(neuron);
  if (!feeds_output_[static_cast<std::size_t>(neuron)]) {
    pre.setZero();
    values.post.row(neuron).setZero();
    return;
  }
  pre.setConstant(bias[static_cast<std::size_t>(r)]);
  for (Index e = level.row_offsets[r]; e < level.row_offsets[r + 1]; ++e) {
    const auto entry = static_cast<std::size_t>(e);
    pre += level.weights[entry] * values.post.row(level.sources[entry]);
  }
  for (Index b = 0; b < values.post.cols(); ++b) values.post(neuron, b) = activate(neuron, pre[b]);
}

NeuronValues NetworkEvaluator::forward(const NeuronMatrix& x) const {
  if (x.rows() != n_inputs_) {
    throw Error("explain: input has " + std::to_string(x.rows()) +
                " features, the network expects " + std::to_string(n_inputs_));
  }
  NeuronValues values;
  values.pre.resize(n_neurons_, x.cols());
  values.post.resize(n_neurons_, x.cols());
  values.pre.topRows(n_inputs_) = x;
  values.post.topRows(n_inputs_) = x;
  for (std::size_t l = 0; l < levels_.size(); ++l) {
    for (Index r = 0; r < levels_[l].n_neurons; ++r) {
      evaluate_neuron(levels_[l], biases_[l], r, values);
    }
  }
  return values;
}

std::vector<Index> NetworkEvaluator::forward_from(NeuronValues& values,
                                                  const NeuronOverride& pin) const {
  ONTONET_CHECK(static_cast<Index>(pin.neurons.size()) == pin.values.rows(),
                "one pinned row per pinned neuron");
  ONTONET_CHECK(std::adjacent_find(pin.neurons.begin(), pin.neurons.end(),
                                   std::greater_equal<Index>()) == pin.neurons.end(),
                "pinned neurons are sorted and distinct");
  // Edges run from lower to higher neurons, so taking the dirty neurons lowest first evaluates
  // each one after everything it reads.
  std::priority_queue<Index, std::vector<Index>, std::greater<Index>> dirty;
  const auto mark_consumers = [&](Index neuron) {
    for (Index consumer : consumers_[static_cast<std::size_t>(neuron)]) dirty.push(consumer);
  };
  for (std::size_t i = 0; i < pin.neurons.size(); ++i) {
    const Index neuron = pin.neurons[i];
    for (Index b = 0; b < values.post.cols(); ++b) {
      values.post(neuron, b) = at(pin.values, static_cast<Index>(i), b);
    }
    if (neuron < n_inputs_) values.pre.row(neuron) = values.post.row(neuron);
    mark_consumers(neuron);
  }
  std::vector<Index> changed = pin.neurons;
  Index previous = -1;
  while (!dirty.empty()) {
    const Index neuron = dirty.top();
    dirty.pop();
    if (neuron == previous) continue;
    previous = neuron;
    if (std::binary_search(pin.neurons.begin(), pin.neurons.end(), neuron)) continue;
    const auto l = static_cast<std::size_t>(level_of(neuron));
    evaluate_neuron(levels_[l], biases_[l], neuron - levels_[l].first_neuron, values);
    changed.push_back(neuron);
    mark_consumers(neuron);
  }
  std::sort(changed.begin(), changed.end());
  return changed;
}

NeuronMatrix NetworkEvaluator::derivative_slopes(const NeuronValues& values) const {
  NeuronMatrix slopes(n_neurons_, values.pre.cols());
  slopes.topRows(n_inputs_).setOnes();
  for (Index neuron = n_inputs_; neuron < n_neurons_; ++neuron) {
    for (Index b = 0; b < slopes.cols(); ++b) {
      slopes(neuron, b) = derivative(neuron, values.pre(neuron, b));
    }
  }
  return slopes;
}

NeuronMatrix NetworkEvaluator::rescale_slopes(const NeuronValues& values,
                                              const NeuronValues& reference) const {
  ONTONET_CHECK(reference.pre.cols() == 1 || reference.pre.cols() == values.pre.cols(),
                "the reference pass has one column or one per sample");
  NeuronMatrix slopes(n_neurons_, values.pre.cols());
  slopes.topRows(n_inputs_).setOnes();
  for (Index neuron = n_inputs_; neuron < n_neurons_; ++neuron) {
    for (Index b = 0; b < slopes.cols(); ++b) {
      const double pre = values.pre(neuron, b);
      const double pre_ref = at(reference.pre, neuron, b);
      const double d_pre = pre - pre_ref;
      slopes(neuron, b) = std::abs(d_pre) < kSecantThreshold
                              ? derivative(neuron, 0.5 * (pre + pre_ref))
                              : (values.post(neuron, b) - at(reference.post, neuron, b)) / d_pre;
    }
  }
  return slopes;
}

NeuronMatrix NetworkEvaluator::linear_slopes() const {
  NeuronMatrix slopes(n_neurons_, 1);
  for (Index neuron = 0; neuron < n_neurons_; ++neuron) {
    slopes(neuron, 0) = norm_scale_[static_cast<std::size_t>(neuron)];
  }
  return slopes;
}

NeuronMatrix NetworkEvaluator::backward(const NeuronMatrix& slopes, Index unit) const {
  ONTONET_CHECK(unit >= 0 && unit < static_cast<Index>(output_neurons_.size()),
                "output unit out of range");
  ONTONET_CHECK(slopes.rows() == n_neurons_, "one slope row per neuron");
  const Index batch = slopes.cols();
  NeuronMatrix d_post = NeuronMatrix::Zero(n_neurons_, batch);
  const Index output = output_neurons_[static_cast<std::size_t>(unit)];
  d_post.row(output).setOnes();
  Eigen::RowVectorXd d_pre(batch);
  for (auto l = static_cast<Index>(level_of(output)); l >= 0; --l) {
    const Level& level = levels_[static_cast<std::size_t>(l)];
    for (Index r = 0; r < level.n_neurons; ++r) {
      const Index neuron = level.first_neuron + r;
      d_pre = d_post.row(neuron).cwiseProduct(slopes.row(neuron));
      if (d_pre.isZero(0.0)) continue;
      for (Index e = level.row_offsets[r]; e < level.row_offsets[r + 1]; ++e) {
        const auto entry = static_cast<std::size_t>(e);
        d_post.row(level.sources[entry]) += level.weights[entry] * d_pre;
      }
    }
  }
  return d_post;
}

}  // namespace ontonet
