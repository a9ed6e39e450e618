// /metrics names the generation served (issue #23): pepsearch_index_generation_info carries the
// live generation's directory and manifest id, one series, following every switch (a rollback to
// an older generation too), and pepsearch_index_ready drops to 0 while it is damaged.
#include <catch2/catch.hpp>

#include "metrics_registry.h"

namespace {

pep::IndexStats stats(const std::string& generation, const std::string& id, long long built_at) {
  pep::IndexStats s;
  s.generation = generation;
  s.id = id;
  s.built_at = built_at;
  s.passages = 84;
  s.documents = 4;
  return s;
}

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("metrics: the generation info series follows every switch, a rollback included") {
  pep::MetricsRegistry m;
  CHECK(count(m.render(), "pepsearch_index_generation_info{") == 0);  // nothing served yet
  m.index_opened(stats("gen-3", "aaa", 2000));
  CHECK(m.render().find("pepsearch_index_generation_info{generation=\"gen-3\",id=\"aaa\"} 1\n") != std::string::npos);
  CHECK(m.render().find("# TYPE pepsearch_index_generation_info gauge\n") != std::string::npos);

  m.index_opened(stats("gen-4", "bbb", 3000));
  m.index_opened(stats("gen-3", "aaa", 2000));  // rolled back: older, still the one served now
  const std::string text = m.render();
  CHECK(text.find("pepsearch_index_generation_info{generation=\"gen-3\",id=\"aaa\"} 1\n") != std::string::npos);
  CHECK(count(text, "pepsearch_index_generation_info{") == 1);
  CHECK(text.find("pepsearch_index_reloads_total 2\n") != std::string::npos);
}

TEST_CASE("metrics: a damaged index reads as not ready until it is repaired") {
  pep::MetricsRegistry m;
  m.index_opened(stats("gen-1", "ccc", 1000));
  CHECK(m.render().find("pepsearch_index_ready 1\n") != std::string::npos);
  m.index_damaged(true);
  CHECK(m.render().find("pepsearch_index_ready 0\n") != std::string::npos);
  m.index_damaged(false);
  CHECK(m.render().find("pepsearch_index_ready 1\n") != std::string::npos);
}
