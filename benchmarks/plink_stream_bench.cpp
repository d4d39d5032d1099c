// Streams a PLINK .bed larger than the memory budget in mini-batches of samples.
//
// Writes a seeded 50,000-sample x 100,000-SNP .bed (1.25 GB, written in chunks, never held in
// memory) to a temporary folder, then decodes every SNP for consecutive mini-batches of 64 samples
// into the activation layout [snps, batch], and prints samples/s and the peak resident set size.
// Every mini-batch needs a few bytes of every SNP row, i.e. of every page of the .bed, so decoding
// straight from the mapping keeps the whole file resident. The default mode therefore copies the
// codes of 8,192 samples at a time into a PlinkSampleBlock (205 MB), releasing the mapping behind
// the copy, and decodes the block's 128 mini-batches from it. The other modes, for comparison:
//   --direct       decode from the mapping, releasing each SNP window's pages after decoding it
//   --keep-mapped  decode from the mapping and keep it mapped (the whole file becomes resident)
// Usage: plink_stream_bench [--direct | --keep-mapped] [--batches N]
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "ontonet/io/plink_reader.hpp"
#include "ontonet/io/plink_sample_block.hpp"

namespace {

constexpr std::size_t kSamples = 50000;
constexpr std::size_t kSnps = 100000;
constexpr std::size_t kBatch = 64;
constexpr std::size_t kSnpWindow = 4096;     // --direct: SNPs decoded between page releases
constexpr std::size_t kBlockSamples = 8192;  // default mode: samples per PlinkSampleBlock
constexpr std::uint64_t kSeed = 20261125;

double peak_rss_mb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void write_dataset(const std::filesystem::path& prefix) {
  std::mt19937_64 random(kSeed);
  const std::size_t row_bytes = (kSamples + 3) / 4;
  std::ofstream bed(prefix.string() + ".bed", std::ios::binary);
  bed.write("\x6c\x1b\x01", 3);
  std::vector<char> row(row_bytes);
  for (std::size_t snp = 0; snp < kSnps; ++snp) {
    for (std::size_t b = 0; b < row_bytes; b += 8) {
      const std::uint64_t bits = random();
      std::memcpy(row.data() + b, &bits, std::min<std::size_t>(8, row_bytes - b));
    }
    bed.write(row.data(), static_cast<std::streamsize>(row_bytes));
  }
  std::ofstream bim(prefix.string() + ".bim");
  for (std::size_t snp = 0; snp < kSnps; ++snp) {
    bim << "1\trs" << snp << "\t0\t" << (snp + 1) * 100 << "\tA\tG\n";
  }
  std::ofstream fam(prefix.string() + ".fam");
  for (std::size_t s = 0; s < kSamples; ++s) fam << "F" << s << " I" << s << " 0 0 0 -9\n";
}

}  // namespace

int main(int argc, char** argv) {
  enum class Mode { kBlock, kDirect, kKeepMapped } mode = Mode::kBlock;
  std::size_t n_batches = (kSamples + kBatch - 1) / kBatch;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--direct") == 0) mode = Mode::kDirect;
    if (std::strcmp(argv[i], "--keep-mapped") == 0) mode = Mode::kKeepMapped;
    if (std::strcmp(argv[i], "--batches") == 0 && i + 1 < argc) n_batches = std::stoul(argv[++i]);
  }
  const std::filesystem::path folder = std::filesystem::temp_directory_path() /
                                       ("ontonet-plink-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::filesystem::path prefix = folder / "cohort";
  int status = 0;
  try {
    const auto write_start = std::chrono::steady_clock::now();
    write_dataset(prefix);
    const double write_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - write_start).count();
    std::printf("wrote %zu samples x %zu SNPs (%.2f GB) in %.1f s; peak RSS %.0f MB\n", kSamples,
                kSnps, std::filesystem::file_size(prefix.string() + ".bed") / 1e9, write_seconds,
                peak_rss_mb());

    const ontonet::PlinkDataset dataset = ontonet::open_plink(prefix.string());
    ontonet::PlinkSampleBlock block(dataset, kBlockSamples);
    std::vector<float> activations(kSnps * kBatch);  // [snps, batch]
    std::vector<std::size_t> rows;
    double checksum = 0.0;
    std::size_t n_decoded = 0;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t batch = 0; batch < n_batches; ++batch) {
      rows.clear();
      for (std::size_t s = batch * kBatch; s < std::min(kSamples, (batch + 1) * kBatch); ++s) {
        rows.push_back(s);
      }
      if (mode == Mode::kBlock) {
        if (batch * kBatch >= block.first_sample() + block.n_samples()) {
          block.load(batch * kBatch, std::min(kBlockSamples, kSamples - batch * kBatch));
        }
        block.decode(rows, 0, kSnps, activations.data(), 0.0f);
      } else {
        for (std::size_t first = 0; first < kSnps; first += kSnpWindow) {
          const std::size_t n = std::min(kSnpWindow, kSnps - first);
          ontonet::decode_batch(dataset, rows, first, n, activations.data() + first * rows.size(),
                                0.0f);
          if (mode == Mode::kDirect) dataset.release_pages(first, n);
        }
      }
      checksum += activations[batch % activations.size()];
      n_decoded += rows.size();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf(
        "streamed %zu samples x %zu SNPs in batches of %zu: %.1f s, %.0f samples/s, "
        "%.2e genotypes/s (%s)\n",
        n_decoded, kSnps, kBatch, seconds, n_decoded / seconds, n_decoded * double(kSnps) / seconds,
        mode == Mode::kBlock    ? "sample blocks of 8192"
        : mode == Mode::kDirect ? "direct, pages released per SNP window"
                                : "direct, pages kept mapped");
    std::printf("peak RSS %.0f MB (checksum %.0f)\n", peak_rss_mb(), checksum);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "plink_stream_bench: error: %s\n", e.what());
    status = 1;
  }
  std::filesystem::remove_all(folder);
  return status;
}
