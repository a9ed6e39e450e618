// Two reference Xapian builds of the same passages, to read pepindex's build time against. Nothing
// of pepsearch's analysis is in either, so they show in the same run what Xapian itself costs here.
//  - stock: a "straightforward Xapian build": Xapian's TermGenerator (English stemmer, positions),
//    default database flags and flush threshold, one thread, the passage text as document data.
//  - writer alone: the floor of any build that keeps the stems as Xapian terms, as pepindex does.
//    The passages are tokenised beforehand, outside the clock (TermGenerator, every word a stem
//    term with its wdf, stop words included as pepindex includes them as W terms, no positions:
//    pepindex keeps those in its own position store); timed are only building Xapian documents
//    from those terms, adding them to one shard per thread without termlist or fsync, committing
//    every 500 documents, and compacting the shards into one database. No parsing, tagging,
//    stored records, positions, values or facet terms.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "passage_record.h"

namespace pep::bench {

struct StockXapianBuild {
  double seconds = 0;
  std::uintmax_t bytes = 0;
};

// Builds into `dir` (which must not exist) and measures the wall time of the build alone.
StockXapianBuild build_stock_xapian(const std::filesystem::path& dir, const std::vector<PassageRecord>& passages);

// The writer-alone floor, on `threads` threads (shards); `dir` must not exist.
StockXapianBuild build_xapian_writer_alone(const std::filesystem::path& dir, const std::vector<PassageRecord>& passages, unsigned threads);

}  // namespace pep::bench
