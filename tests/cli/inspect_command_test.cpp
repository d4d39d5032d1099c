#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "run_command.hpp"

namespace ontonet::test {
namespace {

const std::string kExampleObo = source_path("ontologies/example/example.obo");
const std::string kExampleGaf = source_path("ontologies/example/example.gaf");

TEST(InspectCommand, SummarizesTheExampleOntologyAndNamesEveryDrop) {
  const CommandResult result =
      run_ontonet("inspect " + kExampleObo + " --annotations " + kExampleGaf);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("terms        13"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("genes        39 annotated"), std::string::npos);
  EXPECT_NE(result.output.find("edges        12: is_a 8, part_of 4"), std::string::npos);
  EXPECT_NE(result.output.find("dropped: 1 obsolete terms dropped"), std::string::npos);
  EXPECT_NE(result.output.find("dropped: 1 NOT-qualified annotations dropped"), std::string::npos);
}

TEST(InspectCommand, JsonSummaryHoldsTheSameCounts) {
  const CommandResult result =
      run_ontonet("inspect " + kExampleObo + " --annotations " + kExampleGaf +
                  " --relations is_a,part_of,regulates --json");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json summary = nlohmann::json::parse(result.output);
  EXPECT_EQ(summary["n_terms"], 13);
  EXPECT_EQ(summary["n_genes"], 39);
  EXPECT_EQ(summary["edges_by_relation"]["regulates"], 1);
  EXPECT_EQ(summary["format"], "obo");
}

TEST(InspectCommand, WritesTheSubDagOfOneTermAsDot) {
  ScratchDir scratch("inspect-dot");
  const std::string dot = scratch.path("repair.dot");
  const CommandResult result =
      run_ontonet("inspect " + kExampleObo + " --annotations " + kExampleGaf + " --dot " + dot +
                  " --dot-term EX:0000003");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::ifstream in(dot);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("EX:0000009"), std::string::npos);  // mismatch repair, below DNA repair
  EXPECT_EQ(text.find("EX:0000005"), std::string::npos);  // spindle checkpoint is not
}

TEST(InspectCommand, BadInputExitsWithCodeTwoAndNamesFileAndLine) {
  ScratchDir scratch("inspect-bad");
  const std::string obo =
      scratch.write("cycle.obo", "[Term]\nid: X:1\nis_a: X:2\n\n[Term]\nid: X:2\nis_a: X:1\n");
  const CommandResult result = run_ontonet("inspect " + obo);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("ontonet: error: " + obo + ":"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("cycle"), std::string::npos) << result.output;
}

TEST(InspectCommand, MissingFileAndUnknownFormatAreUserErrors) {
  EXPECT_EQ(run_ontonet("inspect /nonexistent/file.obo").exit_code, 2);
  const CommandResult bad_format = run_ontonet("inspect " + kExampleObo + " --format owl");
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_NE(bad_format.output.find("--format must be one of"), std::string::npos)
      << bad_format.output;
  EXPECT_EQ(run_ontonet("inspect").exit_code, 2);
}

TEST(InspectCommand, DotToAnUnwritableDirectoryFailsWithoutPartialFile) {
  const CommandResult result = run_ontonet("inspect " + kExampleObo + " --annotations " +
                                           kExampleGaf + " --dot /nonexistent/dir/out.dot");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.output.find("/nonexistent/dir/out.dot"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace ontonet::test
