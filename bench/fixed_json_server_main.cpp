// pepbench_ceiling: a cpp-httplib server that answers every GET with the same small JSON body.
// pepbench loads it with wrk beside searchd: its throughput is the ceiling of the HTTP layer on
// this machine, so searchd's figure can be read as a share of what HTTP alone allows.
// Prints "pepbench_ceiling: listening on http://HOST:PORT" once it accepts connections.
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>
#include <thread>

int main(int argc, char** argv) {
  CLI::App app{"pepbench_ceiling: fixed-JSON HTTP server, the throughput ceiling for pepbench --http"};
  std::string host = "127.0.0.1";
  int port = 0;
  int threads = static_cast<int>(std::max(4u, std::thread::hardware_concurrency()));
  app.add_option("--host", host, "address to listen on")->capture_default_str();
  app.add_option("--port", port, "port; 0 picks a free one")->capture_default_str();
  app.add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  static const std::string body =
      R"({"query":"fixed","corrected_query":"","total":0,"page":1,"per_page":10,"results":[],"facets":{}})";
  httplib::Server server;
  // Without TCP_NODELAY, Nagle's algorithm holds the body (written after the headers) until the
  // client's delayed ACK, ~40 ms: loopback would cap at ~25 requests/s per connection.
  server.set_tcp_nodelay(true);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.Get(".*", [](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); });
  const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    std::cerr << "pepbench_ceiling: cannot listen on " << host << ":" << port << "\n";
    return 2;
  }
  std::cout << "pepbench_ceiling: listening on http://" << host << ":" << bound << std::endl;
  std::signal(SIGTERM, SIG_DFL);
  server.listen_after_bind();
  return 0;
}
