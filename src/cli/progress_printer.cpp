#include "progress_printer.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ontonet::cli {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressPrinter::ProgressPrinter(const RunFolder& folder, std::string label, Index epochs, bool bar)
    : folder_(folder), label_(std::move(label)), epochs_(epochs), bar_(bar) {}

void ProgressPrinter::on_batch(Index epoch, Index batch, Index n_batches, double loss,
                               double samples_per_second) {
  if (!bar_) return;
  const auto now = std::chrono::steady_clock::now();
  if (batch != n_batches && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  constexpr int kWidth = 24;
  const int filled = static_cast<int>(kWidth * batch / std::max<Index>(n_batches, 1));
  std::cerr << "\r" << label_ << " epoch " << epoch << "/" << epochs_ << " ["
            << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << batch << "/"
            << n_batches << "  loss " << std::setprecision(4) << loss << "  "
            << static_cast<long long>(samples_per_second) << " samples/s   " << std::flush;
  bar_drawn_ = true;
}

void ProgressPrinter::on_epoch(const std::vector<EpochRecord>& history) {
  const EpochRecord& record = history.back();
  if (bar_drawn_) {
    std::cerr << "\r" << std::string(96, ' ') << "\r" << std::flush;
    bar_drawn_ = false;
  }
  std::ostringstream line;
  line << label_ << " epoch " << std::setw(4) << record.epoch << "  train loss " << std::setw(10)
       << std::setprecision(5) << record.train_loss;
  if (!std::isnan(record.validation_loss)) {
    line << "  validation loss " << std::setw(10) << record.validation_loss;
    for (const char* name : {"pearson", "auroc", "c_index"}) {
      const auto found = record.validation.find(name);
      if (found != record.validation.end())
        line << "  " << name << " " << std::setw(7) << found->second;
    }
  }
  line << "  " << std::fixed << std::setprecision(2) << record.seconds << " s  "
       << static_cast<long long>(record.samples_per_second) << " samples/s"
       << (record.best ? "  *" : "");
  std::cout << line.str() << std::endl;
  folder_.write_log(history);
}

}  // namespace ontonet::cli
