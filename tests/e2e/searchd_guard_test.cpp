// searchd's connection guard through the real binary on loopback: header floods, slow clients,
// too many connections, pipelining, trickled requests, SIGHUP. Each case writes a row of the
// reliability table (docs/reliability.md). Liveness is checked as "answered at all within the
// test's own bounded wait", never against a wall-clock threshold.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <fstream>
#include <regex>
#include <thread>

#include "reliability_table.h"
#include "searchd_process.h"

using namespace pep::test;

namespace {

void send_all(int fd, const std::string& bytes) {
  for (size_t sent = 0; sent < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

std::string read_until_closed(int fd) {
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) text.append(buf, static_cast<size_t>(n));
  return text;
}

// Status codes of every answer in `text`, in order.
std::vector<int> statuses(const std::string& text) {
  std::vector<int> out;
  const std::regex status_line(R"(HTTP/1\.1 (\d{3}) )");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), status_line); it != std::sregex_iterator(); ++it)
    out.push_back(std::stoi((*it)[1]));
  return out;
}

int ask(int port, const std::string& target) {
  const int fd = connect_to(port);
  if (fd < 0) return 0;
  send_all(fd, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  const auto s = statuses(read_until_closed(fd));
  ::close(fd);
  return s.empty() ? 0 : s.front();
}

long status_kb(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

// Retries for a while: the server may not yet have seen the test close its idle connections.
long metric(const SearchdProcess& s, const std::string& name) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto res = s.client().Get("/metrics");
    std::smatch m;
    if (res && res->status == 200 && std::regex_search(res->body, m, std::regex("\n" + name + " (\\d+)")))
      return std::stol(m[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return -1;
}

}  // namespace

TEST_CASE("guard: 64 slow clients and four 64 MB header floods leave /healthz answering, memory bounded") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");
  const int port = searchd.port();
  std::vector<int> slow;
  for (int i = 0; i < 64; ++i) {
    const int fd = connect_to(port);
    REQUIRE(fd >= 0);
    send_all(fd, "GET /api/search?q=VEGF HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    slow.push_back(fd);
  }
  std::vector<std::thread> floods;
  std::atomic<int> refused{0};
  for (int i = 0; i < 4; ++i)
    floods.emplace_back([port, &refused] {
      const int fd = connect_to(port);
      std::string lines;
      for (int j = 0; j < 64; ++j) lines += "X-Flood: " + std::string(1000, 'f') + "\r\n";
      send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
      for (size_t sent = 0; sent < (64u << 20); sent += lines.size())
        if (::send(fd, lines.data(), lines.size(), MSG_NOSIGNAL) <= 0) break;
      const auto s = statuses(read_until_closed(fd));
      refused += s.empty() || s.front() == 431 ? 1 : 0;
      ::close(fd);
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const int health = ask(port, "/healthz");
  for (auto& t : floods) t.join();
  const int search = ask(port, "/api/search?q=VEGF");
  const long peak_kb = status_kb(searchd.pid(), "VmHWM");
  for (int fd : slow) ::close(fd);
  CHECK(health == 200);
  CHECK(search == 200);
  CHECK(refused == 4);
  CHECK(peak_kb > 0);
  CHECK(peak_kb < 200 * 1024);
  CHECK(metric(searchd, "pepsearch_http_heads_rejected_total") >= 1);
  CHECK(searchd.stop() == 0);  // a clean stop with connections open
  record_case("daemon", "64 slow clients + four 64 MB header floods",
              "/healthz answers; floods refused (431); peak memory a few hundred MB at most",
              "/healthz " + std::to_string(health) + ", search " + std::to_string(search) + ", " +
                  std::to_string(refused.load()) + "/4 floods refused, peak VmHWM " + std::to_string(peak_kb / 1024) + " MB");
}

TEST_CASE("guard: a request trickled a byte at a time is cut at --timeout, not kept alive by each byte") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index", {"--timeout", "2"});
  const int fd = connect_to(searchd.port());
  REQUIRE(fd >= 0);
  send_all(fd, "GET /api/search?q=VEGF HTTP/1.1\r\nHost: x\r\nX-Trickle: ");
  // Each byte comes well within any per-read timeout; 60 of them take 12 s, six times --timeout.
  int sent = 0;
  bool cut = false;
  for (; sent < 60 && !cut; ++sent) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    pollfd p{fd, POLLIN, 0};
    cut = ::poll(&p, 1, 0) > 0 || ::send(fd, "a", 1, MSG_NOSIGNAL) <= 0;
  }
  const auto s = statuses(read_until_closed(fd));
  ::close(fd);
  CHECK(cut);
  CHECK(sent < 60);
  CHECK((s.empty() || s.front() == 408));
  CHECK(metric(searchd, "pepsearch_http_connections_deadline_closed_total") >= 1);
  record_case("daemon", "request trickled a byte per 200 ms", "closed at the whole-request deadline (--timeout 2)",
              "closed after " + std::to_string(sent) + " bytes with " + (s.empty() ? "no answer" : std::to_string(s.front())));
}

TEST_CASE("guard: past --max-connections new requests get 503 while health probes are answered") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index", {"--max-connections", "4"});
  std::vector<int> idle;
  for (int i = 0; i < 6; ++i) idle.push_back(connect_to(searchd.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const int search = ask(searchd.port(), "/api/search?q=VEGF");
  const int health = ask(searchd.port(), "/healthz");
  const int ready = ask(searchd.port(), "/readyz");
  for (int fd : idle) ::close(fd);
  CHECK(search == 503);
  CHECK(health == 200);
  CHECK(ready == 200);
  CHECK(metric(searchd, "pepsearch_http_requests_shed_total") >= 1);
  record_case("daemon", "more connections than --max-connections", "503 for searches, probes still answered",
              "search " + std::to_string(search) + ", /healthz " + std::to_string(health) + ", /readyz " +
                  std::to_string(ready));
}

TEST_CASE("guard: pipelined requests each get their answer, in order") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");
  const int fd = connect_to(searchd.port());
  REQUIRE(fd >= 0);
  send_all(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /no-such-path HTTP/1.1\r\nHost: x\r\n\r\n"
               "GET /api/search?q=VEGF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto s = statuses(read_until_closed(fd));
  ::close(fd);
  CHECK(s == std::vector<int>{200, 404, 200});
  record_case("daemon", "three pipelined requests", "three answers in order", std::to_string(s.size()) + " answers");
}

TEST_CASE("guard: heads over the limits get 431, %00 in a parameter is 400, API answers say nosniff") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index", {"--max-headers", "20", "--max-head-bytes", "4096"});
  auto raw = [&](const std::string& bytes) {
    const int fd = connect_to(searchd.port());
    send_all(fd, bytes);
    const auto s = statuses(read_until_closed(fd));
    ::close(fd);
    return s.empty() ? 0 : s.front();
  };
  std::string many;
  for (int i = 0; i < 21; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  CHECK(raw("GET /healthz HTTP/1.1\r\nHost: x\r\n" + many + "Connection: close\r\n\r\n") == 431);
  CHECK(raw("GET /healthz HTTP/1.1\r\nX-Big: " + std::string(5000, 'b') + "\r\nConnection: close\r\n\r\n") == 431);
  CHECK(raw("GET /healthz HTTP/1.1\r\nX-Fits: " + std::string(3000, 'b') + "\r\nConnection: close\r\n\r\n") == 200);
  CHECK(ask(searchd.port(), "/api/search?q=VEGF%00") == 400);
  auto res = searchd.client().Get("/api/search?q=VEGF");
  REQUIRE(res);
  CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
  record_case("daemon", "21 headers / 5 kB head (--max-headers 20, --max-head-bytes 4096)", "431", "431 and 431");
  record_case("daemon", "%00 in q", "400 before routing", std::to_string(ask(searchd.port(), "/api/search?q=%00")));
}

TEST_CASE("guard: SIGHUP leaves searchd serving, and SIGTERM still stops it cleanly") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");
  ::kill(searchd.pid(), SIGHUP);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const int health = ask(searchd.port(), "/healthz");
  CHECK(health == 200);
  CHECK(searchd.stop() == 0);
  record_case("daemon", "SIGHUP", "reloaded; still serving", "/healthz " + std::to_string(health) + " after SIGHUP");
}
