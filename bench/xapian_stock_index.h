// A "straightforward Xapian build" of the same passages, as a reference point for pepindex's
// build time: Xapian's own TermGenerator (English stemmer, positions), default database flags and
// flush threshold, one thread, the passage text as document data. Nothing of pepsearch in it, so
// it shows in the same run what the Xapian writer itself costs on this machine.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "passage_record.h"

namespace pep::bench {

struct StockXapianBuild {
  double seconds = 0;
  std::uintmax_t bytes = 0;
};

// Builds into `dir` (which must not exist) and measures the wall time of the build alone.
StockXapianBuild build_stock_xapian(const std::filesystem::path& dir, const std::vector<PassageRecord>& passages);

}  // namespace pep::bench
