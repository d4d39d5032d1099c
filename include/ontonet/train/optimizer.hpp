// The common shape of a first-order optimizer: it holds a parameter group and a learning rate, and
// step() moves every parameter using the gradients accumulated since the last zero_grad(). Each
// optimizer allocates its per-parameter state (momentum, moments) in its constructor, so step()
// allocates nothing; the parameters must therefore keep their sizes for the optimizer's lifetime.
// The learning rate is changed from outside between steps, by a schedule or by the training loop.
#pragma once

#include <vector>

#include "ontonet/train/parameter_group.hpp"

namespace ontonet {

template <typename Scalar>
class Optimizer {
 public:
  // Requires a valid group (see parameter_group.hpp) and a finite learning_rate >= 0.
  Optimizer(ParameterGroup<Scalar> parameters, double learning_rate, std::string name);
  virtual ~Optimizer() = default;
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  // Updates every parameter's value from its grad; grads are left as they are.
  virtual void step() = 0;

  // Sets every parameter's grad to zero, ready for the next backward pass.
  void zero_grad();

  // Throws ConfigError unless learning_rate is finite and >= 0.
  void set_learning_rate(double learning_rate);
  double learning_rate() const { return learning_rate_; }

  const ParameterGroup<Scalar>& parameters() const { return parameters_; }

  // What a checkpoint must keep so that the next step() after a restore is exactly the one an
  // uninterrupted run would take: every per-parameter state buffer (momentum, moments), in a fixed
  // order, and the number of steps taken. Stateless optimizers have neither.
  virtual std::vector<Vector<Scalar>*> state_buffers() { return {}; }
  virtual long step_count() const { return 0; }
  virtual void set_step_count(long /*steps*/) {}
  const std::string& name() const { return name_; }

 protected:
  // Throws InternalError if a parameter was resized after the optimizer allocated its state.
  void check_sizes_unchanged(const std::vector<Vector<Scalar>>& state) const;

  ParameterGroup<Scalar> parameters_;
  double learning_rate_;
  std::string name_;
};

}  // namespace ontonet
