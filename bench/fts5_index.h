// Fts5Index: the SQLite FTS5 side of every comparison, a stock "generic engine" over the same
// passages pepsearch indexed. One table, tokenize='porter unicode61', the passage text as the one
// indexed column; id, source path and the facet values ride along UNINDEXED so results can be
// judged and filtered like pepsearch's. Queries rank by bm25() and show snippet().
//
// Not thread-safe: one Fts5Index (one sqlite3 connection) per thread.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "passage_record.h"

namespace pep::bench {

struct Fts5Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Fts5Hit {
  std::string passage_id;
  std::string doc;      // source path, as in PassageRecord::source.path
  std::string text;
  std::string snippet;  // matches wrapped in <mark>...</mark>
  double bm25 = 0;      // SQLite's bm25(): lower is better
};

using FacetFilters = std::map<std::string, std::vector<std::string>>;  // OR within a facet, AND across

class Fts5Index {
 public:
  // Creates `db_file` (which must not exist) and inserts every passage in one transaction.
  static void build(const std::filesystem::path& db_file, const std::vector<PassageRecord>& passages);

  // Opens a built database read-only.
  explicit Fts5Index(const std::filesystem::path& db_file);
  ~Fts5Index();
  Fts5Index(const Fts5Index&) = delete;
  Fts5Index& operator=(const Fts5Index&) = delete;

  // `match` is an FTS5 query expression (see the fts5_* helpers). Throws Fts5Error on bad syntax
  // or an unknown facet.
  std::vector<Fts5Hit> search(const std::string& match, const FacetFilters& filters = {}, int limit = 10);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What a generic engine does with a search box: every word, OR-ed, each quoted so that FTS5
// operators and punctuation in the input are literal. "T-cell PD-1" -> "\"T-cell\" OR \"PD-1\"".
// Words without a letter or digit are dropped; "" when nothing is left.
std::string fts5_or_query(const std::string& typed);
// The whole text as one quoted phrase.
std::string fts5_phrase_query(const std::string& typed);
// Leading words OR-ed and the last one as a prefix: "heart atta" -> "\"heart\" OR \"atta\"*".
std::string fts5_prefix_query(const std::string& typed);

}  // namespace pep::bench
