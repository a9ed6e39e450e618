#include "connection_guard.h"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api_error.h"
#include "access_log.h"

namespace pep {

namespace {

using Clock = std::chrono::steady_clock;

// One connection between requests: the bytes received and not yet handed to httplib.
struct Conn {
  enum class Phase { Idle, Head, Lingering };
  Conn(int fd, HeadLimits limits, Clock::time_point deadline) : fd(fd), scanner(limits), deadline(deadline) {}
  int fd;
  std::string buf;
  RequestHeadScanner scanner;
  Clock::time_point deadline;
  Phase phase = Phase::Idle;
  bool over_cap = false;
  size_t served = 0;
  size_t discarded = 0;
};

// httplib's view of a connection for one request: the buffered bytes first, then the socket,
// every wait bounded by the request's deadline.
class BoundedStream final : public httplib::Stream {
 public:
  BoundedStream(int fd, std::string pending, Clock::time_point deadline)
      : fd_(fd), pending_(std::move(pending)), deadline_(deadline) {}
  bool is_readable() const override { return pos_ < pending_.size() || wait(POLLIN); }
  bool is_writable() const override { return wait(POLLOUT); }
  ssize_t read(char* ptr, size_t size) override {
    if (pos_ < pending_.size()) {
      const size_t n = std::min(size, pending_.size() - pos_);
      std::memcpy(ptr, pending_.data() + pos_, n);
      pos_ += n;
      return static_cast<ssize_t>(n);
    }
    while (wait(POLLIN)) {
      const ssize_t n = ::recv(fd_, ptr, size, MSG_DONTWAIT);
      if (n >= 0 || (errno != EAGAIN && errno != EINTR)) return n;
    }
    return -1;
  }
  ssize_t write(const char* ptr, size_t size) override {
    while (wait(POLLOUT)) {
      const ssize_t n = ::send(fd_, ptr, size, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n >= 0 || (errno != EAGAIN && errno != EINTR)) return n;
    }
    return -1;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override { address(::getpeername, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address(::getsockname, ip, port); }
  socket_t socket() const override { return fd_; }

  std::string rest() const { return pending_.substr(pos_); }
  bool expired() const { return expired_; }

 private:
  bool wait(short events) const {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
      if (left <= 0) return !(expired_ = true);
      pollfd p{fd_, events, 0};
      const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
    }
  }
  template <typename Fn>
  void address(Fn get_name, std::string& ip, int& port) const {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    char text[INET6_ADDRSTRLEN] = "";
    port = 0;
    if (get_name(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
    if (addr.ss_family == AF_INET) {
      const auto* a = reinterpret_cast<sockaddr_in*>(&addr);
      ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text), port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      const auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
      ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text), port = ntohs(a->sin6_port);
    }
    ip = text;
  }

  int fd_;
  std::string pending_;
  size_t pos_ = 0;
  Clock::time_point deadline_;
  mutable bool expired_ = false;
};

// A complete answer written without waiting: the connection is refused, so a full socket
// buffer only loses the courtesy of the message.
void send_refusal(int fd, ErrorCode code, const char* reason, const std::string& message) {
  const int status = http_status(code);
  const std::string body = error_json(code, message).dump();
  const std::string text = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                           "\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n"
                           "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  [[maybe_unused]] const ssize_t n = ::send(fd, text.data(), text.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

// Runs each accepted connection's task at once on the accept thread: the task only hands the
// socket to the gate. Its shutdown (end of listen) drains the gate and the workers.
class InlineQueue final : public httplib::TaskQueue {
 public:
  explicit InlineQueue(std::function<void()> on_shutdown) : on_shutdown_(std::move(on_shutdown)) {}
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override { on_shutdown_(); }

 private:
  std::function<void()> on_shutdown_;
};

}  // namespace

struct GuardedServer::Gate {
  Gate(GuardedServer& server, const GuardLimits& limits, MetricsRegistry& metrics)
      : server(server), limits(limits), metrics(metrics), workers(limits.workers), probe_worker(1) {
    epoll = ::epoll_create1(EPOLL_CLOEXEC);
    wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &ev);
    thread = std::thread([this] { run(); });
  }
  ~Gate() {
    drain();
    ::close(epoll);
    ::close(wake);
  }

  // Accept thread: a new connection.
  void admit(int fd) {
    const size_t open_now = ++open;
    if (open_now > limits.max_connections + limits.probe_reserve || stopping) {
      send_refusal(fd, ErrorCode::overloaded, "Service Unavailable", "too many connections; try again shortly");
      metrics.count_connection_event(ConnectionEvent::Shed);
      close_fd(fd);
      return;
    }
    auto conn = std::make_shared<Conn>(fd, limits.head, Clock::now() + std::chrono::seconds(limits.request_timeout_sec));
    conn->over_cap = open_now > limits.max_connections;
    hand_to_gate(std::move(conn));
  }

  // Any thread: a connection to wait on (new, or back from a worker for its next request).
  void hand_to_gate(std::shared_ptr<Conn> conn) {
    {
      std::lock_guard lock(mutex);
      if (!stopping) {
        incoming.push_back(std::move(conn));
        conn = nullptr;
      }
    }
    if (conn) return close_fd(conn->fd);
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake, &one, sizeof one);
  }

  void drain() {
    {
      std::lock_guard lock(mutex);
      if (stopping) return;
      stopping = true;
    }
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(wake, &one, sizeof one);
    thread.join();
    workers.shutdown();
    probe_worker.shutdown();
  }

  void run() {
    std::vector<epoll_event> events(64);
    while (!stopping) {
      const int n = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 100);
      for (int i = 0; i < n; ++i) {
        if (events[i].data.fd == wake) {
          take_incoming();
          continue;
        }
        const auto it = conns.find(events[i].data.fd);
        if (it == conns.end()) continue;
        const std::shared_ptr<Conn> conn = it->second;  // a copy: handling may erase it from conns
        on_readable(conn);
      }
      sweep();
    }
    std::lock_guard lock(mutex);
    for (auto& c : incoming) close_fd(c->fd);
    for (auto& [fd, c] : conns) close_fd(fd);
    incoming.clear();
    conns.clear();
  }

  void take_incoming() {
    uint64_t count;
    [[maybe_unused]] const ssize_t n = ::read(wake, &count, sizeof count);
    std::vector<std::shared_ptr<Conn>> batch;
    {
      std::lock_guard lock(mutex);
      batch.swap(incoming);
    }
    for (auto& conn : batch) {
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP;
      ev.data.fd = conn->fd;
      ::epoll_ctl(epoll, EPOLL_CTL_ADD, conn->fd, &ev);
      conns[conn->fd] = conn;
      if (!conn->buf.empty()) check(conn);  // a pipelined request already read
    }
  }

  void on_readable(const std::shared_ptr<Conn>& conn) {
    char chunk[16 * 1024];
    for (;;) {
      const size_t room = conn->phase == Conn::Phase::Lingering ? sizeof chunk
                                                                : std::min(sizeof chunk, limits.head.max_bytes - conn->buf.size());
      if (room == 0) break;
      const ssize_t n = ::recv(conn->fd, chunk, room, MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
      if (n == 0 && conn->phase != Conn::Phase::Lingering && !conn->buf.empty()) return on_end_of_input(conn);
      if (n <= 0) return close_conn(conn);
      if (conn->phase != Conn::Phase::Lingering) {
        conn->buf.append(chunk, static_cast<size_t>(n));
      } else if ((conn->discarded += static_cast<size_t>(n)) > (1u << 20)) {
        return close_conn(conn);
      }
    }
    if (conn->phase != Conn::Phase::Lingering) check(conn);
  }

  // The client sent its request and closed its side: serve what is complete, drop the rest.
  void on_end_of_input(const std::shared_ptr<Conn>& conn) {
    check(conn);
    const auto it = conns.find(conn->fd);
    if (it != conns.end() && it->second == conn && conn->phase != Conn::Phase::Lingering) close_conn(conn);
  }

  void check(const std::shared_ptr<Conn>& conn) {
    if (conn->phase == Conn::Phase::Idle) {
      conn->phase = Conn::Phase::Head;
      conn->deadline = Clock::now() + std::chrono::seconds(limits.request_timeout_sec);
    }
    switch (conn->scanner.scan(conn->buf)) {
      case HeadVerdict::Incomplete:
        return;
      case HeadVerdict::Complete:
        return dispatch(conn);
      case HeadVerdict::LineTooLong:
        return refuse(conn, ErrorCode::uri_too_long, "URI Too Long", "request line too long", ConnectionEvent::HeadRejected);
      case HeadVerdict::TooLarge:
        return refuse(conn, ErrorCode::headers_too_large, "Request Header Fields Too Large", "request head over --max-head-bytes",
                      ConnectionEvent::HeadRejected);
      case HeadVerdict::TooManyHeaders:
        return refuse(conn, ErrorCode::headers_too_large, "Request Header Fields Too Large", "more headers than --max-headers",
                      ConnectionEvent::HeadRejected);
    }
  }

  // Answers, then keeps reading (and dropping) what the client still sends for a moment, so
  // the answer is not lost to a reset.
  void refuse(const std::shared_ptr<Conn>& conn, ErrorCode code, const char* reason, const std::string& message,
              ConnectionEvent event) {
    metrics.count_connection_event(event);
    send_refusal(conn->fd, code, reason, message);
    ::shutdown(conn->fd, SHUT_WR);
    conn->phase = Conn::Phase::Lingering;
    conn->buf.clear();
    conn->deadline = Clock::now() + std::chrono::seconds(1);
  }

  void dispatch(const std::shared_ptr<Conn>& conn) {
    const bool probe = is_health_probe(conn->buf);
    if (conn->over_cap && !probe)
      return refuse(conn, ErrorCode::overloaded, "Service Unavailable", "too many connections; try again shortly", ConnectionEvent::Shed);
    ::epoll_ctl(epoll, EPOLL_CTL_DEL, conn->fd, nullptr);
    conns.erase(conn->fd);
    auto& pool = probe && busy >= limits.workers ? probe_worker : workers;
    pool.enqueue([this, conn] { serve(conn); });
  }

  // A worker: one request through httplib, then back to the gate or closed.
  void serve(const std::shared_ptr<Conn>& conn) {
    ++busy;
    BoundedStream stream(conn->fd, std::move(conn->buf), conn->deadline);
    const bool last = stopping || conn->over_cap || ++conn->served >= limits.keep_alive_requests;
    bool closed = false;
    const bool ok = server.serve_one(stream, last, closed);
    --busy;
    if (stream.expired()) metrics.count_connection_event(ConnectionEvent::ClosedByDeadline);
    if (!ok || closed || last || stream.expired()) return close_fd(conn->fd);
    conn->buf = stream.rest();
    conn->scanner.reset();
    conn->phase = Conn::Phase::Idle;
    conn->deadline = Clock::now() + std::chrono::seconds(limits.keep_alive_sec);
    hand_to_gate(conn);
  }

  // Past its deadline: a head still arriving is told 408 and counted; an idle keep-alive or a
  // refused connection simply ends.
  void sweep() {
    const auto now = Clock::now();
    std::vector<std::shared_ptr<Conn>> expired;
    for (auto& [fd, conn] : conns)
      if (conn->deadline <= now) expired.push_back(conn);
    for (auto& conn : expired) {
      if (conn->phase == Conn::Phase::Head) {
        metrics.count_connection_event(ConnectionEvent::ClosedByDeadline);
        send_refusal(conn->fd, ErrorCode::request_timeout, "Request Timeout", "request not complete within --timeout");
      }
      close_conn(conn);
    }
  }

  void close_conn(const std::shared_ptr<Conn>& conn) {
    conns.erase(conn->fd);
    close_fd(conn->fd);  // closing also removes it from the epoll set
  }

  void close_fd(int fd) {
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
    --open;
  }

  GuardedServer& server;
  const GuardLimits limits;
  MetricsRegistry& metrics;
  httplib::ThreadPool workers, probe_worker;
  int epoll = -1, wake = -1;
  std::thread thread;
  std::atomic<size_t> open{0}, busy{0};
  std::atomic<bool> stopping{false};
  std::mutex mutex;                                // guards incoming and the stopping transition
  std::vector<std::shared_ptr<Conn>> incoming;     // handed over, not yet in the epoll set
  std::unordered_map<int, std::shared_ptr<Conn>> conns;  // gate thread only
};

namespace {

std::string random_hex() {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(std::random_device{}()));
  return buf;
}

}  // namespace

GuardedServer::GuardedServer(const GuardLimits& limits, MetricsRegistry& metrics)
    : gate_(std::make_unique<Gate>(*this, limits, metrics)), id_prefix_(random_hex()) {
  set_keep_alive_timeout(limits.keep_alive_sec);  // what the Keep-Alive header announces
  set_keep_alive_max_count(limits.keep_alive_requests);
  new_task_queue = [this] { return new InlineQueue([this] { gate_->drain(); }); };
}

GuardedServer::~GuardedServer() = default;

bool GuardedServer::process_and_close_socket(socket_t sock) {
  gate_->admit(sock);
  return true;
}

bool GuardedServer::serve_one(httplib::Stream& stream, bool close_connection, bool& connection_closed) {
  const auto start = std::chrono::steady_clock::now();
  return process_request(stream, close_connection, connection_closed, [this, start](httplib::Request& req) {
    stamp_request(req, start, id_prefix_ + "-" + std::to_string(++next_id_));
  });
}

}  // namespace pep
