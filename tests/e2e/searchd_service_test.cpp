// searchd as a service, through the real binary: its config file (flags win; unknown keys and bad
// values are usage errors naming the file and key), readiness over $NOTIFY_SOCKET the way systemd
// hears it, SIGHUP reloads under load (logrotate's rename, a bad config, a live CORS change), the
// access log's lines, and one log line per index generation it switches to.
#include <sys/socket.h>
#include <sys/un.h>

#include <atomic>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "searchd_process.h"

using namespace pep::test;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

size_t count_of(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Waits (up to 15 s) until `file` holds `needle` at least `times` times.
bool wait_for(const std::filesystem::path& file, const std::string& needle, size_t times = 1) {
  for (int i = 0; i < 300; ++i) {
    if (count_of(read_file(file), needle) >= times) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// A loopback port free a moment ago (the kernel hands out ports in turn, so rarely taken again at once).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// A unix datagram socket standing in for systemd's notify socket.
class NotifySocket {
 public:
  explicit NotifySocket(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(path_.string().size() < sizeof addr.sun_path);
    std::strcpy(addr.sun_path, path_.c_str());
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{15, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~NotifySocket() { ::close(fd_); }
  // The next message ("" after 15 s of silence).
  std::string next() {
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// Requests in a loop until stopped, on one kept-alive connection or a new one each time; counts
// answers that are not a 200 with JSON, and the transport errors.
class Load {
 public:
  Load(int port, bool keep_alive) {
    thread_ = std::thread([this, port, keep_alive] {
      std::unique_ptr<httplib::Client> kept;
      while (!done_) {
        if (!kept || !keep_alive) {
          kept = std::make_unique<httplib::Client>("127.0.0.1", port);
          kept->set_keep_alive(keep_alive);
          kept->set_read_timeout(10);
        }
        auto res = kept->Get("/api/search?q=VEGF");
        if (res && res->status == 200 && json::accept(res->body)) ++ok_;
        else ++failed_;
      }
    });
  }
  int stop() {
    done_ = true;
    thread_.join();
    return failed_;
  }
  int ok() const { return ok_; }

 private:
  std::atomic<bool> done_{false};
  std::atomic<int> ok_{0}, failed_{0};
  std::thread thread_;
};

}  // namespace

TEST_CASE("service: the config file sets the flags, a flag on the command line wins") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  write_file(tmp / "searchd.conf", "# searchd settings\nindex = " + (tmp / "index").string() +
                                       "\nhost = 127.0.0.1\nport = 1\nthreads = 3\naccess-log = " +
                                       (tmp / "access.log").string() + "\n");
  SearchdLaunch launch{{"--config", (tmp / "searchd.conf").string(), "--port", "0"}, {}, {}};
  SearchdProcess searchd(launch);  // listens on a free port: --port 0 beat the file's port = 1
  CHECK(searchd.port() != 1);
  auto res = searchd.client().Get("/api/search?q=VEGF");  // the index is the file's
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(wait_for(tmp / "access.log", "/api/search?q=VEGF"));  // so is the access log
}

TEST_CASE("service: an unknown key or a bad value in the config file is a usage error naming both") {
  TempDir tmp;
  const auto conf = (tmp / "searchd.conf").string();
  const std::string start = "timeout 10 " + searchd_bin() + " --config " + shell_quote(conf) + " 2>&1";
  write_file(conf, "index = /nonexistent\ncolour = blue\n");
  auto r = run(start);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find(conf) != std::string::npos);
  CHECK(r.out.find("unknown key \"colour\"") != std::string::npos);

  write_file(conf, "index = /nonexistent\nport = eighty\n");
  r = run(start);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find(conf) != std::string::npos);
  CHECK(r.out.find("key \"port\"") != std::string::npos);

  // The same mistake on the command line names the flag, not the file.
  write_file(conf, "index = /nonexistent\n");
  r = run(start + " --port eighty");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("--port") != std::string::npos);
  CHECK(r.out.find(conf) == std::string::npos);
}

TEST_CASE("service: READY=1 reaches NOTIFY_SOCKET once searchd listens, RELOADING on SIGHUP, STOPPING on SIGTERM") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  NotifySocket notify(tmp / "notify.sock");
  const int port = free_port();
  // Not waiting for the "listening" line: READY=1 alone must mean the port takes connections.
  SearchdLaunch launch{{"--index", (tmp / "index").string(), "--port", std::to_string(port)},
                       {"NOTIFY_SOCKET=" + notify.path().string()}, {}, port};
  SearchdProcess searchd(launch);

  const std::string ready = notify.next();
  CHECK(ready.find("READY=1") != std::string::npos);
  CHECK(ready.find("STATUS=serving") != std::string::npos);
  const int fd = connect_to(port);
  CHECK(fd >= 0);
  if (fd >= 0) ::close(fd);
  auto res = searchd.client().Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);

  ::kill(searchd.pid(), SIGHUP);
  CHECK(notify.next().find("RELOADING=1") != std::string::npos);
  CHECK(notify.next().find("READY=1") != std::string::npos);

  ::kill(searchd.pid(), SIGTERM);
  CHECK(notify.next().find("STOPPING=1") != std::string::npos);
  CHECK(searchd.stop() == 0);
}

TEST_CASE("service: SIGHUP under load re-reads the config and re-opens the access log, dropping no request") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const auto conf = tmp / "searchd.conf", log = tmp / "access.log", err = tmp / "stderr.log";
  const std::string base = "index = " + (tmp / "index").string() + "\naccess-log = " + log.string() + "\n";
  write_file(conf, base + "threads = 4\ncors-origin = [\"https://a.example\"]\n");
  SearchdProcess searchd(SearchdLaunch{{"--config", conf.string(), "--port", "0"}, {}, err});
  const auto origin_allowed = [&](const std::string& origin) {
    auto res = searchd.client().Get("/api/search?q=VEGF", {{"Origin", origin}});
    return res && res->get_header_value("Access-Control-Allow-Origin") == origin;
  };
  CHECK(origin_allowed("https://a.example"));

  Load kept(searchd.port(), true), fresh(searchd.port(), false);
  const auto hup = [&] { ::kill(searchd.pid(), SIGHUP); };
  hup();  // nothing changed
  CHECK(wait_for(err, "SIGHUP: reloaded", 1));

  // logrotate: rename, then SIGHUP; the old file keeps what it had, a new one starts.
  std::filesystem::rename(log, tmp / "access.log.1");
  hup();
  CHECK(wait_for(err, "SIGHUP: reloaded", 2));
  CHECK(wait_for(log, "/api/search?q=VEGF"));

  // A bad config is logged and changes nothing.
  write_file(conf, base + "threads = 4\ncolour = blue\ncors-origin = [\"https://b.example\"]\n");
  hup();
  CHECK(wait_for(err, "not reloading"));
  CHECK(origin_allowed("https://a.example"));

  // A good one: CORS changes live, threads are kept until a restart.
  write_file(conf, base + "threads = 6\ncors-origin = [\"https://b.example\"]\n");
  hup();
  CHECK(wait_for(err, "SIGHUP: reloaded", 3));
  CHECK(origin_allowed("https://b.example"));
  CHECK_FALSE(origin_allowed("https://a.example"));
  CHECK(count_of(read_file(err), "threads 4 -> 6 needs a restart") == 1);

  const int kept_failed = kept.stop(), fresh_failed = fresh.stop();
  CHECK(kept_failed == 0);
  CHECK(fresh_failed == 0);
  CHECK(kept.ok() > 0);
  CHECK(fresh.ok() > 0);
  CHECK(!lines_of(tmp / "access.log.1").empty());
  for (const auto& line : lines_of(log)) CHECK(json::accept(line));
  CHECK(searchd.stop() == 0);
}

TEST_CASE("service: the access log has one JSON line per request with its fields") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const auto log = tmp / "access.log";
  SearchdProcess searchd(tmp / "index", {"--access-log", log.string()});
  auto c = searchd.client();
  const auto search = c.Get("/api/search?q=VEGF&per_page=2");
  const auto missing = c.Get("/no/such/page?x=1");
  const auto bad = c.Get("/api/search?q=VEGF&per_page=0");
  REQUIRE((search && missing && bad));
  const std::string generation = json::parse(c.Get("/readyz")->body)["generation"];
  REQUIRE(wait_for(log, "\"method\"", 4));  // a line is written just after its answer, so wait for all four

  const auto lines = lines_of(log);
  INFO(read_file(log));
  REQUIRE(lines.size() == 4);
  std::map<std::string, json> by_path;  // each request is its own connection: lines may come in any order
  const std::regex iso(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  for (const auto& line : lines) {
    const json e = json::parse(line);
    CHECK(std::regex_match(e["time"].get<std::string>(), iso));
    CHECK(e["method"] == "GET");
    CHECK(e["latency_ms"].get<double>() >= 0);
    CHECK(!e["id"].get<std::string>().empty());
    by_path[e["path"]] = e;
  }
  const json found = by_path["/api/search?q=VEGF&per_page=2"];
  CHECK(found["status"] == 200);
  CHECK(found["results"] == json::parse(search->body)["total"]);
  CHECK(found["generation"] == generation);
  CHECK(found["id"] == search->get_header_value("X-Request-Id"));
  const json not_found = by_path["/no/such/page?x=1"];
  CHECK(not_found["status"] == 404);
  CHECK_FALSE(not_found.contains("results"));
  CHECK_FALSE(not_found.contains("generation"));
  const json rejected = by_path["/api/search?q=VEGF&per_page=0"];
  CHECK(rejected["status"] == 400);
  CHECK_FALSE(rejected.contains("results"));
  CHECK(rejected["id"] == bad->get_header_value("X-Request-Id"));
  CHECK(rejected["id"] != found["id"]);
}

TEST_CASE("service: each index generation searchd switches to is logged once, with its counts") {
  TempDir tmp;
  const auto corpus = tmp / "corpus";
  std::filesystem::copy(corpus_dir(), corpus, std::filesystem::copy_options::recursive);
  build_index(corpus, tmp / "index");
  auto launch = SearchdProcess::default_launch(tmp / "index");
  launch.stderr_file = tmp / "stderr.log";
  SearchdProcess searchd(launch);
  std::vector<std::unique_ptr<Load>> load;  // several engines, each of which switches
  for (int i = 0; i < 4; ++i) load.push_back(std::make_unique<Load>(searchd.port(), true));

  const auto file = corpus / "monographs" / "thymogen.md";
  write_file(file, read_file(file) + "\n\n## Editorial test note\n\nThis paragraph mentions zanzibarite.\n");
  build_index(corpus, tmp / "index");
  auto c = searchd.client();
  bool switched = false;
  for (int i = 0; i < 100 && !switched; ++i) {
    auto res = c.Get("/api/search?q=zanzibarite");
    switched = res && res->status == 200 && json::parse(res->body)["total"].get<int>() > 0;
    if (!switched) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // every engine has rechecked
  for (auto& l : load) CHECK(l->stop() == 0);
  REQUIRE(switched);

  const json ready = json::parse(c.Get("/readyz")->body);
  const std::string log = read_file(tmp / "stderr.log");
  INFO(log);
  CHECK(count_of(log, "serving index generation ") == 2);
  const std::string line = "serving index generation " + ready["generation"].get<std::string>() + " (id ";
  CHECK(count_of(log, line) == 1);
  CHECK(count_of(log, std::to_string(ready["documents"].get<int>()) + " documents, " +
                          std::to_string(ready["passages"].get<int>()) + " passages)") >= 1);
}
