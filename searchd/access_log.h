// AccessLog: searchd's access log, off until open() names a destination: one JSON object per line
// per request answered through httplib, appended to a file or written to stderr ("-"):
//   {"time":"2026-12-04T21:40:00.123Z","id":"5f3a9c1e-17","method":"GET","path":"/api/search?q=VEGF",
//    "status":200,"latency_ms":1.204,"results":12,"generation":"gen-3"}
// `time` is when the answer was written (ISO 8601 UTC, ms); `path` is the request target with its
// query; `latency_ms` runs from the moment a worker took the complete request head; `results`
// (matching passages) and `generation` (the index generation that answered) appear on the
// answers that carry them. JSON lines because the path is client bytes: JSON escapes them, and
// jq, Loki, Vector and journald's tooling read it without a grammar of our own (decision 0010).
//
// The request's id and start are put on the request by the connection guard (stamp_request) and
// the result count and generation on the answer by the API routes (the headers below), so a line
// is built from the request and answer alone. Requests the guard refuses before httplib parses
// them (408, 414, 431, 503 when shedding) are counted in /metrics, not logged here.
//
// Thread-safe: each line is one write(2) with O_APPEND, no lock held while writing; open()
// (SIGHUP) swaps the destination atomically, and a request writing meanwhile finishes on the old
// one. open() throws std::runtime_error naming the file when it cannot be opened (the log it had
// stays).
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

namespace pep {

// Request headers set by the server, never trusted from the client (stamp_request replaces them).
inline constexpr const char* kRequestIdHeader = "X-Request-Id";
inline constexpr const char* kRequestStartHeader = "X-Pepsearch-Request-Start";  // steady-clock ns
// Answer headers the API routes set for the log (clients see them too).
inline constexpr const char* kGenerationHeader = "X-Pepsearch-Generation";        // its directory name, gen-N
inline constexpr const char* kGenerationIdHeader = "X-Pepsearch-Generation-Id";   // its manifest id: the same on every replica
inline constexpr const char* kResultsHeader = "X-Pepsearch-Results";

// Gives `req` its start time and an id: the client's or proxy's X-Request-Id when it is short and
// plain (letters, digits, - _ . :), else `fallback_id`.
void stamp_request(httplib::Request& req, std::chrono::steady_clock::time_point start, const std::string& fallback_id);

// The log line (with its newline) for an answered request, at wall time `now`.
std::string access_log_line(const httplib::Request& req, const httplib::Response& res,
                            std::chrono::system_clock::time_point now, std::chrono::steady_clock::time_point steady_now);

class AccessLog {
 public:
  // "" turns the log off, "-" is stderr, anything else a file opened for appending (created 0640).
  void open(const std::string& where);
  void write(const httplib::Request& req, const httplib::Response& res);

 private:
  struct Sink;
  std::shared_ptr<const Sink> sink() const;
  mutable std::mutex mutex_;  // guards the pointer only, never a write
  std::shared_ptr<const Sink> sink_;
};

}  // namespace pep
