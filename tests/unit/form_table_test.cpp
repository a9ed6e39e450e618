// FormTable numbers words once for the taggers and the writer; these tests hold its numbering to
// the words TextAnalyzer::analyze() finds, laid out as NumberedWords promises, and its keys to the
// ones match_keys makes with the analyzer.
#include <catch2/catch.hpp>

#include <algorithm>
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
  CHECK(forms.stem_hash(a) == std::hash<std::string>{}("patient"));
  CHECK(forms.stem_hash(forms.id("w9999")) == std::hash<std::string>{}(forms.info(forms.id("w9999")).stem));
  CHECK(forms.info(forms.id("im862")).stem == "im862");  // forms with digits are their own stem
}

TEST_CASE("number() numbers each word's form, then its parts, in order") {
  TextAnalyzer analyzer;
  FormTable forms(analyzer);
  const NumberedWords n = forms.number("Thymogen (IM-862) lowered VEGF; IM862 again");
  std::vector<std::string> laid_out;
  for (uint32_t id : n.ids) laid_out.push_back(forms.info(id).form);
  CHECK(laid_out == std::vector<std::string>{"thymogen", "im862", "im", "862", "lowered", "vegf", "im862", "im", "862", "again"});
  CHECK(n.parts == std::vector<uint32_t>{0, 2, 0, 0, 2, 0});
  CHECK(n.ids[1] == n.ids[6]);  // "IM-862" and "IM862" are one form
  CHECK(n.ids[2] == n.ids[7]);
}

TEST_CASE("numbered words and their match keys equal the analyzer's, on the real corpora") {
  const auto shared = test::shared_dir();
  if (!shared) return;
  TextAnalyzer analyzer;
  FormTable forms(analyzer);
  size_t texts = 0, keys = 0, non_ascii = 0;
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
      const NumberedWords numbered = forms.number(line);
      FormIds ids;  // the layout NumberedWords promises, from analyze()'s words
      std::vector<uint32_t> parts;
      for (const Word& w : words) {
        ids.push_back(forms.id(w.form));
        for (const auto& part : w.parts) ids.push_back(forms.id(part));
        parts.push_back(static_cast<uint32_t>(w.parts.size()));
      }
      REQUIRE(numbered.ids == ids);
      REQUIRE(numbered.parts == parts);
      const MatchKeys want = match_keys(words, analyzer);
      const MatchKeys got = match_keys(numbered, forms);
      REQUIRE(got.size() == want.size());
      for (size_t k = 0; k < got.size(); ++k) REQUIRE(got.key(k) == want.key(k));
      REQUIRE(got.hashes == want.hashes);
      REQUIRE(got.word_of == want.word_of);
      REQUIRE(got.starts_word == want.starts_word);
      ++texts;
      keys += got.size();
      non_ascii += std::any_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    }
  }
  CHECK(texts > 500);
  CHECK(keys > 10000);
  CHECK(non_ascii > 50);  // TextAnalyzer::visit's ICU path too
}
