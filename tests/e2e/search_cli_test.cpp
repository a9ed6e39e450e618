// End to end through the real binaries: pepindex build, then pepsearch (--json and human).
#include <nlohmann/json.hpp>

#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

json search_json(const std::filesystem::path& index, const std::string& args, int expect_exit = 0) {
  const auto r = run(pepsearch_bin() + " --json --index " + shell_quote(index.string()) + " " + args);
  INFO("pepsearch " << args);
  REQUIRE(r.exit_code == expect_exit);
  return json::parse(r.out);
}

bool is_thymogen_doc(const json& result) {
  const std::string path = result["source"]["path"];
  return path == "monographs/thymogen.md" || path.rfind("000_", 0) == 0 || path.rfind("001_", 0) == 0;
}

}  // namespace

TEST_CASE("the bundled corpus builds and answers 'VEGF lowering' with a Thymogen VEGF passage") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const json j = search_json(tmp / "index", "'VEGF lowering'");
  REQUIRE(j["results"].size() > 0);
  const json& first = j["results"][0];
  CHECK(first["source"]["path"] == "monographs/thymogen.md");
  CHECK(first["text"].get<std::string>().find("VEGF") != std::string::npos);
  CHECK(first["snippet"].get<std::string>().find("<mark>") != std::string::npos);
  // The JSON contract.
  for (const char* key : {"query", "total", "page", "per_page", "results", "facets"}) CHECK(j.contains(key));
  for (const char* key : {"id", "score", "text", "snippet", "section", "facets", "source", "citations"}) CHECK(first.contains(key));
  for (const char* key : {"compound", "indication", "grade"}) {
    CHECK(first["facets"].contains(key));
    CHECK(j["facets"].contains(key));
  }
  for (const char* key : {"id", "path", "title", "publisher", "url"}) CHECK(first["source"].contains(key));
  CHECK(first["source"]["id"] == "monographs/thymogen.md");
  CHECK(j["facets"]["compound"][0].contains("value"));
  CHECK(j["facets"]["compound"][0].contains("count"));
}

TEST_CASE("the shared corpus answers 'VEGF lowering' from the Thymogen monographs first") {
  auto shared = shared_dir();
  if (!shared) return;
  TempDir tmp;
  build_index(*shared / "corpus", tmp / "index");
  const json j = search_json(tmp / "index", "'VEGF lowering'");
  REQUIRE(j["results"].size() > 0);
  CHECK(is_thymogen_doc(j["results"][0]));
  CHECK(j["results"][0]["text"].get<std::string>().find("VEGF") != std::string::npos);
  CHECK(j["results"][0]["source"]["path"].get<std::string>().rfind("000_", 0) == 0);
}

TEST_CASE("facet flags filter: values of one facet OR, facets AND") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const auto index = tmp / "index";
  const json all = search_json(index, "trial --limit 100");
  const json tα1 = search_json(index, "trial --limit 100 --compound thymosin-alpha-1");
  REQUIRE(tα1["results"].size() > 0);
  CHECK(tα1["total"].get<int>() < all["total"].get<int>());
  for (const auto& r : tα1["results"]) {
    const auto& c = r["facets"]["compound"];
    CHECK(std::find(c.begin(), c.end(), "thymosin-alpha-1") != c.end());
  }
  const json either = search_json(index, "trial --limit 100 --compound thymosin-alpha-1 --compound thymogen");
  CHECK(either["total"].get<int>() >= tα1["total"].get<int>());
  const json both = search_json(index, "trial --limit 100 --compound thymosin-alpha-1 --indication sepsis");
  REQUIRE(both["results"].size() > 0);
  CHECK(both["total"].get<int>() <= tα1["total"].get<int>());
  for (const auto& r : both["results"]) {
    const auto& i = r["facets"]["indication"];
    CHECK(std::find(i.begin(), i.end(), "sepsis") != i.end());
  }
  const json grade = search_json(index, "VEGF --grade b");
  for (const auto& r : grade["results"]) {
    const auto& g = r["facets"]["grade"];
    CHECK(std::find(g.begin(), g.end(), "b") != g.end());
  }
}

TEST_CASE("exit codes: 0 results, 1 no results, 2 usage or index error") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const std::string idx = " --index " + shell_quote((tmp / "index").string());
  CHECK(run(pepsearch_bin() + idx + " VEGF > /dev/null").exit_code == 0);
  CHECK(run(pepsearch_bin() + idx + " zzqxjw 2>/dev/null").exit_code == 1);
  CHECK(run(pepsearch_bin() + idx + " 2>/dev/null").exit_code == 2);                  // no query
  CHECK(run(pepsearch_bin() + idx + " --limit 0 VEGF 2>/dev/null").exit_code == 2);   // bad flag value
  CHECK(run(pepsearch_bin() + idx + " --bogus VEGF 2>/dev/null").exit_code == 2);
  CHECK(run(pepsearch_bin() + " --index " + shell_quote((tmp / "missing").string()) + " VEGF 2>/dev/null").exit_code == 2);
  // A missing index says how to build one.
  const auto msg = run(pepsearch_bin() + " --index " + shell_quote((tmp / "missing").string()) + " VEGF 2>&1");
  CHECK(msg.out.find("pepindex build") != std::string::npos);
}

TEST_CASE("PEPSEARCH_INDEX is the default index") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const auto r = run("PEPSEARCH_INDEX=" + shell_quote((tmp / "index").string()) + " " + pepsearch_bin() + " --json VEGF");
  CHECK(r.exit_code == 0);
}

TEST_CASE("human output has rank, snippet and an attribution line") {
  TempDir tmp;
  build_index(corpus_dir(), tmp / "index");
  const auto r = run(pepsearch_bin() + " --index " + shell_quote((tmp / "index").string()) + " 'VEGF lowering'");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("1. ", 0) == 0);
  CHECK(r.out.find("monographs/thymogen.md") != std::string::npos);
  CHECK(r.out.find("compound: thymogen") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour when not on a terminal
}

TEST_CASE("a failed build leaves the previous index live and searchable") {
  TempDir tmp;
  const auto index = tmp / "index";
  build_index(corpus_dir(), index);
  const std::string before = std::filesystem::read_symlink(index / "current").string();
  // A corpus with no usable documents fails the build...
  write_file(tmp / "empty-corpus" / "blank.txt", "   \n");
  const auto r = run(pepindex_bin() + " build --corpus " + shell_quote((tmp / "empty-corpus").string()) + " --index " +
                     shell_quote(index.string()) + " 2>/dev/null");
  CHECK(r.exit_code != 0);
  // ...and the old generation is still the live one, still answering.
  CHECK(std::filesystem::read_symlink(index / "current").string() == before);
  CHECK(search_json(index, "VEGF")["results"].size() > 0);
}

TEST_CASE("a build killed midway leaves the previous index usable and the next build cleans up") {
  TempDir tmp;
  const auto index = tmp / "index";
  build_index(corpus_dir(), index);
  // Simulate a build killed after it created its partial generation.
  std::filesystem::create_directories(index / "gen-7.partial");
  write_file(index / "gen-7.partial" / "junk", "half-written");
  CHECK(search_json(index, "VEGF")["results"].size() > 0);
  build_index(corpus_dir(), index);
  CHECK_FALSE(std::filesystem::exists(index / "gen-7.partial"));
  CHECK(search_json(index, "VEGF")["results"].size() > 0);
}

TEST_CASE("rebuilding replaces the index atomically and keeps one previous generation") {
  TempDir tmp;
  const auto index = tmp / "index";
  for (int i = 0; i < 4; ++i) build_index(corpus_dir(), index);
  int generations = 0;
  for (const auto& e : std::filesystem::directory_iterator(index))
    if (e.path().filename().string().rfind("gen-", 0) == 0) ++generations;
  CHECK(generations == 2);
  CHECK(std::filesystem::read_symlink(index / "current").string() == "gen-3");
}

TEST_CASE("pepindex refuses to write into a directory that is not an index") {
  TempDir tmp;
  write_file(tmp / "notanindex" / "precious.txt", "do not delete");
  const auto r = run(pepindex_bin() + " build --corpus " + shell_quote(corpus_dir().string()) + " --index " +
                     shell_quote((tmp / "notanindex").string()) + " 2>&1");
  CHECK(r.exit_code == 2);
  CHECK(std::filesystem::exists(tmp / "notanindex" / "precious.txt"));
}

TEST_CASE("JSONL records are documents with their own id, title, publisher and url") {
  TempDir tmp;
  write_file(tmp / "c" / "sub" / "qa.jsonl",
             R"({"id": "rec-1", "title": "Sepsis basics", "url": "https://example.org/sepsis", "publisher": "Example", "text": "Sepsis is a life-threatening response to infection."})"
             "\n"
             R"({"id": "rec-2", "title": "Other", "text": "Unrelated words about gardening."})"
             "\n");
  build_index(tmp / "c", tmp / "index");
  const json j = search_json(tmp / "index", "sepsis");
  REQUIRE(j["results"].size() == 1);
  const auto& s = j["results"][0]["source"];
  CHECK(s["id"] == "rec-1");
  CHECK(s["path"] == "sub/qa.jsonl");
  CHECK(s["title"] == "Sepsis basics");
  CHECK(s["publisher"] == "Example");
  CHECK(s["url"] == "https://example.org/sepsis");
}
