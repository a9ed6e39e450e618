// FormTable numbers words once for the taggers and the writer; these tests hold its numbering to
// the layout FormTable::ids() promises and its keys to the ones match_keys makes with the analyzer.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "form_table.h"
#include "test_env.h"
#include "text_analyzer.h"
#include "vocabulary.h"

using namespace pep;

TEST_CASE("form ids are dense, stable and shared by equal forms") {
  TextAnalyzer analyzer;
  FormTable forms(analyzer);
  const uint32_t a = forms.id("patients");
  const uint32_t b = forms.id("thymalfasin");
  CHECK(a == 0);
  CHECK(b == 1);
  CHECK(forms.id("patients") == a);
  CHECK(forms.size() == 2);
  const FormInfo& first = forms.info(a);
  for (int k = 0; k < 10000; ++k) forms.id("w" + std::to_string(k));  // grows; references must hold
  CHECK(&first == &forms.info(a));
  CHECK(first.form == "patients");
  CHECK(first.stem == analyzer.stem("patients"));
  CHECK(first.stem == "patient");
  CHECK(first.stem_hash == std::hash<std::string>{}("patient"));
  CHECK(forms.info(forms.id("im862")).stem == "im862");  // forms with digits are their own stem
}

TEST_CASE("ids() numbers each word's form, then its parts, in order") {
  TextAnalyzer analyzer;
  FormTable forms(analyzer);
  const auto words = analyzer.analyze("Thymogen (IM-862) lowered VEGF; IM862 again");
  const FormIds ids = forms.ids(words);
  std::vector<std::string> laid_out;
  for (uint32_t id : ids) laid_out.push_back(forms.info(id).form);
  CHECK(laid_out == std::vector<std::string>{"thymogen", "im862", "im", "862", "lowered", "vegf", "im862", "im", "862", "again"});
  CHECK(ids[1] == ids[6]);  // "IM-862" and "IM862" are one form
  CHECK(ids[2] == ids[7]);
}

TEST_CASE("match keys from the form table equal the analyzer's, on the real corpora") {
  const auto shared = test::shared_dir();
  if (!shared) return;
  TextAnalyzer analyzer;
  FormTable forms(analyzer);
  size_t texts = 0, keys = 0;
  std::vector<std::filesystem::path> files;
  for (const auto& dir : {*shared / "corpus", test::corpus_dir() / "monographs"})
    for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream body;
    body << in.rdbuf();
    std::istringstream lines(body.str());
    for (std::string line; std::getline(lines, line);) {
      const auto words = analyzer.analyze(line);
      const MatchKeys want = match_keys(words, analyzer);
      const MatchKeys got = match_keys(words, forms.ids(words), forms);
      REQUIRE(got.keys == want.keys);
      REQUIRE(got.hashes == want.hashes);
      REQUIRE(got.word_of == want.word_of);
      REQUIRE(got.starts_word == want.starts_word);
      ++texts;
      keys += got.keys.size();
    }
  }
  CHECK(texts > 500);
  CHECK(keys > 10000);
}
