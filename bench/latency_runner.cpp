#include "latency_runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <latch>
#include <thread>

namespace pep::bench {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

LatencyStats run_latency(const std::vector<BenchQuery>& queries, size_t threads,
                         const std::function<QueryRunner()>& make_worker) {
  using clock = std::chrono::steady_clock;
  constexpr size_t kWarmup = 20;
  LatencyStats s;
  s.threads = std::max<size_t>(threads, 1);
  s.queries = queries.size();
  s.each_ms.assign(queries.size(), 0);
  std::latch ready(static_cast<std::ptrdiff_t>(s.threads) + 1);
  std::vector<std::exception_ptr> errors(s.threads);
  std::vector<std::thread> pool;
  clock::time_point started;
  for (size_t t = 0; t < s.threads; ++t)
    pool.emplace_back([&, t] {
      QueryRunner run;
      try {
        run = make_worker();
        for (size_t i = t, n = 0; i < queries.size() && n < kWarmup; i += s.threads, ++n) run(queries[i]);
      } catch (...) {
        errors[t] = std::current_exception();
      }
      ready.arrive_and_wait();
      if (errors[t]) return;
      try {
        for (size_t i = t; i < queries.size(); i += s.threads) {
          const auto a = clock::now();
          run(queries[i]);
          s.each_ms[i] = std::chrono::duration<double, std::milli>(clock::now() - a).count();
        }
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  ready.arrive_and_wait();
  started = clock::now();
  for (auto& th : pool) th.join();
  const double wall = std::chrono::duration<double>(clock::now() - started).count();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  s.p50_ms = percentile(s.each_ms, 0.50);
  s.p99_ms = percentile(s.each_ms, 0.99);
  s.max_ms = s.each_ms.empty() ? 0 : *std::max_element(s.each_ms.begin(), s.each_ms.end());
  s.qps = wall > 0 ? static_cast<double>(queries.size()) / wall : 0;
  return s;
}

}  // namespace pep::bench
