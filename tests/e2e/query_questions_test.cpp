// Questions as readers type them (issue 24), through pepsearch: spelling that leaves real English
// words and drug names alone and reports them unknown, corrects the pieces of a hyphenated name and
// explains every change in corrected_query; quotes in a question are a hint, not a requirement,
// unless the query is only the quoted phrase.
#include <nlohmann/json.hpp>

#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

struct Searched {
  int exit_code;
  json j;
};

Searched search(const std::filesystem::path& index, const std::string& query) {
  const auto r = run(pepsearch_bin() + " --index " + shell_quote(index.string()) + " --json " + shell_quote(query));
  INFO(query << ": " << r.out);
  return {r.exit_code, r.exit_code == 0 ? json::parse(r.out) : json()};
}

// The index holds the words a careless corrector reached for: methane, cipo, hall, inserted.
void build_question_corpus(const std::filesystem::path& corpus, const std::filesystem::path& index) {
  write_file(corpus / "words.txt",
             "Methane in the hall\n\n"
             "Methane was inserted into the cipo chamber before each dose was measured in the hall.\n\n"
             "Glutamyl-tryptophan is a dipeptide; the dose of glutamyl-tryptophan was small.\n\n"
             "Each dose was given with water and the chamber was cleaned.\n\n"
             "The hall dose and the hall dose were measured, measured twice.\n");
  build_index(corpus, index);
}

}  // namespace

TEST_CASE("spelling: English words and drug names the index lacks stay as typed and are reported unknown") {
  TempDir tmp;
  build_question_corpus(tmp / "corpus", tmp / "index");
  for (const std::string word : {"methadone", "cipro", "halal", "insisted"}) {
    const Searched s = search(tmp / "index", word + " dose");
    INFO(word << ": " << s.j.dump());
    REQUIRE(s.exit_code == 0);  // "dose" still finds passages
    CHECK_FALSE(s.j.contains("corrected_query"));
    REQUIRE(s.j.contains("unknown_words"));
    CHECK(s.j["unknown_words"] == json::array({word}));
  }
}

TEST_CASE("spelling: a misspelt piece of a hyphenated name is corrected and corrected_query says so") {
  TempDir tmp;
  build_question_corpus(tmp / "corpus", tmp / "index");
  const Searched s = search(tmp / "index", "glutamyl-tryptophn dipeptide");
  REQUIRE(s.exit_code == 0);
  CHECK(s.j["corrected_query"] == "glutamyl-tryptophan dipeptide");
  CHECK(s.j["results"][0]["text"].get<std::string>().find("Glutamyl-tryptophan is a dipeptide") != std::string::npos);
  const Searched typo = search(tmp / "index", "dose chambr water");  // a plain typo is still corrected
  REQUIRE(typo.exit_code == 0);
  CHECK(typo.j["corrected_query"] == "dose chamber water");
}

TEST_CASE("quotes: a hint in a question, a requirement when the query is only the quoted phrase") {
  TempDir tmp;
  build_question_corpus(tmp / "corpus", tmp / "index");
  // No passage holds "water chamber" as a phrase: the question still finds its words.
  const Searched hint = search(tmp / "index", "when was the dose given \"water chamber\"");
  REQUIRE(hint.exit_code == 0);
  CHECK(hint.j["results"][0]["text"].get<std::string>().find("given with water") != std::string::npos);
  CHECK(search(tmp / "index", "\"water chamber\"").exit_code == 1);  // only the phrase: required, nothing matches
  // The phrase that does occur ranks its passage first, above one holding its words more often apart.
  const Searched boosted = search(tmp / "index", "dose \"measured in the hall\"");
  REQUIRE(boosted.exit_code == 0);
  CHECK(boosted.j["results"][0]["text"].get<std::string>().find("measured in the hall") != std::string::npos);
  const Searched exact = search(tmp / "index", "\"measured in the hall\"");
  REQUIRE(exact.exit_code == 0);
  CHECK(exact.j["total"] == 1);
}
