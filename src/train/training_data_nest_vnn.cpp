// The nest_vnn layout (DrugCell / NeST-VNN): one sample per response row, whose features are its
// cell line's row of the cell x gene channel matrices. A cell line measured twice (GDSC1 and
// GDSC2 rows of the same cell) gives two samples that share one feature row; splits keep the rows
// of one cell line together, so a cell is never both trained on and validated on.
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "example_list.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/nest_vnn_reader.hpp"
#include "training_data_common.hpp"

namespace ontonet::data_loading {

namespace {

SampleMatrix read_nest_vnn_features(const DataOptions& options) {
  require_numeric_task(options, "data format nest_vnn (its targets are drug responses)");
  std::vector<NestVnnChannel> channels;
  for (const std::string& name : options.channels) {
    channels.push_back({name, options.folder + "/cell2" + name + ".txt"});
  }
  if (channels.empty()) throw ConfigError("data.channels", "must name at least one channel");
  return read_cell_features(options.folder + "/cell2ind.txt", options.folder + "/gene2ind.txt",
                            channels);
}

// One response row matched to its cell's feature row.
struct ResponseSample {
  const DrugResponse* response;
  std::size_t cell_row;
  bool from_test_file;
};

// Appends the rows of `responses` whose cell is in `cell_row`; notes the others. Throws
// InputError when the file has rows but none of its cells is known.
void match_cells(const std::vector<DrugResponse>& responses, const std::string& path,
                 const std::unordered_map<std::string, std::size_t>& cell_row,
                 const std::string& cell_file, bool from_test_file,
                 std::vector<ResponseSample>& samples, std::vector<std::string>& notes) {
  std::vector<std::string> examples;
  std::size_t n_unknown = 0;
  for (const DrugResponse& response : responses) {
    const auto found = cell_row.find(response.cell);
    if (found != cell_row.end()) {
      samples.push_back({&response, found->second, from_test_file});
    } else if (++n_unknown <= kExampleCount) {
      examples.push_back(response.cell);
    }
  }
  if (n_unknown == responses.size()) {
    throw InputError(path, 0,
                     "expected cells listed in " + cell_file + "; none of the " +
                         std::to_string(n_unknown) +
                         " rows names one: " + example_list(examples, n_unknown));
  }
  if (n_unknown > 0) {
    notes.push_back(std::to_string(n_unknown) + " rows of " + path + " name cells not in " +
                    cell_file + " and are left out: " + example_list(examples, n_unknown));
  }
}

// The sample-ID rule (docs/formats/training_data.md): a cell with one response row is its own
// ID; the rows of a cell with several are "<cell>@<source>" when their sources differ, else
// "<cell>#<k>" for the k-th row (1-based) of that cell.
std::vector<std::string> sample_ids(const std::vector<ResponseSample>& samples) {
  std::unordered_map<std::string, std::size_t> rows_of_cell;
  std::unordered_map<std::string, std::size_t> rows_of_cell_source;
  for (const ResponseSample& sample : samples) {
    ++rows_of_cell[sample.response->cell];
    ++rows_of_cell_source[sample.response->cell + '\t' + sample.response->source];
  }
  std::unordered_map<std::string, bool> sources_differ;
  for (const ResponseSample& sample : samples) {
    const std::string& cell = sample.response->cell;
    const bool unique = rows_of_cell_source[cell + '\t' + sample.response->source] == 1 &&
                        !sample.response->source.empty();
    const auto [it, inserted] = sources_differ.emplace(cell, unique);
    if (!inserted) it->second = it->second && unique;
  }
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::size_t> seen;
  for (const ResponseSample& sample : samples) {
    const std::string& cell = sample.response->cell;
    const std::size_t k = ++seen[cell];
    if (rows_of_cell[cell] == 1) {
      ids.push_back(cell);
    } else if (sources_differ[cell]) {
      ids.push_back(cell + "@" + sample.response->source);
    } else {
      ids.push_back(cell + "#" + std::to_string(k));
    }
  }
  return ids;
}

void note_repeated_cells(const std::vector<ResponseSample>& samples,
                         std::vector<std::string>& notes) {
  std::unordered_map<std::string, std::size_t> rows_of_cell;
  std::unordered_set<std::string> train_cells, test_cells;
  for (const ResponseSample& sample : samples) {
    ++rows_of_cell[sample.response->cell];
    (sample.from_test_file ? test_cells : train_cells).insert(sample.response->cell);
  }
  std::size_t n_repeated = 0;
  for (const auto& [cell, n_rows] : rows_of_cell) n_repeated += n_rows > 1;
  if (n_repeated > 0) {
    notes.push_back(std::to_string(n_repeated) +
                    " cell lines have several response rows; each row is a sample "
                    "(<cell>@<source>) and the rows of a cell stay in one split");
  }
  std::vector<std::string> examples;
  std::size_t n_shared = 0;
  for (const ResponseSample& sample : samples) {
    const std::string& cell = sample.response->cell;
    if (sample.from_test_file && train_cells.count(cell) > 0 && ++n_shared <= kExampleCount) {
      examples.push_back(cell);
    }
  }
  if (n_shared > 0) {
    notes.push_back(std::to_string(n_shared) +
                    " test rows name cell lines that the training responses also hold: " +
                    example_list(examples, n_shared));
  }
}

void note_drugs(const std::vector<ResponseSample>& samples, std::vector<std::string>& notes) {
  std::unordered_set<std::string> drugs;
  for (const ResponseSample& sample : samples) drugs.insert(sample.response->drug);
  if (drugs.size() > 1) {
    notes.push_back("the responses name " + std::to_string(drugs.size()) +
                    " drugs; the drug is not an input, so all rows are one task");
  }
}

// Splits the cells of the training file's rows, then gives every row its cell's split; the test
// file's rows are the test split. With a test file, train and validation share the cells in the
// ratio of their fractions.
SplitIndices split_by_cell(const std::vector<ResponseSample>& samples, const DataOptions& options,
                           bool has_test_file, std::vector<std::string>& notes) {
  std::unordered_map<std::string, std::size_t> group_of_cell;
  std::vector<std::size_t> group(samples.size(), 0);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (samples[i].from_test_file) continue;
    group[i] = group_of_cell.emplace(samples[i].response->cell, group_of_cell.size()).first->second;
  }
  SplitFractions fractions = options.fractions;
  if (has_test_file) {
    const double kept = fractions.train + fractions.validation;
    if (!(kept > 0.0)) {
      throw ConfigError("split.fractions", "must give train a fraction > 0");
    }
    fractions = {fractions.train / kept, fractions.validation / kept, 0.0};
  }
  const SplitIndices cells = split_fractions(group_of_cell.size(), fractions, options.split_seed);
  std::vector<int> part_of_group(group_of_cell.size(), 0);
  for (std::size_t g : cells.validation) part_of_group[g] = 1;
  for (std::size_t g : cells.test) part_of_group[g] = 2;
  SplitIndices splits;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const int part = samples[i].from_test_file ? 2 : part_of_group[group[i]];
    (part == 0 ? splits.train : part == 1 ? splits.validation : splits.test).push_back(i);
  }
  if (splits.validation.empty()) notes.push_back("validation split empty: its fraction is 0");
  if (splits.test.empty()) notes.push_back("test split empty: its fraction is 0");
  return splits;
}

std::unordered_map<std::string, std::size_t> row_of_cell(const SampleMatrix& features) {
  std::unordered_map<std::string, std::size_t> rows;
  for (std::size_t r = 0; r < features.sample_ids.size(); ++r)
    rows.emplace(features.sample_ids[r], r);
  return rows;
}

InMemoryData in_memory(SampleMatrix features, const std::vector<ResponseSample>& samples,
                       const DataOptions& options) {
  InMemoryData data;
  data.feature_file = options.folder;
  data.sample_ids = sample_ids(samples);
  for (const ResponseSample& sample : samples) {
    data.sample_rows.push_back(sample.cell_row);
    data.targets.push_back(sample.response->response);
  }
  data.values = std::move(features.values);
  data.feature_ids = std::move(features.feature_ids);
  data.z_score.assign(data.feature_ids.size(), options.standardization == Standardization::kZScore);
  return data;
}

std::string describe(const SampleMatrix& features, const DataOptions& options) {
  return "nest_vnn " + options.folder + " (" + std::to_string(features.sample_ids.size()) +
         " cells, " + std::to_string(features.feature_ids.size()) + " features)";
}

}  // namespace

TrainingSet load_nest_vnn(const DataOptions& options) {
  require_option(options.folder, "folder", "nest_vnn");
  require_option(options.responses, "responses", "nest_vnn");
  SampleMatrix features = read_nest_vnn_features(options);
  const std::unordered_map<std::string, std::size_t> cells = row_of_cell(features);
  const std::string cell_file = options.folder + "/cell2ind.txt";
  const std::vector<DrugResponse> training = read_drug_responses(options.responses);
  const std::vector<DrugResponse> test = options.test_responses.empty()
                                             ? std::vector<DrugResponse>{}
                                             : read_drug_responses(options.test_responses);
  std::vector<std::string> notes;
  std::vector<ResponseSample> samples;
  match_cells(training, options.responses, cells, cell_file, false, samples, notes);
  if (!options.test_responses.empty()) {
    match_cells(test, options.test_responses, cells, cell_file, true, samples, notes);
  }
  note_repeated_cells(samples, notes);
  note_drugs(samples, notes);

  std::string description = describe(features, options) + "; responses " + options.responses;
  if (!options.test_responses.empty()) description += ", test " + options.test_responses;
  InMemoryData data = in_memory(std::move(features), samples, options);
  const std::vector<std::size_t> keep =
      samples_with_target(data.targets, data.sample_ids, options.responses, notes);
  keep_samples(data, keep);
  SplitIndices splits =
      split_by_cell(subset(samples, keep), options, !options.test_responses.empty(), notes);
  return finish_in_memory(std::move(data), std::move(splits), options, std::move(description),
                          std::move(notes));
}

PredictionInputs predict_nest_vnn(const DataOptions& options,
                                  const std::vector<std::string>& feature_ids,
                                  const nlohmann::json& preprocessing) {
  require_option(options.folder, "folder", "nest_vnn");
  SampleMatrix features = read_nest_vnn_features(options);
  std::string description = describe(features, options);
  std::vector<std::string> notes;
  std::vector<ResponseSample> samples;
  std::vector<DrugResponse> responses;
  if (options.responses.empty()) {
    // Every cell, once, named by itself: a prediction-only cohort.
    for (const std::string& cell : features.sample_ids)
      responses.push_back({cell, "", 0.0f, "", {}});
    for (std::size_t r = 0; r < responses.size(); ++r) samples.push_back({&responses[r], r, false});
  } else {
    responses = read_drug_responses(options.responses);
    match_cells(responses, options.responses, row_of_cell(features),
                options.folder + "/cell2ind.txt", false, samples, notes);
    description += "; responses " + options.responses;
  }
  InMemoryData data = in_memory(std::move(features), samples, options);
  const bool with_targets = !options.responses.empty();
  if (with_targets) {
    keep_samples(data,
                 samples_with_target(data.targets, data.sample_ids, options.responses, notes));
  }
  return predict_in_memory(std::move(data), with_targets, feature_ids, preprocessing,
                           std::move(description), std::move(notes));
}

}  // namespace ontonet::data_loading
