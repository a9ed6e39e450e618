// searchd: the HTTP search daemon behind a site's search box (routes: http_api.h).
// Prints "searchd: listening on http://HOST:PORT" on stdout once it accepts connections
// (--port 0 picks a free port). SIGTERM/SIGINT stop it gracefully: in-flight requests finish;
// SIGHUP is logged and changes nothing (the index is re-read on its own).
// Exit codes: 0 stopped by a signal, 2 usage error or cannot listen (run_main.h).
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <iostream>
#include <thread>

#include "connection_guard.h"
#include "cors_policy.h"
#include "data_dir.h"
#include "engine_pool.h"
#include "http_api.h"
#include "error.h"
#include "metrics_registry.h"
#include "program_version.h"
#include "run_main.h"

namespace {

struct Options {
  std::string index_dir;
  std::string host = "127.0.0.1";
  int port = 8080;
  // A kept-alive browser connection holds a worker until it idles out, so leave headroom beyond
  // the cores; an engine is only opened for a worker that actually serves a search.
  int threads = static_cast<int>(std::max(8u, 2 * std::thread::hardware_concurrency()));
  std::string static_dir = pep::default_static_dir().string();
  std::vector<std::string> cors_origins;
  int timeout = 5;
  size_t max_body = 64 * 1024;
  pep::GuardLimits guard;
};

std::string url_host(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

// Waits for SIGTERM/SIGINT on its own thread (they are blocked everywhere else) and stops the
// server; keeps calling stop() until listen returns, in case the signal came before it started.
class SignalStopper {
 public:
  SignalStopper(httplib::Server& server, const sigset_t& signals) : server_(server), signals_(signals) {
    thread_ = std::thread([this] { run(); });
  }
  ~SignalStopper() {
    done_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);  // wake sigwait
    thread_.join();
  }
  bool stopped_by_signal() const { return signalled_; }

 private:
  void run() {
    int sig = 0;
    while (sigwait(&signals_, &sig) == 0 && sig == SIGHUP && !done_)
      std::cerr << "searchd: SIGHUP: nothing to reload (a rebuilt index is picked up on its own); still serving\n";
    if (done_) return;
    signalled_ = true;
    std::cerr << "searchd: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", finishing in-flight requests\n";
    while (!done_) {
      server_.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  httplib::Server& server_;
  sigset_t signals_;
  std::atomic<bool> done_{false}, signalled_{false};
  std::thread thread_;
};

int searchd(int argc, char** argv) {
  CLI::App app{"searchd: HTTP search daemon and search page for the peptide monograph index"};
  app.set_version_flag("--version", pep::program_version_text("searchd"));
  Options opt;
  app.add_option("--index", opt.index_dir, "index directory built by pepindex")->required();
  app.add_option("--host", opt.host, "address to listen on")->capture_default_str();
  app.add_option("--port", opt.port, "port to listen on; 0 picks a free one")->check(CLI::Range(0, 65535))->capture_default_str();
  app.add_option("--threads", opt.threads, "worker threads (requests served at once)")->check(CLI::Range(1, 256))->capture_default_str();
  app.add_option("--static", opt.static_dir, "directory holding the search page (index.html, app.js, style.css); default: $PEPSEARCH_STATIC, else share/pepsearch/static beside the program")->capture_default_str();
  app.add_option("--cors-origin", opt.cors_origins, "origin allowed to call the API from a browser, e.g. https://example.org (repeatable; * allows any)");
  app.add_option("--timeout", opt.timeout, "seconds a whole request may take, from its first byte to the end of the answer")->check(CLI::Range(1, 300))->capture_default_str();
  app.add_option("--max-connections", opt.guard.max_connections, "open connections served; past it, new ones get 503 (health probes have a small reserve)")->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--max-head-bytes", opt.guard.head.max_bytes, "largest request line + headers accepted (431 past it)")->check(CLI::Range(1024, 1 << 20))->capture_default_str();
  app.add_option("--max-headers", opt.guard.head.max_headers, "most header lines in a request (431 past it)")->check(CLI::Range(1, 10000))->capture_default_str();
  app.add_option("--keep-alive", opt.guard.keep_alive_sec, "seconds an idle kept-alive connection stays open")->check(CLI::Range(1, 300))->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  // Block the stop signals before any thread starts so only SignalStopper receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  pep::MetricsRegistry metrics;
  pep::EnginePool engines(opt.index_dir, [&metrics](const pep::IndexStats& s) { metrics.index_opened(s); });
  try {
    auto lease = engines.lease();
    const auto s = lease->stats();
    std::cerr << "searchd: serving " << opt.index_dir << " (" << s.generation << ", " << s.passages << " passages)\n";
  } catch (const pep::IndexError& e) {
    std::cerr << "searchd: warning: " << e.what() << "\nsearchd: /readyz answers 503 until the index is built\n";
  }

  opt.guard.workers = static_cast<size_t>(opt.threads);
  opt.guard.request_timeout_sec = opt.timeout;
  pep::GuardedServer server(opt.guard, metrics);  // limits on heads, time and connections
  server.set_tcp_nodelay(true);      // headers and body are separate writes: without this, Nagle adds ~40 ms
  server.set_payload_max_length(opt.max_body);
  pep::CorsPolicy cors(opt.cors_origins);
  // Recent answers: up to 4,096 in at most 64 MB (an answer is ~10 KB), so RSS stays bounded.
  pep::ResponseCache cache(4096, 64u << 20);
  pep::install_http_api(server, engines, metrics, cors, cache, opt.static_dir);

  // httplib's default adds SO_REUSEPORT, which lets a second searchd silently share a port that
  // is in use; keep only SO_REUSEADDR (restart while old connections linger in TIME_WAIT).
  int listen_fd = -1;
  server.set_socket_options([&listen_fd](int fd) {
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd = fd;
  });
  int port = opt.port;
  if (port == 0) port = server.bind_to_any_port(opt.host);
  else if (!server.bind_to_port(opt.host, port)) port = -1;
  if (port <= 0) {
    std::cerr << "searchd: cannot listen on " << opt.host << ":" << opt.port << " (address in use, or not an address of this host)\n";
    return 2;
  }
  // httplib 0.11 listens with a backlog of 5, which drops connections in a burst; Linux lets a
  // listening socket be given a longer queue.
  if (listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);
  std::cout << "searchd: listening on http://" << url_host(opt.host) << ":" << port << "/" << std::endl;

  bool clean = false;
  {
    SignalStopper stopper(server, stop_signals);
    server.listen_after_bind();
    clean = stopper.stopped_by_signal();
  }
  std::cerr << "searchd: stopped\n";
  return clean ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) { return pep::run_main(argc, argv, searchd); }
