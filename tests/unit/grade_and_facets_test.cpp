#include <catch2/catch.hpp>

#include "monograph_parser.h"
#include "test_env.h"

using namespace pep;

namespace {
ParsedDocument parse_md(const std::string& body) {
  static const Vocabulary vocab = Vocabulary::load(test::vocab_dir());
  MonographParser parser(vocab);
  Document d;
  d.id = d.path = "t.md";
  d.format = DocumentFormat::md;
  d.title = "Test monograph";
  d.compound = "thymogen";
  d.text = body;
  return parser.parse(d);
}
const Passage& passage_with(const ParsedDocument& d, const std::string& needle) {
  for (const auto& p : d.passages)
    if (p.text.find(needle) != std::string::npos) return p;
  FAIL("no passage contains " << needle);
  throw;
}
std::vector<std::string> facet(const Passage& p, const std::string& name) {
  auto it = p.facets.find(name);
  return it == p.facets.end() ? std::vector<std::string>{} : it->second;
}
}  // namespace

TEST_CASE("grades are read as sources write them") {
  const auto d = parse_md(
      "## Notes\n\nOne claim (Grade B). Another (Grade A, negative). A third (Grade C-D).\n\n"
      "Tier text: sepsis care [T1–T2]: a trial. (T1 = strong RCT/meta-analysis, T2 = moderate, T3 = preclinical)\n\n"
      "## Evidence by indication\n\n| Indication | Best evidence | Grade |\n|---|---|---|\n"
      "| Metastatic renal cell carcinoma | Phase II | A negative / B for VEGF |\n| Chronic hepatitis C | none | D |\n");
  CHECK(facet(passage_with(d, "One claim"), "grade") == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(passage_with(d, "One claim").grade_label.find("Grade A, negative") != std::string::npos);
  CHECK(facet(passage_with(d, "Tier text"), "grade") == std::vector<std::string>{"a", "b"});
  CHECK(facet(passage_with(d, "Indication: Metastatic renal cell carcinoma"), "grade") == std::vector<std::string>{"a", "b"});
  CHECK(passage_with(d, "Indication: Metastatic renal cell carcinoma").grade_label.rfind("A negative / B for VEGF", 0) == 0);
}

TEST_CASE("a passage with no grade inherits the grade of an indication it discusses") {
  const auto d = parse_md(
      "## Trials\n\nIn RCC the drug lowered VEGF in 25 patients.\n\nNothing graded here about dosing.\n\n"
      "## Evidence by indication\n\n| Indication | Best evidence | Grade |\n|---|---|---|\n"
      "| Renal cell carcinoma | Phase II | B |\n");
  CHECK(facet(passage_with(d, "In RCC"), "grade") == std::vector<std::string>{"b"});
  // The specific indication, then the broader one above it (indications.tsv's parent column).
  CHECK(facet(passage_with(d, "In RCC"), "indication") == std::vector<std::string>{"renal-cell-carcinoma", "cancer"});
  CHECK(facet(passage_with(d, "Nothing graded"), "grade").empty());
}

TEST_CASE("compounds: the subject on every passage, others where named, in any spelling") {
  const auto d = parse_md("## A\n\nPlain text about dosing.\n\nCompared with Tα1 and thymosin alpha 1 (Zadaxin).\n\nIM‐862 and TB-500.\n");
  CHECK(facet(passage_with(d, "Plain text"), "compound") == std::vector<std::string>{"thymogen"});
  CHECK(facet(passage_with(d, "Compared with"), "compound") == std::vector<std::string>{"thymogen", "thymosin-alpha-1"});
  CHECK(facet(passage_with(d, "IM‐862"), "compound") == std::vector<std::string>{"thymogen", "thymosin-beta-4"});
}

TEST_CASE("indications from synonyms and from the section heading") {
  const auto d = parse_md("## Sepsis\n\nMortality fell in the ICU.\n\n## Other\n\nSARS-CoV-2 infection and HBV were studied.\n");
  CHECK(facet(passage_with(d, "Mortality fell"), "indication") == std::vector<std::string>{"sepsis"});
  CHECK(facet(passage_with(d, "SARS-CoV-2"), "indication") == std::vector<std::string>{"covid-19", "hepatitis-b", "viral-hepatitis"});
}

TEST_CASE("indications keep the specific name and add their parents, each once") {
  const auto d = parse_md("## A\n\nLowest in psoriatic arthritis, also low in rheumatoid arthritis and autoimmune disease.\n\n"
                          "Hepatitis B and hepatitis C trials.\n");
  CHECK(facet(passage_with(d, "Lowest in"), "indication") ==
        std::vector<std::string>{"psoriatic-arthritis", "rheumatoid-arthritis", "autoimmune-disease"});
  CHECK(facet(passage_with(d, "Hepatitis B and"), "indication") == std::vector<std::string>{"hepatitis-b", "hepatitis-c", "viral-hepatitis"});
}

TEST_CASE("markdown FAQ: a ### question and its answer are one passage") {
  const auto d = parse_md("## Frequently asked questions\n\n### Is it approved?\n\nNo, not in the United States.\n\n### Second?\n\nYes.\n");
  const Passage& p = passage_with(d, "Is it approved?");
  CHECK(p.kind == PassageKind::faq);
  CHECK(p.text == "Is it approved? No, not in the United States.");
}

TEST_CASE("long paragraphs are split at sentence boundaries into readable passages") {
  std::string body = "## Long\n\n";
  for (int i = 0; i < 60; ++i) body += "Sentence number " + std::to_string(i) + " says a little more about sepsis. ";
  const auto d = parse_md(body + "\n");
  REQUIRE(d.passages.size() >= 3);
  for (const auto& p : d.passages) {
    CHECK(p.text.back() == '.');
    CHECK(std::count(p.text.begin(), p.text.end(), ' ') < 160);
  }
}
