// searchd's service pieces on their own: the settings from flags and a config file, the access
// log line built from a request and its answer, the request stamp, and the generation log.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "access_log.h"
#include "generation_log.h"
#include "service_config.h"
#include "test_env.h"

using namespace pep;
using nlohmann::json;

namespace {

ParseOutcome parse(std::vector<std::string> args) {
  args.insert(args.begin(), "searchd");
  std::ostringstream help;
  return parse_service_options(args, "/static", help);
}

}  // namespace

TEST_CASE("service options: the config file sets any flag, the command line wins") {
  test::TempDir tmp;
  const auto conf = (tmp / "searchd.conf").string();
  test::write_file(conf, "index = /srv/index\nport = 9090\nhost = ::1\naccess-log = /var/log/a.log\n"
                         "cors-origin = [\"https://a.example\", \"https://b.example\"]\nmax-connections = 64\n");
  const auto out = parse({"--config", conf, "--port", "0"});
  REQUIRE(out.options);
  CHECK(out.options->config_file == conf);
  CHECK(out.options->index_dir == "/srv/index");
  CHECK(out.options->port == 0);
  CHECK(out.options->host == "::1");
  CHECK(out.options->access_log == "/var/log/a.log");
  CHECK(out.options->cors_origins == std::vector<std::string>{"https://a.example", "https://b.example"});
  CHECK(out.options->guard.max_connections == 64);
  CHECK(out.options->static_dir == "/static");
  CHECK(parse({"--index", "/x"}).options->access_log.empty());  // off by default
}

TEST_CASE("service options: errors are exit code 2 naming the file and the key") {
  test::TempDir tmp;
  const auto conf = (tmp / "searchd.conf").string();
  test::write_file(conf, "index = /srv/index\nportt = 80\n");
  auto out = parse({"--config", conf});
  CHECK_FALSE(out.options);
  CHECK(out.exit_code == 2);
  CHECK(out.message == conf + ": unknown key \"portt\" (keys are searchd's long flags without the dashes; see searchd --help)");
  test::write_file(conf, "index = /srv/index\nthreads = 0\n");
  out = parse({"--config", conf});
  CHECK(out.exit_code == 2);
  CHECK(out.message.rfind(conf + ": key \"threads\": ", 0) == 0);
  CHECK(parse({}).exit_code == 2);  // --index is required
  CHECK(parse({"--help"}).exit_code == 0);
}

TEST_CASE("service options: only settings that need a restart are reported as such") {
  ServiceOptions running, fresh;
  fresh.access_log = "-";
  fresh.cors_origins = {"*"};
  CHECK(changes_needing_restart(running, fresh).empty());
  fresh.port = 9090;
  fresh.threads = 12;
  CHECK(changes_needing_restart(running, fresh) == std::vector<std::string>{"port 8080 -> 9090", "threads 8 -> 12"});
}

TEST_CASE("access log: a line holds the request, the answer and what the routes put on it") {
  httplib::Request req;
  req.method = "GET";
  req.target = "/api/search?q=VEGF%20\"x\"";
  req.set_header(kRequestStartHeader, "999");  // a client's value is replaced by the stamp
  req.set_header(kRequestIdHeader, "bad id with spaces");
  const std::chrono::steady_clock::time_point start{std::chrono::milliseconds(5000)};
  stamp_request(req, start, "abc-1");
  httplib::Response res;
  res.status = 200;
  res.set_header(kGenerationHeader, "gen-3");
  res.set_header(kResultsHeader, "12");
  const auto wall = std::chrono::system_clock::time_point{std::chrono::milliseconds(1796420000123)};
  const std::string line = access_log_line(req, res, wall, start + std::chrono::microseconds(1500));
  CHECK(line == "{\"time\":\"2026-12-04T21:33:20.123Z\",\"id\":\"abc-1\",\"method\":\"GET\","
                "\"path\":\"/api/search?q=VEGF%20\\\"x\\\"\",\"status\":200,\"latency_ms\":1.5,\"results\":12,"
                "\"generation\":\"gen-3\"}\n");

  httplib::Request plain;
  plain.set_header(kRequestIdHeader, "req-42.a");  // a proxy's plain id is kept
  stamp_request(plain, start, "abc-2");
  CHECK(plain.get_header_value(kRequestIdHeader) == "req-42.a");
  CHECK(plain.get_header_value_count(kRequestIdHeader) == 1);
  httplib::Response missing;
  missing.status = 404;
  const json e = json::parse(access_log_line(plain, missing, wall, start));
  CHECK(e["status"] == 404);
  CHECK_FALSE(e.contains("results"));
  CHECK_FALSE(e.contains("generation"));

  // httplib refuses a few malformed requests before the stamp: a client's own start header is
  // then left out, never thrown on.
  httplib::Request early;
  early.set_header(kRequestStartHeader, "soon");
  CHECK_FALSE(json::parse(access_log_line(early, missing, wall, start)).contains("latency_ms"));
}

TEST_CASE("access log: off by default, a file is appended to, and an unopenable one is an error") {
  test::TempDir tmp;
  AccessLog log;
  httplib::Request req;
  req.method = "GET";
  req.target = "/healthz";
  httplib::Response res;
  res.status = 200;
  log.write(req, res);  // off: nothing, no crash
  log.open((tmp / "a.log").string());
  log.write(req, res);
  log.write(req, res);
  log.open((tmp / "b.log").string());
  log.write(req, res);
  const std::string a = test::read_file(tmp / "a.log");
  CHECK(std::count(a.begin(), a.end(), '\n') == 2);
  CHECK(test::read_file(tmp / "b.log").find("\"path\":\"/healthz\"") != std::string::npos);
  CHECK_THROWS_WITH(log.open((tmp / "no-such-dir" / "c.log").string()), Catch::Contains("no-such-dir"));
  log.write(req, res);  // the old log stays
  const std::string b = test::read_file(tmp / "b.log");
  CHECK(std::count(b.begin(), b.end(), '\n') == 2);
}

TEST_CASE("generation log: one line per generation, however many engines open it") {
  std::ostringstream out;
  GenerationLog log(out);
  IndexStats s{65, 3, "gen-4", "3fa2", 0};
  log.opened(s);
  log.opened(s);
  s.generation = "gen-5";
  s.passages = 70;
  log.opened(s);
  CHECK(out.str() == "searchd: serving index generation gen-4 (id 3fa2, 3 documents, 65 passages)\n"
                     "searchd: serving index generation gen-5 (id 3fa2, 3 documents, 70 passages)\n");
}
