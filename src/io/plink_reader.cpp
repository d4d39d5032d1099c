#include "ontonet/io/plink_reader.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <string_view>
#include <utility>

#include "numeric_field.hpp"
#include "ontonet/core/error.hpp"
#include "ontonet/io/line_reader.hpp"

namespace ontonet {

namespace {

constexpr std::uint8_t kMagic0 = 0x6c;
constexpr std::uint8_t kMagic1 = 0x1b;
constexpr std::uint8_t kSnpMajor = 0x01;
constexpr std::size_t kHeaderBytes = 3;

void expect_six_columns(const LineReader& reader, const std::vector<std::string_view>& fields,
                        std::string_view layout) {
  if (fields.size() != 6) {
    throw reader.error("expected 6 whitespace-separated columns (" + std::string(layout) +
                       "), got " + std::to_string(fields.size()));
  }
}


int parse_sex(const LineReader& reader, std::string_view field) {
  if (field == "1") return 1;
  if (field == "2") return 2;
  if (field == "0" || field == "-9") return 0;
  throw reader.error("expected sex 1 (male), 2 (female) or 0 (unknown) in column 5, got '" +
                     std::string(field) + "'");
}

float parse_phenotype(std::string_view field) {
  float value = 0.0f;
  if (!numeric_field::parse_float(field, value) || value == -9.0f) {
    return std::numeric_limits<float>::quiet_NaN();
  }
  return value;
}

std::vector<PlinkSample> read_fam(const std::string& path) {
  LineReader reader(path);
  std::vector<PlinkSample> samples;
  std::map<std::pair<std::string, std::string>, std::size_t> line_of_sample;
  std::vector<std::string_view> fields;
  std::string_view line;
  while (reader.next(line)) {
    split_whitespace(line, fields);
    if (fields.empty()) throw reader.error("expected a sample, found an empty line");
    expect_six_columns(reader, fields, "family ID, individual ID, father, mother, sex, phenotype");
    PlinkSample sample;
    sample.family_id = std::string(fields[0]);
    sample.individual_id = std::string(fields[1]);
    sample.father_id = std::string(fields[2]);
    sample.mother_id = std::string(fields[3]);
    sample.sex = parse_sex(reader, fields[4]);
    sample.phenotype = parse_phenotype(fields[5]);
    const auto [it, inserted] = line_of_sample.emplace(
        std::make_pair(sample.family_id, sample.individual_id), reader.line_number());
    if (!inserted) {
      throw reader.error("expected unique (family ID, individual ID) pairs, but '" +
                         sample.family_id + " " + sample.individual_id + "' was already on line " +
                         std::to_string(it->second));
    }
    samples.push_back(std::move(sample));
  }
  return samples;
}

std::string hex_byte(std::uint8_t byte) {
  constexpr char kDigits[] = "0123456789abcdef";
  return {kDigits[byte >> 4], kDigits[byte & 0x0f]};
}

void check_bed_header(const MappedFile& bed) {
  const std::uint8_t* bytes = bed.data();
  if (bed.size() >= kHeaderBytes && bytes[0] == kMagic0 && bytes[1] == kMagic1 &&
      bytes[2] == 0x00) {
    throw InputError(bed.path(), 0,
                     "expected a SNP-major .bed (mode byte 01), got mode byte 00: sample-major "
                     ".bed files are not supported; rewrite it with plink --make-bed");
  }
  if (bed.size() < kHeaderBytes || bytes[0] != kMagic0 || bytes[1] != kMagic1 ||
      bytes[2] != kSnpMajor) {
    std::string got;
    for (std::size_t i = 0; i < kHeaderBytes && i < bed.size(); ++i) {
      got += (i > 0 ? " " : "") + hex_byte(bytes[i]);
    }
    if (got.empty()) got = "an empty file";
    throw InputError(bed.path(), 0,
                     "expected PLINK magic bytes 6c 1b 01, got " + got + " (not a PLINK 1 .bed?)");
  }
}

}  // namespace

std::vector<PlinkVariant> read_bim(const std::string& path) {
  LineReader reader(path);
  std::vector<PlinkVariant> variants;
  std::vector<std::string_view> fields;
  std::string_view line;
  while (reader.next(line)) {
    split_whitespace(line, fields);
    if (fields.empty()) throw reader.error("expected a variant, found an empty line");
    expect_six_columns(reader, fields, "chromosome, variant ID, cM, bp, allele 1, allele 2");
    PlinkVariant variant;
    variant.chromosome = std::string(fields[0]);
    variant.id = std::string(fields[1]);
    if (!numeric_field::parse_double(fields[2], variant.position_cm)) {
      throw reader.error("expected a number of centimorgans in column 3, got '" +
                         std::string(fields[2]) + "'");
    }
    if (!numeric_field::parse_int64(fields[3], variant.position_bp)) {
      throw reader.error("expected an integer base-pair position in column 4, got '" +
                         std::string(fields[3]) + "'");
    }
    variant.allele1 = std::string(fields[4]);
    variant.allele2 = std::string(fields[5]);
    variants.push_back(std::move(variant));
  }
  return variants;
}

float plink_case_control(float phenotype) {
  if (phenotype == 1.0f) return 0.0f;
  if (phenotype == 2.0f) return 1.0f;
  return std::numeric_limits<float>::quiet_NaN();
}

PlinkDataset::PlinkDataset(std::vector<PlinkVariant> variants, std::vector<PlinkSample> samples,
                           MappedFile bed)
    : variants_(std::move(variants)),
      samples_(std::move(samples)),
      bed_(std::move(bed)),
      bytes_per_snp_((samples_.size() + 3) / 4) {
  check_bed_header(bed_);
  const std::size_t expected = kHeaderBytes + variants_.size() * bytes_per_snp_;
  if (bed_.size() != expected) {
    throw InputError(bed_.path(), 0,
                     "expected " + std::to_string(expected) + " bytes (3 + " +
                         std::to_string(variants_.size()) + " SNPs x " +
                         std::to_string(bytes_per_snp_) + " bytes for " +
                         std::to_string(samples_.size()) + " samples), got " +
                         std::to_string(bed_.size()) + " bytes (.bed does not match .bim/.fam)");
  }
}

const std::uint8_t* PlinkDataset::snp_row(std::size_t snp) const {
  ONTONET_CHECK(snp < variants_.size(), "SNP index out of range");
  return bed_.data() + kHeaderBytes + snp * bytes_per_snp_;
}

void PlinkDataset::release_pages(std::size_t first_snp, std::size_t n_snps) const {
  bed_.release_pages(kHeaderBytes + first_snp * bytes_per_snp_, n_snps * bytes_per_snp_);
}

PlinkDataset open_plink(const std::string& prefix) {
  std::vector<PlinkVariant> variants = read_bim(prefix + ".bim");
  std::vector<PlinkSample> samples = read_fam(prefix + ".fam");
  return PlinkDataset(std::move(variants), std::move(samples), MappedFile(prefix + ".bed"));
}

}  // namespace ontonet
