// pepsearch --server against a hostile server (a thread of this test on loopback): one that
// trickles its answer a byte at a time, one that announces and sends 2 GB. The real pepsearch
// binary must give up with exit 2 and a clear message, in bounded memory.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <functional>
#include <thread>

#include "reliability_table.h"

using namespace pep::test;

namespace {

// Listens on a free loopback port; each accepted connection gets `serve(fd)` on its own thread.
class HostileServer {
 public:
  explicit HostileServer(std::function<void(int)> serve) : serve_(std::move(serve)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 8);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] {
      for (int c; (c = ::accept(fd_, nullptr, nullptr)) >= 0;) {
        serve_(c);
        ::close(c);
      }
    });
  }
  ~HostileServer() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::function<void(int)> serve_;
  int fd_ = -1, port_ = 0;
  std::thread thread_;
};

bool send_text(int fd, const std::string& s) { return ::send(fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size()); }

}  // namespace

TEST_CASE("client: pepsearch --server gives up on a server that trickles its answer") {
  // A byte every 100 ms for at most 30 s: each read succeeds, so only a whole-request deadline ends it.
  HostileServer server([](int fd) {
    char buf[4096];
    [[maybe_unused]] const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (!send_text(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")) return;
    for (int i = 0; i < 300 && send_text(fd, " "); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  });
  const Measured m = run_measured(pepsearch_bin() + " --server " + server.url() + " --server-timeout 2 VEGF");
  INFO(m.output);
  CHECK(m.exit_code == 2);
  CHECK(m.output.find("did not answer within 2 s") != std::string::npos);
  record_case("client", "pepsearch --server on a server trickling a byte per 100 ms", "exit 2 at --server-timeout",
              "exit " + std::to_string(m.exit_code) + " after " + std::to_string(static_cast<int>(m.seconds)) + " s (--server-timeout 2)");
}

TEST_CASE("client: pepsearch --server refuses an answer over its size cap without holding it") {
  HostileServer server([](int fd) {
    char buf[4096];
    [[maybe_unused]] const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (!send_text(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n")) return;
    const std::string chunk(1 << 16, ' ');
    for (size_t sent = 0; sent < (2ull << 30) && send_text(fd, chunk); sent += chunk.size()) {
    }
  });
  const Measured m = run_measured(pepsearch_bin() + " --server " + server.url() + " VEGF");
  INFO(m.output);
  CHECK(m.exit_code == 2);
  CHECK(m.output.find("sent an answer over 32 MB") != std::string::npos);
  CHECK(m.max_rss_kb < 200 * 1024);
  record_case("client", "pepsearch --server on a server sending 2 GB", "exit 2, memory bounded by the 32 MB cap",
              "exit " + std::to_string(m.exit_code) + ", peak RSS " + std::to_string(m.max_rss_kb / 1024) + " MB");
}
