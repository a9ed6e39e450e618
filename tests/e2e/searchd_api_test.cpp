// searchd's HTTP contract, end to end: the real daemon on a free loopback port against an index
// of the bundled corpus, spoken to with httplib::Client.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "searchd_process.h"

using namespace pep::test;
using nlohmann::json;

namespace {

json get_json(httplib::Client& c, const std::string& target, int expect_status = 200) {
  auto res = c.Get(target.c_str());
  INFO("GET " << target);
  REQUIRE(res);
  INFO("body: " << res->body);
  CHECK(res->status == expect_status);
  CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
  return json::parse(res->body);
}

json pepsearch_json(const std::filesystem::path& index, const std::string& args, int expect_exit = 0) {
  const auto r = run(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + " " + args);
  INFO("pepsearch " << args);
  REQUIRE(r.exit_code == expect_exit);
  return json::parse(r.out);
}

std::map<std::string, size_t> counts(const json& response, const std::string& facet) {
  std::map<std::string, size_t> out;
  for (const auto& c : response["facets"][facet]) out[c["value"]] = c["count"];
  return out;
}

// One index of the bundled corpus and one searchd for every test case of this file.
struct Served {
  TempDir tmp;
  std::unique_ptr<SearchdProcess> searchd;
  explicit Served(std::vector<std::string> extra = {}) {
    build_index(corpus_dir(), tmp / "index");
    searchd = std::make_unique<SearchdProcess>(tmp / "index", std::move(extra));
  }
  std::filesystem::path index() const { return tmp / "index"; }
};

}  // namespace

TEST_CASE("searchd: /api/search returns exactly what pepsearch --json prints") {
  Served s;
  auto c = s.searchd->client();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"/api/search?q=VEGF%20lowering", "'VEGF lowering'"},
      {"/api/search?q=trial&compound=thymosin-alpha-1&compound=thymogen&per_page=5&page=2",
       "trial --compound thymosin-alpha-1 --compound thymogen --limit 5 --page 2"},
      {"/api/search?q=trial&indication=sepsis&grade=b", "trial --indication sepsis --grade b"},
      {"/api/search?q=thymosn", "thymosn"},
  };
  for (const auto& [target, cli] : cases) {
    const json api = get_json(c, target);
    const json embedded = pepsearch_json(s.index(), cli);
    INFO(target);
    CHECK(api == embedded);
  }
  const json j = get_json(c, "/api/search?q=VEGF+lowering");
  for (const char* key : {"query", "total", "page", "per_page", "results", "facets"}) CHECK(j.contains(key));
  REQUIRE(!j["results"].empty());
  for (const char* key : {"id", "score", "text", "snippet", "section", "facets", "source", "citations"})
    CHECK(j["results"][0].contains(key));
  CHECK(j["results"][0]["snippet"].get<std::string>().find("<mark>") != std::string::npos);
  CHECK(get_json(c, "/api/search?q=thymosn")["corrected_query"] == "thymosin");
}

TEST_CASE("searchd: a facet's counts apply the other facets' filters, not its own") {
  Served s;
  auto c = s.searchd->client();
  const json all = get_json(c, "/api/search?q=trial&per_page=100");
  const json by_compound = get_json(c, "/api/search?q=trial&per_page=100&compound=thymosin-alpha-1");
  // The filtered facet keeps the unfiltered counts, so a reader sees what adding a compound gives...
  CHECK(counts(by_compound, "compound") == counts(all, "compound"));
  CHECK(by_compound["total"] == counts(all, "compound").at("thymosin-alpha-1"));
  // ...and every other facet counts within the filter: each count is what ticking it yields.
  const auto indications = counts(by_compound, "indication");
  REQUIRE(!indications.empty());
  CHECK(indications != counts(all, "indication"));
  for (const auto& [value, n] : indications) {
    const json both = get_json(c, "/api/search?q=trial&per_page=100&compound=thymosin-alpha-1&indication=" + value);
    INFO("indication " << value);
    CHECK(both["total"] == n);
    CHECK(both["results"].size() == n);
  }
  // With two facets filtered, the compound counts are those under the indication filter alone.
  const json two = get_json(c, "/api/search?q=trial&per_page=100&compound=thymosin-alpha-1&indication=sepsis");
  const json only_indication = get_json(c, "/api/search?q=trial&per_page=100&indication=sepsis");
  CHECK(counts(two, "compound") == counts(only_indication, "compound"));
  CHECK(counts(two, "indication") == counts(by_compound, "indication"));
}

TEST_CASE("searchd: bad input gets a JSON error with a 4xx code and the server keeps serving") {
  Served s;
  auto c = s.searchd->client();
  const std::string long_q(1025, 'a');
  const std::vector<std::pair<std::string, int>> bad{
      {"/api/search", 400},                              // missing q
      {"/api/search?q=", 400},                           // empty q
      {"/api/search?q=" + long_q, 400},                  // over 1024 bytes
      {"/api/search?q=%FF%FE", 400},                     // not UTF-8
      {"/api/search?q=%C0%AF", 400},                     // overlong UTF-8
      {"/api/search?q=%ED%A0%80", 400},                  // a UTF-16 surrogate
      {"/api/search?q=x&per_page=101", 400},
      {"/api/search?q=x&per_page=0", 400},
      {"/api/search?q=x&per_page=ten", 400},
      {"/api/search?q=x&page=1001", 400},
      {"/api/search?q=x&page=-1", 400},
      {"/api/search?q=x&colour=red", 400},               // unknown facet name
      {"/api/search?q=x&q=y", 400},
      {"/api/suggest", 400},
      {"/api/suggest?q=%FF", 400},
      {"/api/suggest?q=x&limit=1000", 400},
      {"/no/such/path", 404},
      {"/api/nothing", 404},
  };
  for (const auto& [target, status] : bad) {
    const json j = get_json(c, target, status);
    INFO(target);
    REQUIRE(j.contains("error"));
    CHECK(!j["error"].get<std::string>().empty());
  }
  CHECK(get_json(c, "/api/search?q=x&colour=red", 400)["error"].get<std::string>().find("colour") != std::string::npos);

  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    httplib::Request req;
    req.method = method;
    req.path = "/api/search?q=x";
    req.body = "{}";
    req.set_header("Content-Type", "application/json");
    auto res = c.send(req);
    INFO(method);
    REQUIRE(res);
    CHECK(res->status == 405);
    CHECK(res->get_header_value("Allow") == "GET, HEAD, OPTIONS");
    CHECK(json::parse(res->body).contains("error"));
  }
  // A body beyond the bound is refused, not read.
  auto big = c.Post("/api/search", std::string(2 * 1024 * 1024, 'x'), "text/plain");
  if (big) CHECK(big->status == 413);
  // A request line beyond httplib's limit.
  auto huge = c.Get(("/api/search?q=" + std::string(9000, 'a')).c_str());
  REQUIRE(huge);
  CHECK(huge->status == 414);
  // HEAD works like GET without a body.
  auto head = c.Head("/api/search?q=VEGF");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());

  CHECK(get_json(c, "/healthz")["status"] == "ok");
  CHECK(get_json(c, "/api/search?q=VEGF")["total"].get<int>() > 0);
}

TEST_CASE("searchd: a client that stops sending mid-request is timed out") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index", {"--timeout", "1"});
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(searchd.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const std::string partial = "GET /api/search?q=VEGF HTTP/1.1\r\nHost: x\r\n";  // no blank line: never finished
  REQUIRE(::send(fd, partial.data(), partial.size(), 0) == static_cast<ssize_t>(partial.size()));
  const auto start = std::chrono::steady_clock::now();
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[512];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
  }
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(fd);
  CHECK(n == 0);  // the server closed the connection, rather than our 10 s receive timeout firing
  CHECK(waited < 8);
  auto c = searchd.client();
  CHECK(get_json(c, "/healthz")["status"] == "ok");
}

TEST_CASE("searchd: /api/suggest completes names and words, /healthz and /readyz answer") {
  Served s;
  auto c = s.searchd->client();
  const json j = get_json(c, "/api/suggest?q=thym");
  CHECK(j["query"] == "thym");
  const auto sug = j["suggestions"].get<std::vector<std::string>>();
  CHECK(std::find(sug.begin(), sug.end(), "Thymogen") != sug.end());
  CHECK(get_json(c, "/api/suggest?q=")["suggestions"].empty());
  CHECK(get_json(c, "/api/suggest?q=thym&limit=2")["suggestions"].size() <= 2);
  CHECK(get_json(c, "/healthz")["status"] == "ok");
  const json ready = get_json(c, "/readyz");
  CHECK(ready["status"] == "ready");
  CHECK(ready["passages"].get<int>() > 0);
}

TEST_CASE("searchd: without an index it is alive but not ready, and becomes ready once one is built") {
  TempDir tmp;
  SearchdProcess searchd(tmp / "index");
  auto c = searchd.client();
  CHECK(get_json(c, "/healthz")["status"] == "ok");
  CHECK(get_json(c, "/readyz", 503).contains("error"));
  CHECK(get_json(c, "/api/search?q=VEGF", 503).contains("error"));
  build_index(corpus_dir(), tmp / "index");
  CHECK(get_json(c, "/readyz")["status"] == "ready");
  CHECK(get_json(c, "/api/search?q=VEGF")["total"].get<int>() > 0);
}

TEST_CASE("searchd: CORS headers only for configured origins, and preflight") {
  Served s({"--cors-origin", "https://site.example", "--cors-origin", "https://other.example"});
  auto c = s.searchd->client();
  auto allowed = c.Get("/api/search?q=VEGF", {{"Origin", "https://site.example"}});
  REQUIRE(allowed);
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "https://site.example");
  CHECK(allowed->get_header_value("Vary") == "Origin");
  auto other = c.Get("/api/suggest?q=thy", {{"Origin", "https://other.example"}});
  REQUIRE(other);
  CHECK(other->get_header_value("Access-Control-Allow-Origin") == "https://other.example");
  auto refused = c.Get("/api/search?q=VEGF", {{"Origin", "https://evil.example"}});
  REQUIRE(refused);
  CHECK(refused->status == 200);
  CHECK(!refused->has_header("Access-Control-Allow-Origin"));
  // Errors carry the header too, so the page on the other site can read the message.
  auto error = c.Get("/api/search", {{"Origin", "https://site.example"}});
  REQUIRE(error);
  CHECK(error->status == 400);
  CHECK(error->get_header_value("Access-Control-Allow-Origin") == "https://site.example");

  auto pre = c.Options("/api/search", {{"Origin", "https://site.example"},
                                       {"Access-Control-Request-Method", "GET"},
                                       {"Access-Control-Request-Headers", "content-type"}});
  REQUIRE(pre);
  CHECK(pre->status == 204);
  CHECK(pre->get_header_value("Access-Control-Allow-Origin") == "https://site.example");
  CHECK(pre->get_header_value("Access-Control-Allow-Methods").find("GET") != std::string::npos);
  CHECK(pre->get_header_value("Access-Control-Allow-Headers") == "content-type");
  auto pre_refused = c.Options("/api/search", {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}});
  REQUIRE(pre_refused);
  CHECK(!pre_refused->has_header("Access-Control-Allow-Origin"));

  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess plain(tmp / "index");
  auto pc = plain.client();
  auto none = pc.Get("/api/search?q=VEGF", {{"Origin", "https://site.example"}});
  REQUIRE(none);
  CHECK(!none->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("searchd: /metrics counts requests by route and status, times them and describes the index") {
  Served s;
  auto c = s.searchd->client();
  for (int i = 0; i < 3; ++i) get_json(c, "/api/search?q=VEGF");
  get_json(c, "/api/search", 400);
  get_json(c, "/api/suggest?q=thy");
  get_json(c, "/nowhere", 404);
  const json ready = get_json(c, "/readyz");
  // Requests are counted by httplib's logger, which runs after the response is written; under load
  // the last counts may land a moment after the client has its answer, so wait for them (bounded).
  const std::vector<std::string> counted = {
      "pepsearch_http_requests_total{route=\"/api/search\",status=\"200\"} 3\n",
      "pepsearch_http_requests_total{route=\"/api/search\",status=\"400\"} 1\n",
      "pepsearch_http_requests_total{route=\"/api/suggest\",status=\"200\"} 1\n",
      "pepsearch_http_requests_total{route=\"other\",status=\"404\"} 1\n"};
  const auto all_counted = [&](const std::string& body) {
    return std::all_of(counted.begin(), counted.end(), [&](const std::string& line) { return body.find(line) != std::string::npos; });
  };
  auto res = c.Get("/metrics");
  for (int tries = 0; tries < 250 && res && !all_counted(res->body); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    res = c.Get("/metrics");
  }
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  const std::string& m = res->body;
  INFO(m);
  CHECK(m.find("# TYPE pepsearch_http_requests_total counter") != std::string::npos);
  for (const std::string& line : counted) CHECK(m.find(line) != std::string::npos);
  CHECK(m.find("# TYPE pepsearch_http_request_duration_seconds histogram") != std::string::npos);
  CHECK(m.find("pepsearch_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"} 4\n") != std::string::npos);
  CHECK(m.find("pepsearch_http_request_duration_seconds_count{route=\"/api/search\"} 4\n") != std::string::npos);
  CHECK(m.find("pepsearch_index_passages " + std::to_string(ready["passages"].get<int>()) + "\n") != std::string::npos);
  CHECK(m.find("pepsearch_index_documents " + std::to_string(ready["documents"].get<int>()) + "\n") != std::string::npos);
  CHECK(m.find("pepsearch_index_last_reload_timestamp_seconds ") != std::string::npos);
  CHECK(m.find("pepsearch_index_ready 1\n") != std::string::npos);
}

TEST_CASE("searchd: serves the search page and its files") {
  Served s;
  auto c = s.searchd->client();
  auto page = c.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").rfind("text/html", 0) == 0);
  CHECK(page->body.find("<script src=\"pepsearch.js\"") != std::string::npos);
  CHECK(page->body.find("<pepsearch-box") != std::string::npos);
  CHECK(page->has_header("Content-Security-Policy"));
  for (const char* file : {"/pepsearch.js", "/style.css"}) {
    auto r = c.Get(file);
    REQUIRE(r);
    CHECK(r->status == 200);
  }
  auto script = c.Get("/pepsearch.js");
  REQUIRE(script);
  CHECK(script->get_header_value("Content-Type").rfind("text/javascript", 0) == 0);
  CHECK(script->body.find("customElements.define(\"pepsearch-box\"") != std::string::npos);
  auto escape = c.Get("/../CMakeLists.txt");
  REQUIRE(escape);
  CHECK(escape->status != 200);
}

TEST_CASE("searchd: --frame-ancestors adds sites to the page's frame-ancestors; a bad one is a usage error") {
  const auto frame_ancestors = [](const httplib::Result& r) {
    const std::string csp = r->get_header_value("Content-Security-Policy");
    const size_t at = csp.find("frame-ancestors ");
    return at == std::string::npos ? std::string("(none)") : csp.substr(at);
  };
  Served plain;
  auto pc = plain.searchd->client();
  for (const char* file : {"/", "/pepsearch.js"}) {
    auto r = pc.Get(file);
    REQUIRE(r);
    CHECK(frame_ancestors(r) == "frame-ancestors 'self'");
  }

  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess framed(tmp / "index", {"--frame-ancestors", "https://site.example",
                                        "--frame-ancestors", "http://localhost:8000"});
  auto fc = framed.client();
  auto page = fc.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(frame_ancestors(page) == "frame-ancestors 'self' https://site.example http://localhost:8000");

  for (const char* bad : {"https://site.example/page", "*", "site.example", "https://site.example; script-src *"}) {
    const auto r = run(searchd_bin() + " --index " + shell_quote((tmp / "index").string()) +
                       " --port 0 --frame-ancestors " + shell_quote(bad) + " 2>&1");
    INFO(bad << ": " << r.out);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("https://example.org") != std::string::npos);
  }
}
