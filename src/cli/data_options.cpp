#include "data_options.hpp"

#include "ontonet/core/error.hpp"

namespace ontonet::cli {

void add_data_options(CLI::App& command, DataArguments& args, bool for_prediction) {
  const std::string data = "Data";
  DataOptions& o = args.options;
  command
      .add_option("--data-format", o.format,
                  "Data layout: nest_vnn (cell2ind/gene2ind/cell2<channel> + responses), gennet "
                  "(genotype.h5 + subjects.csv), plink (.bed/.bim/.fam + phenotypes) or matrix "
                  "(samples x features TSV/CSV + phenotypes); see docs/formats/training_data.md")
      ->required()
      ->group(data);
  command
      .add_option("--data-folder", o.folder,
                  "nest_vnn: folder of cell2ind.txt, gene2ind.txt, cell2<channel>.txt; gennet: "
                  "folder of genotype.h5 and subjects.csv")
      ->group(data);
  command
      .add_option("--channels", o.channels, "nest_vnn: input channels per gene, cell2<channel>.txt")
      ->delimiter(',')
      ->capture_default_str()
      ->group(data);
  command
      .add_option("--responses", o.responses,
                  for_prediction ? "nest_vnn: responses to score the predictions against (optional)"
                                 : "nest_vnn: `cell drug response [source]` training responses")
      ->group(data);
  command.add_option("--plink", o.plink, "plink: prefix of the .bed/.bim/.fam files")->group(data);
  command.add_option("--matrix", o.matrix, "matrix: the samples x features file")->group(data);
  command
      .add_option("--phenotypes", o.phenotypes,
                  for_prediction ? "plink/matrix: phenotypes to score the predictions against "
                                   "(optional)"
                                 : "plink/matrix: phenotype file with a header (plink: default "
                                   "the .fam's 6th column)")
      ->group(data);
  command.add_option("--sample-column", o.sample_column, "Phenotype file: sample ID column")
      ->capture_default_str()
      ->group(data);
  command
      .add_option("--target-column", o.target_column,
                  "Phenotype file: the target column (survival: the time column)")
      ->capture_default_str()
      ->group(data);
  command
      .add_option("--event-column", o.event_column,
                  "Phenotype file, survival: the event column (1/true = event, 0/false = censored)")
      ->group(data);
  command
      .add_option("--covariates", o.covariates,
                  "Phenotype file columns used as extra inputs, z-scored on train (gennet: the "
                  "cov_* columns are always used)")
      ->delimiter(',')
      ->group(data);
  command
      .add_option("--topology", o.topology,
                  "GenNet topology naming the genotype columns by layer0_node (default: the "
                  "ontology when it is a GenNet topology)")
      ->group(data);
  if (for_prediction) return;
  command
      .add_option("--test-responses", o.test_responses,
                  "nest_vnn: held-out responses, the test split")
      ->group(data);
  command
      .add_option("--split-column", o.split_column,
                  "Phenotype file column holding train/validation/test (or 1/2/3)")
      ->group(data);
  command
      .add_option("--split-fractions", args.split_fractions,
                  "Train, validation and test fractions when the data has no split of its own "
                  "(stratified by class, or by event for survival)")
      ->delimiter(',')
      ->expected(3)
      ->capture_default_str()
      ->group(data);
  command.add_option("--split-seed", o.split_seed, "Seed of the split")
      ->capture_default_str()
      ->group(data);
  command
      .add_option("--task", args.task,
                  "regression (MSE), binary (cross-entropy on a logit), multiclass (softmax "
                  "cross-entropy over the labels) or survival (Cox partial likelihood; needs "
                  "--event-column)")
      ->capture_default_str()
      ->group(data);
  command
      .add_option("--standardize", args.standardize,
                  "none (features as read, missing values imputed to the training mean) or zscore "
                  "(training mean and sd)")
      ->capture_default_str()
      ->group(data);
}

DataOptions resolve_data_options(const DataArguments& args) {
  DataOptions options = args.options;
  options.task = parse_task_kind(args.task, "--task");
  if (args.standardize == "none") {
    options.standardization = Standardization::kNone;
  } else if (args.standardize == "zscore") {
    options.standardization = Standardization::kZScore;
  } else {
    throw ConfigError("--standardize", "must be none or zscore, got '" + args.standardize + "'");
  }
  if (args.split_fractions.size() != 3) {
    throw ConfigError("--split-fractions", "expects three numbers: train,validation,test");
  }
  options.fractions = {args.split_fractions[0], args.split_fractions[1], args.split_fractions[2]};
  return options;
}

nlohmann::json data_options_json(const DataOptions& o) {
  return {{"format", o.format},
          {"channels", o.channels},
          {"sample_column", o.sample_column},
          {"target_column", o.target_column},
          {"covariates", o.covariates},
          {"event_column", o.event_column},
          {"task", task_kind_name(o.task)},
          {"standardize", o.standardization == Standardization::kZScore ? "zscore" : "none"}};
}

}  // namespace ontonet::cli
