// The segmenter's word lists are read from the vocabulary directory by the real pepindex: a
// question opener and a section heading added to a copy of corpus/vocab change how `pepindex
// inspect` reads a page, and change the vocabulary digest of the generation `pepindex build` makes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

const char* const kPage =
    "Thymogen notes\n\n"
    "Thymogen is a dipeptide studied for immune support in several small trials over many years.\n\n"
    "Reader questions\n\n"
    "Read moreMay Thymogen be taken daily?\n"
    "Daily use was studied in two small trials.\n";

std::string vocabulary_digest(const std::filesystem::path& vocab, const std::filesystem::path& corpus,
                              const std::filesystem::path& index) {
  const std::string v = " --vocab " + shell_quote(vocab.string());
  REQUIRE(run(pepindex_bin() + v + " build --corpus " + shell_quote(corpus.string()) + " --index " +
              shell_quote(index.string()) + " >/dev/null")
              .exit_code == 0);
  const auto manifest = run(pepindex_bin() + " dump " + shell_quote(index.string()) + " --manifest");
  REQUIRE(manifest.exit_code == 0);
  return json::parse(manifest.out).at("vocabulary_sha256").get<std::string>();
}

bool has_passage(const json& inspected, const std::string& text) {
  for (const auto& p : inspected.at("passages"))
    if (p.at("text") == text) return true;
  return false;
}

}  // namespace

TEST_CASE("vocabulary lists: pepindex reads the segmenter's words from --vocab, and the digest covers them") {
  TempDir tmp;
  std::filesystem::copy(vocab_dir(), tmp / "vocab", std::filesystem::copy_options::recursive);
  write_file(tmp / "corpus" / "page.txt", kPage);
  const std::string inspect = " inspect --json " + shell_quote((tmp / "corpus" / "page.txt").string());
  const std::string faq = "May Thymogen be taken daily? Daily use was studied in two small trials.";

  const auto before = run(pepindex_bin() + " --vocab " + shell_quote((tmp / "vocab").string()) + inspect);
  REQUIRE(before.exit_code == 0);
  CHECK_FALSE(has_passage(json::parse(before.out), faq));
  const std::string digest_before = vocabulary_digest(tmp / "vocab", tmp / "corpus", tmp / "index");

  std::ofstream(tmp / "vocab" / "question_openers.list", std::ios::app) << "May\n";
  std::ofstream(tmp / "vocab" / "section_headings.tsv", std::ios::app) << "faq\twhole\treader questions\n";
  const auto after = run(pepindex_bin() + " --vocab " + shell_quote((tmp / "vocab").string()) + inspect);
  REQUIRE(after.exit_code == 0);
  CHECK(has_passage(json::parse(after.out), faq));
  const std::string digest_after = vocabulary_digest(tmp / "vocab", tmp / "corpus", tmp / "index");
  CHECK(digest_after != digest_before);

  // Publisher cues alone: the page has none to find, yet the digest still follows the file.
  std::ofstream(tmp / "vocab" / "publisher_cues.list", std::ios::app) << "courtesy of\n";
  CHECK(vocabulary_digest(tmp / "vocab", tmp / "corpus", tmp / "index") != digest_after);
}

TEST_CASE("vocabulary lists: a missing word list is a usage error that names the file") {
  TempDir tmp;
  std::filesystem::copy(vocab_dir(), tmp / "vocab", std::filesystem::copy_options::recursive);
  std::filesystem::remove(tmp / "vocab" / "question_openers.list");
  write_file(tmp / "page.txt", kPage);
  const auto r = run(pepindex_bin() + " --vocab " + shell_quote((tmp / "vocab").string()) + " inspect " +
                     shell_quote((tmp / "page.txt").string()) + " 2>&1");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("question_openers.list") != std::string::npos);
}
