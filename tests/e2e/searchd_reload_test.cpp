// searchd while pepindex rebuilds its index: requests keep succeeding through the swap and the
// new generation is served without a restart.
#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "searchd_process.h"

using namespace pep::test;
using nlohmann::json;

namespace {

// Appends a section naming a word no monograph uses, so the rebuilt index is recognisable.
void add_marker_section(const std::filesystem::path& corpus, const std::string& word) {
  const auto file = corpus / "monographs" / "thymogen.md";
  std::string text = read_file(file);
  text += "\n\n## Editorial test note\n\nThis paragraph mentions " + word + " so a rebuilt index can be told apart.\n";
  write_file(file, text);
}

}  // namespace

TEST_CASE("searchd: a rebuild under load is served without a restart and without a failed request") {
  TempDir tmp;
  const auto corpus = tmp / "corpus";
  std::filesystem::copy(corpus_dir(), corpus, std::filesystem::copy_options::recursive);
  build_index(corpus, tmp / "index");
  SearchdProcess searchd(tmp / "index");

  std::atomic<bool> done{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t)
    clients.emplace_back([&, t] {
      auto c = searchd.client();
      const std::vector<std::string> targets{"/api/search?q=VEGF", "/api/search?q=trial&compound=thymogen",
                                             "/api/suggest?q=thym", "/api/search?q=zanzibarite"};
      for (size_t i = t; !done; ++i) {
        const std::string& target = targets[i % targets.size()];
        auto res = c.Get(target.c_str());
        if (res && res->status == 200 && json::accept(res->body)) {
          ++ok;
        } else {
          ++failed;
          std::lock_guard lock(failures_mutex);
          failures.push_back(target + " -> " + (res ? std::to_string(res->status) + " " + res->body : httplib::to_string(res.error())));
        }
      }
    });

  auto c = searchd.client();
  const auto first = c.Get("/readyz");
  REQUIRE(first);
  const std::string gen0 = json::parse(first->body)["generation"];
  CHECK(json::parse(c.Get("/api/search?q=zanzibarite")->body)["total"] == 0);

  // Two rebuilds: the second also deletes the generation the daemon started on.
  add_marker_section(corpus, "zanzibarite");
  build_index(corpus, tmp / "index");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  build_index(corpus, tmp / "index");

  // The new generation shows within a few recheck periods.
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    auto res = c.Get("/api/search?q=zanzibarite");
    served = res && res->status == 200 && json::parse(res->body)["total"].get<int>() > 0;
    if (!served) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // keep the load on past the swap
  done = true;
  for (auto& t : clients) t.join();

  CHECK(served);
  INFO("first failures: " << (failures.empty() ? "" : failures.front()));
  CHECK(failed == 0);
  CHECK(ok > 20);
  const std::string gen_now = json::parse(c.Get("/readyz")->body)["generation"];
  CHECK(gen_now != gen0);
  const std::string metrics = c.Get("/metrics")->body;
  INFO(metrics);
  CHECK(metrics.find("pepsearch_index_reloads_total 0\n") == std::string::npos);
}
