// QueryEngine: runs a SearchRequest against one index and returns a SearchResponse: ranked
// passages with snippets, and facet counts computed the multi-select way (each facet's counts
// apply the filters of the *other* facets, so a reader sees what each further choice gives).
//
// It owns one Xapian::Database and everything derived from it; Xapian objects are not
// thread-safe, so use one QueryEngine per thread. reopen_if_changed() switches to a newly
// published index generation (see index_location.h) between requests.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "api_error.h"
#include "evidence_map.h"
#include "manifest.h"
#include "search_types.h"

namespace pep {

// A request the engine cannot run; its code and `valid` (api_error.h) say why and what would do.
struct QueryError : RequestError {
  using RequestError::RequestError;
};

struct IndexStats {
  size_t passages = 0;
  size_t documents = 0;
  std::string generation;  // its directory name, gen-N
  std::string id;          // its manifest id (manifest.h)
  long long built_at = 0;  // unix time
};

class QueryEngine {
 public:
  // Opens the live generation of `index_dir` (and each one reopen_if_changed switches to),
  // checked to `depth` (generation.h); throws IndexError if there is none or it does not verify.
  explicit QueryEngine(const std::filesystem::path& index_dir, Verify depth = Verify::kSizes);
  ~QueryEngine();

  // Throws QueryError for a request that cannot be run (unknown facet or facet value, query too
  // long, ...). A facet value is known when the index's vocabulary lists it or a passage has it.
  // Every facet count carries the value's display label (the vocabulary's name; a grade's letter
  // in upper case; else the value itself), and an indication's count its parent. When the query
  // names exactly one compound and one indication with claims, the response carries their
  // EvidencePair (a compound named by the first word of its name, "thymosin", counts when only
  // one such compound has claims for the indication).
  SearchResponse search(const SearchRequest& request);
  void set_ranking(const RankingParams& ranking);
  // Returns true if a new generation was opened. One that does not open (IndexError, thrown
  // once per generation) leaves the engine serving the generation it had.
  bool reopen_if_changed();
  IndexStats stats() const;
  // The index generation this engine serves (cheap; a cache key part).
  const std::string& generation() const;
  // The evidence map (evidence_map.h) filtered by a compound and/or an indication slug ("" = any).
  // An unknown slug throws QueryError unknown_facet_value, naming the valid ones.
  EvidenceAnswer evidence(const std::string& compound, const std::string& indication);
  // Completions for search-as-you-type: known words starting with the last word of `prefix`
  // and compound/indication names, most frequent first.
  std::vector<std::string> suggest(const std::string& prefix, size_t limit = 8);

  static constexpr int kMaxPerPage = 100;
  static constexpr int kMaxPage = 1000;
  static constexpr int kMaxSubLimit = 20;  // SearchRequest::sub_limit

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pep
