// searchd under wrk (pepbench --http): one searchd child serving an index, optionally beside the
// fixed-JSON ceiling server, loaded with three request sets:
//  - the single-word queries of the query set, a few hundred paths sent once untimed to fill
//    searchd's response cache, then cycled for S seconds: the cache answers them (`qps`, the
//    cached figure);
//  - the whole query set once (`mix_*`);
//  - the distinct set: thousands of different queries drawn from the corpus with another seed and
//    de-duplicated, more paths than one run sends, so each is searched, not looked up (`distinct_*`).
//    wrk's threads take the paths interleaved (http_load.h), so a path is sent twice only after a
//    thread has sent its whole share; searchd does not export cache hits, and
//    `distinct_cache_hits_at_most` = requests beyond one thread's share (0: the hit rate was 0).
// searchd's memory is read from /proc/PID/status after the runs: VmHWM (peak) and VmRSS.
// Returns nullopt (the reason on stderr) when a binary is missing; throws std::runtime_error when
// a server does not start or wrk fails. Keys in docs/benchmark.md.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "query_set.h"

namespace pep::bench {

struct SearchdLoadOptions {
  std::string searchd, ceiling, wrk;
  int seconds = 5;
  size_t runs = 3;                        // single-word runs, alternating with the ceiling
  std::vector<std::string> searchd_args;  // extra searchd flags (e.g. --facet-count-limit N)
};

// The /api/search path of each query (filters as facet=value parameters).
std::vector<std::string> search_paths(const std::vector<BenchQuery>& queries);

std::optional<nlohmann::json> measure_searchd(const SearchdLoadOptions& o, const std::filesystem::path& index_dir,
                                              const std::vector<BenchQuery>& queries,
                                              const std::vector<std::string>& distinct_paths,
                                              const std::filesystem::path& work, bool with_ceiling);

}  // namespace pep::bench
