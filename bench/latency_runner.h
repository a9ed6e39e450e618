// Runs a query set through an engine on N threads and reports latency percentiles and
// throughput. Each thread builds its own engine with `make_worker` (Xapian databases and sqlite3
// connections are per thread) and takes every N-th query; a short untimed warm-up precedes the
// timed run, which all threads start together.
#pragma once

#include <functional>
#include <vector>

#include "query_set.h"

namespace pep::bench {

struct LatencyStats {
  size_t threads = 1;
  size_t queries = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double qps = 0;
  std::vector<double> each_ms;  // per query, in query-set order
};

using QueryRunner = std::function<void(const BenchQuery&)>;

LatencyStats run_latency(const std::vector<BenchQuery>& queries, size_t threads,
                         const std::function<QueryRunner()>& make_worker);

// Nearest-rank percentile (0 < p <= 1) of unsorted values; 0 for none.
double percentile(std::vector<double> values, double p);

}  // namespace pep::bench
