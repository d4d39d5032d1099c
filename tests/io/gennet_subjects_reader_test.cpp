#include "ontonet/io/gennet_subjects_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::ScratchDir;

std::string error_of(const std::string& path) {
  try {
    read_gennet_subjects(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(GenNetSubjectsReader, ReadsPaddedFieldsUnnamedIndexAndCovariates) {
  ScratchDir dir("subjects");
  const std::string path = dir.write("subjects.csv",
                                     "    ,patient_id,labels,genotype_row,set,cov_age,cov_sex\n"
                                     "0   ,p1   ,1  ,2 ,1,50,0\n"
                                     "1   ,p2   ,NA ,0 ,2,NA,1\n"
                                     "2   ,p1   ,0.5,1 ,3,61.5,1\n");
  const GenNetSubjects subjects = read_gennet_subjects(path);
  ASSERT_EQ(subjects.subjects.size(), 3u);
  EXPECT_EQ(subjects.covariate_names, (std::vector<std::string>{"cov_age", "cov_sex"}));
  EXPECT_EQ(subjects.ignored_columns, (std::vector<std::string>{""}));
  EXPECT_EQ(subjects.subjects[0].patient_id, "p1");
  EXPECT_EQ(subjects.subjects[0].genotype_row, 2u);
  EXPECT_EQ(subjects.subjects[1].split, DataSplit::kValidation);
  EXPECT_TRUE(std::isnan(subjects.subjects[1].label));
  EXPECT_TRUE(std::isnan(subjects.subjects[1].covariates[0]));
  EXPECT_EQ(subjects.subjects[2].covariates[0], 61.5f);
  EXPECT_EQ(subjects.subjects[2].line, 4u);
  EXPECT_EQ(subjects.n_missing_labels, 1u);
  EXPECT_EQ(subjects.n_missing_covariates, 1u);
  EXPECT_EQ(subjects.n_repeated_patient_ids, 1u);
  EXPECT_EQ(subjects.count(DataSplit::kTest), 1u);
}

TEST(GenNetSubjectsReader, RejectsHeaderWithoutARequiredColumn) {
  ScratchDir dir("subjects");
  const std::string path = dir.write("s.csv", "patient_id,labels,set\np1,1,1\n");
  EXPECT_NE(error_of(path).find("s.csv:1: expected a column named 'genotype_row'"),
            std::string::npos)
      << error_of(path);
}

TEST(GenNetSubjectsReader, RejectsBadRowsAtTheirLine) {
  ScratchDir dir("subjects");
  const std::string header = "patient_id,labels,genotype_row,set\n";
  const std::string bad_set = dir.write("set.csv", header + "p1,1,0,1\np2,1,1,4\n");
  EXPECT_NE(error_of(bad_set).find("set.csv:3: expected set 1 (train), 2 (validation) or 3 "
                                   "(test), got '4'"),
            std::string::npos);
  const std::string bad_row = dir.write("row.csv", header + "p1,1,-1,1\n");
  EXPECT_NE(error_of(bad_row).find("row.csv:2: expected a non-negative integer genotype_row"),
            std::string::npos);
  const std::string repeated = dir.write("rep.csv", header + "p1,1,0,1\np2,1,0,1\n");
  EXPECT_NE(error_of(repeated).find("rep.csv:3: expected each genotype_row once, but 0 was "
                                    "already on line 2"),
            std::string::npos);
  const std::string short_row = dir.write("short.csv", header + "p1,1,0\n");
  EXPECT_NE(error_of(short_row).find("short.csv:2: expected 4 comma-separated fields"),
            std::string::npos);
  const std::string label = dir.write("label.csv", header + "p1,yes,0,1\n");
  EXPECT_NE(error_of(label).find("label.csv:2: expected a number or NA in column 'labels'"),
            std::string::npos);
}

TEST(GenNetSubjectsReader, ChecksGenotypeRowsAgainstTheGenotypeFile) {
  ScratchDir dir("subjects");
  const std::string path =
      dir.write("s.csv", "patient_id,labels,genotype_row,set\np1,1,0,1\np2,0,5,1\n");
  const GenNetSubjects subjects = read_gennet_subjects(path);
  EXPECT_NO_THROW(check_genotype_rows(subjects, 6));
  try {
    check_genotype_rows(subjects, 5);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              path + ":3: expected genotype_row below 5 (rows of the genotype file), got 5");
  }
}

// Counts checked independently with Python's csv module.
TEST(GenNetSubjectsReader, ReadsTheFourGenNetSubjectFiles) {
  struct Expected {
    const char* folder;
    std::size_t n, train, validation, test, repeats, covariates;
  };
  const Expected cases[] = {
      {"example_classification", 8000, 4000, 2000, 2000, 382, 0},
      {"example_regression", 10000, 4000, 2000, 4000, 0, 0},
      {"example_regression_cov", 10000, 4000, 2000, 4000, 0, 1},
      {"A_to_Z/run_folder", 14000, 10000, 2000, 2000, 0, 0},
  };
  for (const Expected& e : cases) {
    SCOPED_TRACE(e.folder);
    const GenNetSubjects subjects = read_gennet_subjects(
        test::shared_data(std::string("gennet/") + e.folder + "/subjects.csv"));
    EXPECT_EQ(subjects.subjects.size(), e.n);
    EXPECT_EQ(subjects.count(DataSplit::kTrain), e.train);
    EXPECT_EQ(subjects.count(DataSplit::kValidation), e.validation);
    EXPECT_EQ(subjects.count(DataSplit::kTest), e.test);
    EXPECT_EQ(subjects.n_repeated_patient_ids, e.repeats);
    EXPECT_EQ(subjects.covariate_names.size(), e.covariates);
    EXPECT_EQ(subjects.n_missing_labels, 0u);
    EXPECT_NO_THROW(check_genotype_rows(subjects, e.n));
  }
  const GenNetSubjects cov =
      read_gennet_subjects(test::shared_data("gennet/example_regression_cov/subjects.csv"));
  EXPECT_EQ(cov.subjects[0].patient_id, "24794568");
  EXPECT_FLOAT_EQ(cov.subjects[0].label, 0.5319656429f);
  EXPECT_FLOAT_EQ(cov.subjects.back().label, -0.7482033461f);
  double cases_with_cov = 0;
  for (const GenNetSubject& s : cov.subjects) cases_with_cov += s.covariates[0];
  EXPECT_EQ(cases_with_cov, 1575.0);
  const GenNetSubjects a_to_z =
      read_gennet_subjects(test::shared_data("gennet/A_to_Z/run_folder/subjects.csv"));
  EXPECT_EQ(a_to_z.subjects.back().patient_id, "sample_14000");
  EXPECT_EQ(a_to_z.subjects.back().genotype_row, 13999u);
}

}  // namespace
}  // namespace ontonet
