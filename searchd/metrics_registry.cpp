#include "metrics_registry.h"

#include <chrono>
#include <sstream>

namespace pep {

namespace {

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

void MetricsRegistry::count_request(const std::string& route, int status) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
}

void MetricsRegistry::observe_latency(const std::string& route, double seconds) {
  std::lock_guard lock(mutex_);
  Histogram& h = latency_[route];
  size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  if (i < kBuckets.size()) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void MetricsRegistry::index_opened(const IndexStats& stats) {
  std::lock_guard lock(mutex_);
  // The caller reports only the live generation (searchd_main.cpp), so an older one opened by a
  // rollback counts like any other switch.
  if (index_open_ && stats.generation == index_.generation) return;
  if (index_open_) ++reloads_;
  index_open_ = true;
  index_ = stats;
  last_reload_ = unix_now();
}

void MetricsRegistry::index_damaged(bool damaged) {
  std::lock_guard lock(mutex_);
  index_damaged_ = damaged;
}

void MetricsRegistry::count_connection_event(ConnectionEvent event) {
  std::lock_guard lock(mutex_);
  ++connection_events_[static_cast<size_t>(event)];
}

std::string MetricsRegistry::render() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP pepsearch_http_requests_total HTTP requests answered, by route and status code.\n"
         "# TYPE pepsearch_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out << "pepsearch_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << n << "\n";

  out << "# HELP pepsearch_http_request_duration_seconds Time spent handling a request, by route.\n"
         "# TYPE pepsearch_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    unsigned long long cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      out << "pepsearch_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i] << "\"} "
          << cumulative << "\n";
    }
    out << "pepsearch_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.count << "\n"
        << "pepsearch_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n"
        << "pepsearch_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << "\n";
  }

  out << "# HELP pepsearch_index_ready 1 when an undamaged index is open and searches can be served.\n"
         "# TYPE pepsearch_index_ready gauge\n"
      << "pepsearch_index_ready " << (index_open_ && !index_damaged_ ? 1 : 0) << "\n";
  if (index_open_) {
    out.precision(15);
    out << "# HELP pepsearch_index_documents Source documents in the served index.\n"
           "# TYPE pepsearch_index_documents gauge\n"
        << "pepsearch_index_documents " << index_.documents << "\n"
        << "# HELP pepsearch_index_passages Passages (searchable units) in the served index.\n"
           "# TYPE pepsearch_index_passages gauge\n"
        << "pepsearch_index_passages " << index_.passages << "\n"
        << "# HELP pepsearch_index_built_timestamp_seconds When pepindex built the served generation (unix time).\n"
           "# TYPE pepsearch_index_built_timestamp_seconds gauge\n"
        << "pepsearch_index_built_timestamp_seconds " << index_.built_at << "\n"
        << "# HELP pepsearch_index_last_reload_timestamp_seconds When searchd last opened a new index generation (unix time).\n"
           "# TYPE pepsearch_index_last_reload_timestamp_seconds gauge\n"
        << "pepsearch_index_last_reload_timestamp_seconds " << last_reload_ << "\n"
        << "# HELP pepsearch_index_generation_info The index generation served: its directory and manifest id.\n"
           "# TYPE pepsearch_index_generation_info gauge\n"
        << "pepsearch_index_generation_info{generation=\"" << index_.generation << "\",id=\"" << index_.id << "\"} 1\n";
  }
  out << "# HELP pepsearch_index_reloads_total New index generations opened since start.\n"
         "# TYPE pepsearch_index_reloads_total counter\n"
      << "pepsearch_index_reloads_total " << reloads_ << "\n";
  out << "# HELP pepsearch_http_requests_shed_total Connections answered 503 because --max-connections were open.\n"
         "# TYPE pepsearch_http_requests_shed_total counter\n"
      << "pepsearch_http_requests_shed_total " << connection_events_[0] << "\n"
      << "# HELP pepsearch_http_connections_deadline_closed_total Connections closed because a request outlasted --timeout.\n"
         "# TYPE pepsearch_http_connections_deadline_closed_total counter\n"
      << "pepsearch_http_connections_deadline_closed_total " << connection_events_[1] << "\n"
      << "# HELP pepsearch_http_heads_rejected_total Requests refused (414, 431) for an over-long or over-full head.\n"
         "# TYPE pepsearch_http_heads_rejected_total counter\n"
      << "pepsearch_http_heads_rejected_total " << connection_events_[2] << "\n";
  return out.str();
}

}  // namespace pep
