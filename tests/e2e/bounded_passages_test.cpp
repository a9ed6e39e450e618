// A paragraph bomb through the real binaries: an 8 MB line with one ". " near its end becomes
// passages of at most PassageSegmenter::kWordLimit words, and an answer's "text" is capped
// (text_truncated) unless --full-text asks for all of it.
#include <nlohmann/json.hpp>
#include <sstream>

#include "passage_segmenter.h"
#include "reliability_table.h"

using namespace pep::test;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("bounded passages: an 8 MB line with one sentence break gives bounded passages and answers") {
  TempDir tmp;
  // Words of 60 letters: 140 of them are over the 4 KB text cap, so the cap shows too.
  std::string line;
  const std::string word = "thymosin" + std::string(52, 'x');
  for (size_t i = 0; line.size() < (8u << 20); ++i) line += word + (i % 7 ? " " : " peptide ");
  line += ". Last sentence with peptide in it.";
  write_file(tmp / "corpus" / "bomb.txt", "Bomb monograph\n\n" + line + "\n");
  const Measured built = run_measured(pepindex_bin() + " build --corpus " + shell_quote((tmp / "corpus").string()) +
                                      " --index " + shell_quote((tmp / "index").string()));
  INFO(built.output);
  REQUIRE(built.exit_code == 0);
  const std::string search = pepsearch_bin() + " --json --limit 100 --index " + shell_quote((tmp / "index").string()) + " peptide";
  const auto capped = run(search);
  const auto full = run(search + " --full-text");
  REQUIRE(capped.exit_code == 0);
  REQUIRE(full.exit_code == 0);
  const json a = json::parse(capped.out), b = json::parse(full.out);
  REQUIRE(a["results"].size() == 100);
  size_t most_words = 0, truncated = 0;
  for (size_t i = 0; i < b["results"].size(); ++i) {
    std::istringstream in(b["results"][i]["text"].get<std::string>());
    size_t words = 0;
    for (std::string w; in >> w;) ++words;
    most_words = std::max(most_words, words);
    CHECK_FALSE(b["results"][i].contains("text_truncated"));
    const auto& r = a["results"][i];
    CHECK(r["text"].get<std::string>().size() <= 4096 + 3);
    truncated += r.value("text_truncated", false) ? 1 : 0;
  }
  CHECK(most_words <= pep::PassageSegmenter::kWordLimit);
  CHECK(truncated > 0);
  CHECK(capped.out.size() < 2u << 20);
  record_case("indexer", "8 MB line with one \". \" near its end",
              "passages of at most 200 words; answers capped at 4 KB of text per result",
              "built in " + std::to_string(static_cast<int>(built.seconds)) + " s, peak " + std::to_string(built.max_rss_kb / 1024) +
                  " MB; longest passage " + std::to_string(most_words) + " words; 100 results: " +
                  std::to_string(capped.out.size() / 1024) + " KB JSON (" + std::to_string(full.out.size() / 1024) + " KB with --full-text)");
}
