#include "training_options.hpp"

namespace ontonet::cli {

void add_training_options(CLI::App& command, TrainOptions& train) {
  const std::string group = "Training";
  command.add_option("--epochs", train.epochs, "Maximum number of epochs")
      ->capture_default_str()
      ->group(group);
  command.add_option("--batch-size", train.batch_size, "Samples per mini-batch")
      ->capture_default_str()
      ->group(group);
  command.add_option("--optimizer", train.optimizer, "adam, adamw or sgd")
      ->capture_default_str()
      ->group(group);
  command.add_option("--learning-rate", train.learning_rate, "Learning rate")
      ->capture_default_str()
      ->group(group);
  command.add_option("--momentum", train.momentum, "sgd momentum")
      ->capture_default_str()
      ->group(group);
  command.add_option("--weight-decay", train.weight_decay, "adamw: decoupled decay; sgd: coupled")
      ->capture_default_str()
      ->group(group);
  command.add_option("--l2", train.l2, "L2 penalty on connection weights")
      ->capture_default_str()
      ->group(group);
  command.add_option("--l1", train.l1, "L1 penalty on connection weights (proximal: exact zeros)")
      ->capture_default_str()
      ->group(group);
  command
      .add_option("--group-lasso", train.group_lasso,
                  "Group-lasso penalty, a group being every weight from one gene, term or input "
                  "into one term or layer (proximal: whole connections reach zero)")
      ->capture_default_str()
      ->group(group);
  command.add_option("--clip-norm", train.clip_norm, "Clip the global gradient norm (0: off)")
      ->capture_default_str()
      ->group(group);
  command
      .add_option("--patience", train.patience,
                  "Epochs without a better validation loss before stopping (0: off)")
      ->capture_default_str()
      ->group(group);
}

}  // namespace ontonet::cli
