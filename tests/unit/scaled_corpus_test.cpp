// pepbench's scaled corpus: copies are new documents (unique ids, texts no two alike), made only of
// the corpus's own sentences, and the same input gives the same bytes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "scaled_corpus.h"
#include "test_env.h"

using namespace pep::bench;
using namespace pep::test;
using nlohmann::json;

TEST_CASE("sentences split after their end marks") {
  CHECK(split_sentences("One two. Three? Four! Five") == std::vector<std::string>{"One two.", "Three?", "Four!", "Five"});
  CHECK(split_sentences("No break 3.5 mg.") == std::vector<std::string>{"No break 3.5 mg."});
  CHECK(split_sentences("").empty());
}

TEST_CASE("a scaled corpus holds unique ids and varied texts built from the corpus's own sentences") {
  TempDir tmp;
  std::string source;
  std::set<std::string> corpus_sentences;
  for (int i = 0; i < 12; ++i) {
    std::string text;
    for (int s = 0; s < 4; ++s) text += (s ? " " : "") + std::string("Record ") + std::to_string(i) + " sentence " + std::to_string(s) + ".";
    for (const auto& s : split_sentences(text)) corpus_sentences.insert(s);
    source += json{{"id", "r" + std::to_string(i)}, {"title", "Title " + std::to_string(i)}, {"text", text}}.dump() + "\n";
  }
  source += "not json\n";
  write_file(tmp / "in.jsonl", source);
  REQUIRE(write_scaled_corpus(tmp / "in.jsonl", tmp / "out", 8, 0) == 13 * 8);
  const std::string out = read_file(tmp / "out" / "part-0000.jsonl");
  std::istringstream lines(out);
  std::string line;
  std::set<std::string> ids, texts;
  size_t records = 0, broken = 0;
  while (std::getline(lines, line)) {
    const json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      ++broken;  // copied as it is, for pepindex to report
      continue;
    }
    ++records;
    ids.insert(j["id"].get<std::string>());
    texts.insert(j["text"].get<std::string>());
    for (const auto& s : split_sentences(j["text"].get<std::string>())) CHECK(corpus_sentences.count(s) == 1);
  }
  CHECK(broken == 8);
  CHECK(records == 12 * 8);
  CHECK(ids.size() == records);    // every copy is a new document
  CHECK(texts.size() == records);  // and no two texts are the same
  CHECK(out.substr(0, source.size()) == source);  // copy 0 is the corpus itself
  REQUIRE(write_scaled_corpus(tmp / "in.jsonl", tmp / "again", 8, 0) == 13 * 8);
  CHECK(read_file(tmp / "again" / "part-0000.jsonl") == out);
  CHECK_FALSE(std::filesystem::exists(tmp / "again" / "part-0001.jsonl"));  // small: one part
}
