// searchd's lifecycle: it stops gracefully on SIGTERM and SIGINT (exit 0, every request it answered
// while stopping answered completely) and refuses to start on a port that is taken.
#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "searchd_process.h"

using namespace pep::test;
using nlohmann::json;

TEST_CASE("searchd: SIGTERM under load lets in-flight requests finish, then exits 0") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");

  std::atomic<bool> done{false};
  std::atomic<int> complete{0}, broken{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t)
    clients.emplace_back([&] {
      auto c = searchd.client();
      while (!done) {
        auto res = c.Get("/api/search?q=trial&per_page=100");
        if (!res) break;  // refused or closed before a request was taken: the server is gone
        if (res->status == 200 && json::accept(res->body)) ++complete;
        else ++broken;
      }
    });
  while (complete < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto start = std::chrono::steady_clock::now();
  const int code = searchd.stop(SIGTERM);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  done = true;
  for (auto& t : clients) t.join();
  CHECK(code == 0);
  CHECK(took < 10);
  CHECK(broken == 0);
}

TEST_CASE("searchd: SIGINT stops it too") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess searchd(tmp / "index");
  auto c = searchd.client();
  REQUIRE(c.Get("/healthz"));
  CHECK(searchd.stop(SIGINT) == 0);
  CHECK(!c.Get("/healthz"));
}

TEST_CASE("searchd: a port already in use is an error (exit 2), not a shared listener") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  SearchdProcess first(tmp / "index");
  const auto second = run("timeout 5 " + searchd_bin() + " --index " + shell_quote((tmp / "index").string()) +
                          " --port " + std::to_string(first.port()) + " 2>&1");
  INFO(second.out);
  CHECK(second.exit_code == 2);
  CHECK(second.out.find("cannot listen") != std::string::npos);
}
