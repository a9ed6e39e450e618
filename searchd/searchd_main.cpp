// searchd: the HTTP search daemon behind a site's search box (routes: http_api.h).
// Settings come from flags and the config file `--config FILE` names (service_config.h; flags
// win). Prints "searchd: listening on http://HOST:PORT" on stdout once it accepts connections
// (--port 0 picks a free port) and tells systemd READY=1 (Type=notify, service_notify.h).
// SIGTERM/SIGINT stop it gracefully: in-flight requests finish. SIGHUP re-reads the config and
// re-opens the access log without dropping a request (service_reload.h). Each index generation
// it serves is logged once on stderr (generation_log.h); the access log is access_log.h.
// Exit codes: 0 stopped by a signal, 2 usage error or cannot listen (run_main.h).
#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <functional>
#include <iostream>
#include <thread>

#include "access_log.h"
#include "connection_guard.h"
#include "cors_policy.h"
#include "data_dir.h"
#include "engine_pool.h"
#include "index_location.h"
#include "error.h"
#include "generation_log.h"
#include "http_api.h"
#include "metrics_registry.h"
#include "run_main.h"
#include "service_config.h"
#include "service_notify.h"
#include "service_reload.h"

namespace {

std::string url_host(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

// Waits for SIGTERM/SIGINT/SIGHUP on its own thread (they are blocked everywhere else). SIGHUP
// runs `reload`; a stop signal stops the server, calling stop() until listen returns, in case the
// signal came before it started.
class SignalThread {
 public:
  SignalThread(httplib::Server& server, const sigset_t& signals, std::function<void()> reload,
               const pep::ServiceNotifier& notifier)
      : server_(server), signals_(signals), reload_(std::move(reload)), notifier_(notifier) {
    thread_ = std::thread([this] { run(); });
  }
  ~SignalThread() {
    done_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);  // wake sigwait
    thread_.join();
  }
  bool stopped_by_signal() const { return signalled_; }

 private:
  void run() {
    int sig = 0;
    while (sigwait(&signals_, &sig) == 0 && sig == SIGHUP && !done_) reload_();
    if (done_) return;
    signalled_ = true;
    const std::string name = sig == SIGINT ? "SIGINT" : "SIGTERM";
    notifier_.stopping(name + ": finishing in-flight requests");
    std::cerr << "searchd: " << name << ", finishing in-flight requests\n";
    while (!done_) {
      server_.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  httplib::Server& server_;
  sigset_t signals_;
  std::function<void()> reload_;
  const pep::ServiceNotifier& notifier_;
  std::atomic<bool> done_{false}, signalled_{false};
  std::thread thread_;
};

// Binds host:port with SO_REUSEADDR only and a full backlog; returns the port, or -1.
int bind_server(pep::GuardedServer& server, const pep::ServiceOptions& opt) {
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
  // httplib 0.11 listens with a backlog of 5, which drops connections in a burst; Linux lets a
  // listening socket be given a longer queue.
  if (port > 0 && listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);
  return port > 0 ? port : -1;
}

int searchd(int argc, char** argv) {
  const std::vector<std::string> args(argv, argv + argc);
  const std::string static_default = pep::default_static_dir().string();
  pep::ParseOutcome parsed = pep::parse_service_options(args, static_default, std::cout);
  if (!parsed.options) {
    if (!parsed.message.empty()) std::cerr << "searchd: " << parsed.message << "\n";
    return parsed.exit_code;
  }
  pep::ServiceOptions opt = std::move(*parsed.options);

  // Block the signals before any thread starts so only SignalThread receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  pep::AccessLog access_log;
  pep::CorsPolicy cors({});
  try {
    pep::apply_live_settings(opt, access_log, cors);
  } catch (const std::runtime_error& e) {
    std::cerr << "searchd: " << e.what() << "\n";
    return 2;
  }
  pep::MetricsRegistry metrics;
  pep::GenerationLog generations(std::cerr);
  pep::EnginePool engines(opt.index_dir, [&metrics, &generations, &opt](const pep::IndexStats& s) {
    // Workers open engines lazily: one that opened a generation just replaced must not set the
    // served generation (/metrics) back.
    try {
      if (s.generation == pep::live_generation(opt.index_dir)) metrics.index_opened(s);
    } catch (const pep::IndexError&) {
    }
    generations.opened(s);
  });
  engines.set_facet_count_limit(opt.facet_count_limit);
  try {
    engines.lease();
  } catch (const pep::IndexError& e) {
    std::cerr << "searchd: warning: " << e.what() << "\nsearchd: /readyz answers 503 until the index is built\n";
  }

  opt.guard.workers = static_cast<size_t>(opt.threads);
  opt.guard.request_timeout_sec = opt.timeout;
  pep::GuardedServer server(opt.guard, metrics);  // limits on heads, time and connections
  server.set_tcp_nodelay(true);      // headers and body are separate writes: without this, Nagle adds ~40 ms
  server.set_payload_max_length(64 * 1024);
  // Recent answers: up to 4,096 in at most 64 MB (an answer is ~10 KB), so RSS stays bounded.
  pep::ResponseCache cache(4096, 64u << 20);
  pep::install_http_api(server, engines, metrics, cors, cache, opt.static_dir, opt.frame_ancestors, access_log);

  const int port = bind_server(server, opt);
  if (port <= 0) {
    std::cerr << "searchd: cannot listen on " << opt.host << ":" << opt.port << " (address in use, or not an address of this host)\n";
    return 2;
  }
  const std::string url = "http://" + url_host(opt.host) + ":" + std::to_string(port) + "/";
  std::cout << "searchd: listening on " << url << std::endl;

  const pep::ServiceNotifier notifier;
  const auto reload = [&] {
    notifier.reloading();
    pep::reload_service(args, static_default, opt, access_log, cors, std::cerr);
    notifier.ready("serving " + opt.index_dir + " on " + url);
  };
  bool clean = false;
  {
    SignalThread signal_thread(server, signals, reload, notifier);
    // The socket is listening (bound above): connections queue until the loop below takes them.
    notifier.ready("serving " + opt.index_dir + " on " + url);
    server.listen_after_bind();
    clean = signal_thread.stopped_by_signal();
  }
  std::cerr << "searchd: stopped\n";
  return clean ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) { return pep::run_main(argc, argv, searchd); }
