// GuardedServer: an httplib::Server that defends itself without a proxy in front. httplib 0.11
// times out each read, not a request, reads a head of any size into memory, and lets a slow
// client hold a worker thread; this subclass takes each accepted socket away from httplib's
// per-connection loop (process_and_close_socket) and runs its own:
//
//   accept thread   admits the socket, or answers 503 at once past max_connections + probe_reserve.
//   gate thread     one epoll loop over every connection waiting for a request head: reads at
//                   most head.max_bytes per connection (RequestHeadScanner checks size and header
//                   count: 414/431), closes a head not complete within request_timeout of its
//                   first byte (408) and a kept-alive connection idle for keep_alive; a slow
//                   client costs a socket and its buffer here, never a worker.
//   workers         `workers` threads; each serves one complete head through httplib's own
//                   parsing and routing (process_request) on a stream that serves the buffered
//                   bytes first and fails every read or write past the request's deadline, so
//                   body and answer share the same whole-request bound. The connection then
//                   goes back to the gate, with any pipelined bytes, for its next request.
//   probe worker    one more thread for /healthz and /readyz when every worker is busy; past
//                   max_connections only these probes are served (others get 503).
//
// Memory per connection is bounded by head.max_bytes plus the kernel's socket buffers, whatever
// clients send. Counters go to MetricsRegistry (ConnectionEvent). listen_after_bind() runs once:
// when stop() ends it, in-flight requests finish and waiting connections are closed. Each request
// is stamped with its start and an id before routing (access_log.h: stamp_request). Thread-safe
// as httplib::Server is; the limits are fixed at construction.
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <string>

#include "metrics_registry.h"
#include "request_head.h"

namespace pep {

struct GuardLimits {
  HeadLimits head;
  size_t max_connections = 512;  // open connections served normally
  size_t probe_reserve = 16;     // further connections kept only for /healthz and /readyz
  int request_timeout_sec = 5;   // first byte of a request to last byte of its answer
  int keep_alive_sec = 2;        // idle wait for the next request on a kept-alive connection
  size_t keep_alive_requests = 100;
  size_t workers = 8;
};

class GuardedServer : public httplib::Server {
 public:
  GuardedServer(const GuardLimits& limits, MetricsRegistry& metrics);
  ~GuardedServer() override;
  GuardedServer(const GuardedServer&) = delete;
  GuardedServer& operator=(const GuardedServer&) = delete;

 private:
  struct Gate;
  bool process_and_close_socket(socket_t sock) override;  // on the accept thread: hands sock to the gate
  bool serve_one(httplib::Stream& stream, bool close_connection, bool& connection_closed);
  std::unique_ptr<Gate> gate_;
  const std::string id_prefix_;  // random per process: ids stay distinct across restarts
  std::atomic<unsigned long long> next_id_{0};
};

}  // namespace pep
