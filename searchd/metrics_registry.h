// MetricsRegistry: what searchd counts, rendered in the Prometheus text format for /metrics:
// requests by route and status, a request latency histogram by route, and the served index
// (documents, passages, generation build time, last reload time, and which generation it is as
// pepsearch_index_generation_info{generation="gen-N",id="<manifest id>"} 1, the newest one opened), and what the connection
// guard did (requests shed, connections closed at their deadline, heads rejected). Thread-safe; one per server.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "query_engine.h"

namespace pep {

// What the connection guard (connection_guard.h) does to a connection, counted for /metrics.
enum class ConnectionEvent { Shed, ClosedByDeadline, HeadRejected };

class MetricsRegistry {
 public:
  // `route` is a fixed label ("/api/search", "static", "other"), never a raw request path,
  // so the number of series stays bounded whatever clients send.
  void count_request(const std::string& route, int status);
  void observe_latency(const std::string& route, double seconds);
  // An engine opened the live index generation; one other than the last counts as a reload.
  void index_opened(const IndexStats& stats);
  void count_connection_event(ConnectionEvent event);
  // Whether the live generation was found damaged (generation_watch.h): pepsearch_index_ready 0.
  void index_damaged(bool damaged);
  std::string render() const;

  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1,     2.5};

 private:
  struct Histogram {
    std::array<unsigned long long, kBuckets.size()> buckets{};  // non-cumulative
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, unsigned long long> requests_;
  std::map<std::string, Histogram> latency_;
  IndexStats index_;
  bool index_open_ = false;
  bool index_damaged_ = false;
  unsigned long long reloads_ = 0;
  std::array<unsigned long long, 3> connection_events_{};  // by ConnectionEvent
  double last_reload_ = 0;  // unix time, fractional
};

}  // namespace pep
