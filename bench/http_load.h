// HTTP load with wrk (loopback only, fixed duration): a generated Lua script cycles through a
// file of request paths, and its done() hook prints one machine-readable summary line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pep::bench {

struct HttpLoadOptions {
  std::string wrk = "wrk";  // path of the wrk binary
  int seconds = 5;
  int threads = 2;
  int connections = 8;
  // false: each thread cycles through every path from a staggered start (threads meet the same
  // paths); true: thread t of T sends paths t, t+T, t+2T, ... so no two threads send the same path
  // and a thread repeats one only after it has sent all of its share (paths / T).
  bool interleave = false;
};

struct HttpLoad {
  double qps = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  long requests = 0;
  long errors = 0;  // socket errors and non-2xx/3xx answers
};

// `base_url` like "http://127.0.0.1:8080"; `paths` like "/api/search?q=fever". Scratch files go
// to `work_dir`. Throws std::runtime_error when wrk fails or prints no summary.
HttpLoad run_wrk(const HttpLoadOptions& options, const std::string& base_url, const std::vector<std::string>& paths,
                 const std::filesystem::path& work_dir);

// Percent-encodes a query-string value (RFC 3986 unreserved characters pass).
std::string url_encode(const std::string& value);

}  // namespace pep::bench
