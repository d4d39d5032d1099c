#include "ontonet/io/plink_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "ontonet/core/error.hpp"

namespace ontonet {
namespace {

using test::ScratchDir;

constexpr int kMissing = -1;

// Genotypes as text would state them: genotypes[snp][sample] = copies of A1, or kMissing.
using Genotypes = std::vector<std::vector<int>>;

// Packs genotypes the way the PLINK 1 documentation describes the SNP-major .bed: magic 6c 1b 01,
// then per SNP ceil(n/4) bytes, sample k of a byte in bits 2k..2k+1; codes 00 = hom A1,
// 01 = missing, 10 = het, 11 = hom A2.
std::string pack_bed(const Genotypes& genotypes, std::size_t n_samples) {
  std::string bytes = "\x6c\x1b\x01";
  for (const std::vector<int>& snp : genotypes) {
    std::string row((n_samples + 3) / 4, '\0');
    for (std::size_t s = 0; s < n_samples; ++s) {
      int code = 0;
      if (snp[s] == 2) code = 0;
      if (snp[s] == kMissing) code = 1;
      if (snp[s] == 1) code = 2;
      if (snp[s] == 0) code = 3;
      row[s / 4] = static_cast<char>(row[s / 4] | (code << (2 * (s % 4))));
    }
    bytes += row;
  }
  return bytes;
}

std::string bim_lines(std::size_t n_snps) {
  std::string text;
  for (std::size_t i = 0; i < n_snps; ++i) {
    text += "1\trs" + std::to_string(i) + "\t0.5\t" + std::to_string(1000 + i) + "\tA\tG\n";
  }
  return text;
}

std::string fam_lines(std::size_t n_samples) {
  std::string text;
  for (std::size_t i = 0; i < n_samples; ++i) {
    text += "F" + std::to_string(i) + " I" + std::to_string(i) + " 0 0 " + std::to_string(i % 3) +
            " " + (i % 2 == 0 ? "2" : "-9") + "\n";
  }
  return text;
}

// 7 samples (not a multiple of 4) x 3 SNPs, every code present.
const Genotypes kSeven = {
    {2, 1, 0, kMissing, 2, 2, 0},
    {0, 0, 1, 1, 2, kMissing, kMissing},
    {1, 2, 0, 1, 0, 2, 1},
};

std::string write_dataset(const ScratchDir& dir, const Genotypes& genotypes,
                          std::size_t n_samples) {
  dir.write("set.bed", pack_bed(genotypes, n_samples));
  dir.write("set.bim", bim_lines(genotypes.size()));
  dir.write("set.fam", fam_lines(n_samples));
  return dir.path("set");
}

std::string error_of(const std::string& prefix) {
  try {
    open_plink(prefix);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PlinkReader, DecodesEveryCodeForSampleCountNotDivisibleByFour) {
  ScratchDir dir("plink");
  const PlinkDataset dataset = open_plink(write_dataset(dir, kSeven, 7));
  ASSERT_EQ(dataset.n_samples(), 7u);
  ASSERT_EQ(dataset.n_snps(), 3u);
  EXPECT_EQ(dataset.bytes_per_snp(), 2u);

  const std::vector<std::size_t> rows = {6, 0, 3, 5, 1};  // out of order, crosses a byte
  std::vector<float> out(3 * rows.size());
  decode_batch(dataset, rows, 0, 3, out.data(), -7.0f);
  for (std::size_t snp = 0; snp < 3; ++snp) {
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const int expected = kSeven[snp][rows[j]];
      EXPECT_EQ(out[snp * rows.size() + j], expected == kMissing ? -7.0f : float(expected))
          << "snp " << snp << " sample " << rows[j];
    }
  }
}

TEST(PlinkReader, ContiguousBatchMatchesTextAndInt8MarksMissingAsMinusOne) {
  ScratchDir dir("plink");
  const PlinkDataset dataset = open_plink(write_dataset(dir, kSeven, 7));
  const std::vector<std::size_t> rows = {0, 1, 2, 3, 4, 5, 6};
  std::vector<float> dosages(2 * 7);
  std::vector<std::int8_t> codes(2 * 7);
  decode_batch(dataset, rows, 1, 2, dosages.data(), std::nanf(""));
  decode_batch_int8(dataset, rows, 1, 2, codes.data());
  for (std::size_t snp = 0; snp < 2; ++snp) {
    for (std::size_t s = 0; s < 7; ++s) {
      const int expected = kSeven[snp + 1][s];
      const float got = dosages[snp * 7 + s];
      if (expected == kMissing) {
        EXPECT_TRUE(std::isnan(got));
      } else {
        EXPECT_EQ(got, float(expected));
      }
      EXPECT_EQ(codes[snp * 7 + s], expected);
    }
  }
}

TEST(PlinkReader, ReadsBimAndFamColumnsAndPhenotypeMissingCodes) {
  ScratchDir dir("plink");
  const PlinkDataset dataset = open_plink(write_dataset(dir, kSeven, 7));
  EXPECT_EQ(dataset.variants()[2].id, "rs2");
  EXPECT_EQ(dataset.variants()[2].position_bp, 1002);
  EXPECT_DOUBLE_EQ(dataset.variants()[2].position_cm, 0.5);
  EXPECT_EQ(dataset.variants()[2].allele1, "A");
  EXPECT_EQ(dataset.samples()[4].individual_id, "I4");
  EXPECT_EQ(dataset.samples()[4].sex, 1);
  EXPECT_EQ(dataset.samples()[4].phenotype, 2.0f);
  EXPECT_TRUE(std::isnan(dataset.samples()[5].phenotype));  // -9
  EXPECT_EQ(plink_case_control(2.0f), 1.0f);
  EXPECT_EQ(plink_case_control(1.0f), 0.0f);
  EXPECT_TRUE(std::isnan(plink_case_control(0.0f)));
}

TEST(PlinkReader, SnpMeansUseOnlyTrainingRowsAndCountAllMissingSnps) {
  ScratchDir dir("plink");
  const PlinkDataset dataset = open_plink(write_dataset(dir, kSeven, 7));
  const SnpMeans means = snp_means(dataset, {0, 3, 5, 6});
  ASSERT_EQ(means.means.size(), 3u);
  EXPECT_FLOAT_EQ(means.means[0], (2 + 2 + 0) / 3.0f);  // sample 3 missing
  EXPECT_FLOAT_EQ(means.means[1], (0 + 1) / 2.0f);      // samples 5, 6 missing
  EXPECT_FLOAT_EQ(means.means[2], (1 + 1 + 2 + 1) / 4.0f);
  EXPECT_EQ(means.n_all_missing, 0u);

  const SnpMeans only_missing = snp_means(dataset, {5, 6});
  EXPECT_EQ(only_missing.n_all_missing, 1u);
  EXPECT_EQ(only_missing.means[1], 0.0f);
}

TEST(PlinkReader, RejectsWrongMagicNamingTheBytes) {
  ScratchDir dir("plink");
  const std::string prefix = write_dataset(dir, kSeven, 7);
  std::string bed = pack_bed(kSeven, 7);
  bed[1] = '\x1c';
  dir.write("set.bed", bed);
  const std::string message = error_of(prefix);
  EXPECT_NE(message.find("set.bed: expected PLINK magic bytes 6c 1b 01, got 6c 1c 01"),
            std::string::npos)
      << message;
}

TEST(PlinkReader, RejectsSampleMajorModeAsUnsupported) {
  ScratchDir dir("plink");
  const std::string prefix = write_dataset(dir, kSeven, 7);
  std::string bed = pack_bed(kSeven, 7);
  bed[2] = '\0';
  dir.write("set.bed", bed);
  const std::string message = error_of(prefix);
  EXPECT_NE(message.find("set.bed: "), std::string::npos) << message;
  EXPECT_NE(message.find("sample-major"), std::string::npos) << message;
  EXPECT_NE(message.find("not supported"), std::string::npos) << message;
}

TEST(PlinkReader, RejectsSizeMismatchStatingExpectedAndActual) {
  ScratchDir dir("plink");
  const std::string prefix = write_dataset(dir, kSeven, 7);
  // 3 + 3 SNPs x 2 bytes = 9 bytes expected; one extra byte written.
  dir.write("set.bed", pack_bed(kSeven, 7) + std::string(1, '\0'));
  const std::string message = error_of(prefix);
  EXPECT_NE(message.find("expected 9 bytes"), std::string::npos) << message;
  EXPECT_NE(message.find("got 10 bytes"), std::string::npos) << message;
}

TEST(PlinkReader, RejectsBimLineWithMissingColumnAtItsLine) {
  ScratchDir dir("plink");
  const std::string prefix = write_dataset(dir, kSeven, 7);
  dir.write("set.bim", "1 rs0 0 1000 A G\n1 rs1 0 1001 A\n1 rs2 0 1002 A G\n");
  const std::string message = error_of(prefix);
  EXPECT_NE(message.find("set.bim:2: expected 6 whitespace-separated columns"), std::string::npos)
      << message;
  EXPECT_NE(message.find("got 5"), std::string::npos) << message;
}

TEST(PlinkReader, RejectsBadFamLinesAtTheirLine) {
  ScratchDir dir("plink");
  const std::string prefix = write_dataset(dir, kSeven, 7);
  dir.write("set.fam", "F0 I0 0 0 1 1\nF1 I1 0 0 1\n");
  EXPECT_NE(error_of(prefix).find("set.fam:2: expected 6 whitespace-separated columns"),
            std::string::npos);
  dir.write("set.fam", "F0 I0 0 0 1 1\nF1 I1 0 0 1 1\nF2 I2 0 0 M 1\n");
  EXPECT_NE(error_of(prefix).find("set.fam:3: expected sex 1 (male), 2 (female) or 0"),
            std::string::npos);
  dir.write("set.fam", "F0 I0 0 0 1 1\nF0 I0 0 0 1 1\n");
  EXPECT_NE(error_of(prefix).find("set.fam:2: expected unique (family ID, individual ID) pairs"),
            std::string::npos);
}

TEST(PlinkReader, RejectsMissingFamFile) {
  ScratchDir dir("plink");
  dir.write("set.bed", pack_bed(kSeven, 7));
  dir.write("set.bim", bim_lines(3));
  const std::string message = error_of(dir.path("set"));
  EXPECT_NE(message.find("set.fam: cannot open file"), std::string::npos) << message;
}

// Values checked independently with a few lines of Python decoding the .bed byte by byte.
TEST(PlinkReader, ReadsGenNetSimulationWithKnownGenotypes) {
  const PlinkDataset dataset =
      open_plink(test::shared_data("gennet/A_to_Z/plink/GenNet_simulation"));
  ASSERT_EQ(dataset.n_samples(), 14000u);
  ASSERT_EQ(dataset.n_snps(), 100u);
  EXPECT_EQ(dataset.variants()[0].id, "16:6068679_C_A");
  EXPECT_EQ(dataset.variants()[0].allele1, "C");
  EXPECT_EQ(dataset.variants()[99].id, "20:14002621_A_G");
  EXPECT_EQ(dataset.samples()[13999].individual_id, "sample_14000");
  std::size_t cases = 0;
  for (const PlinkSample& sample : dataset.samples()) cases += sample.phenotype == 1.0f;
  EXPECT_EQ(cases, 2743u);

  const std::vector<std::size_t> rows = {0, 1, 2, 3, 4, 5, 13998, 13999};
  const std::vector<std::vector<float>> expected = {
      {0, 0, 0, 1, 0, 0, 0, 0},  // SNP 0
      {0, 0, 0, 0, 2, 0, 0, 1},  // SNP 1
      {2, 2, 2, 1, 1, 1, 1, 0},  // SNP 50
      {2, 1, 1, 1, 0, 2, 1, 1},  // SNP 99
  };
  const std::vector<std::size_t> snps = {0, 1, 50, 99};
  for (std::size_t k = 0; k < snps.size(); ++k) {
    std::vector<float> out(rows.size());
    decode_batch(dataset, rows, snps[k], 1, out.data(), -1.0f);
    EXPECT_EQ(out, expected[k]) << "SNP " << snps[k];
  }

  std::vector<std::size_t> all(14000);
  for (std::size_t s = 0; s < all.size(); ++s) all[s] = s;
  const SnpMeans means = snp_means(dataset, all);
  EXPECT_EQ(means.n_all_missing, 0u);
  EXPECT_NEAR(means.means[0], 0.5950714f, 1e-6f);
  EXPECT_NEAR(means.means[99], 0.6022857f, 1e-6f);
}

}  // namespace
}  // namespace ontonet
