// Evidence claims (indexer/evidence_claims.h) on the real monographs, and the pieces they are made
// of. The expected pairs, grades, trial sizes and findings were read off the texts by hand:
//   ../shared/corpus/000 (thymogen): Kaposi sarcoma Grade A negative, the 202-patient Phase III no
//     better than placebo; renal cell carcinoma Phase II n=25, zero objective responses; hepatitis C
//     Grade D; anti-aging Grade C (animal).
//   ../shared/corpus/002 (thymosin alpha-1): ETASS, 361 ICU patients, mortality 26.0% vs 35.0% ("a
//     positive signal"); TESTS Phase 3, 1,106 adults, "no statistically significant difference";
//     COVID-19 retrospective review of 76 patients, "significantly reduced mortality". No grades.
//   ../shared/corpus/003 (thymosin alpha-1): tiers, hepatitis B and C [T1], sepsis [T1–T2], COVID-19 [T2].
//   corpus/monographs/thymosin-alpha-1.md: hepatitis B Grade A, sepsis Grade B (ETASS 361 and TESTS
//     1,106), severe COVID-19 Grade C (76 patients), colitis Grade C (preclinical).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "document_reader.h"
#include "evidence_claims.h"
#include "evidence_map.h"
#include "monograph_parser.h"
#include "test_env.h"
#include "vocabulary.h"

using namespace pep;

namespace {

ParsedDocument parse_file(const std::filesystem::path& root, const std::string& prefix) {
  const Vocabulary vocab = Vocabulary::load(test::vocab_dir());
  MonographParser parser(vocab);
  ParsedDocument out;
  DocumentReader reader(vocab.segmenter);
  for (const auto& e : std::filesystem::directory_iterator(root))
    if (e.path().filename().string().rfind(prefix, 0) == 0)
      reader.read_file(e.path(), root, [&](Document&& d) { out = parser.parse(std::move(d)); });
  REQUIRE_FALSE(out.passages.empty());
  return out;
}

std::vector<EvidenceClaim> claims_for(const ParsedDocument& d, const std::string& indication) {
  std::vector<EvidenceClaim> out;
  for (const auto& c : d.claims)
    if (c.indication == indication) out.push_back(c);
  return out;
}

// The claim of `indication` whose trial has `n` participants; FAILs when there is none.
EvidenceClaim trial_claim(const ParsedDocument& d, const std::string& indication, int n) {
  for (const auto& c : claims_for(d, indication))
    if (c.trial && c.trial->n == n) return c;
  FAIL("no " << indication << " claim with a trial of " << n);
  return {};
}

std::string best_grade(const std::vector<EvidenceClaim>& claims) {
  std::string best;
  for (const auto& c : claims)
    if (!c.grade.empty() && (best.empty() || c.grade < best)) best = c.grade;
  return best;
}

}  // namespace

TEST_CASE("shared 002: the positive ETASS trial and the null TESTS Phase 3, sizes as written") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const ParsedDocument d = parse_file(*shared / "corpus", "002_");
  CHECK(d.doc.compound == "thymosin-alpha-1");
  const EvidenceClaim etass = trial_claim(d, "sepsis", 361);
  CHECK(etass.trial->name == "ETASS");
  CHECK(etass.finding == Finding::positive);
  CHECK(etass.compound == "thymosin-alpha-1");
  const EvidenceClaim tests = trial_claim(d, "sepsis", 1106);
  CHECK(tests.finding == Finding::null);
  CHECK(tests.grade.empty());  // the page grades nothing
  const EvidenceClaim covid = trial_claim(d, "covid-19", 76);
  CHECK(covid.finding == Finding::positive);
  CHECK(covid.trial->design == "retrospective");
}

TEST_CASE("shared 000: Thymogen's grades per indication and the 202-patient Phase III against it") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const ParsedDocument d = parse_file(*shared / "corpus", "000_");
  CHECK(best_grade(claims_for(d, "kaposi-sarcoma")) == "a");
  const EvidenceClaim phase3 = trial_claim(d, "kaposi-sarcoma", 202);
  CHECK((phase3.finding == Finding::null || phase3.finding == Finding::negative));
  const EvidenceClaim rcc = trial_claim(d, "renal-cell-carcinoma", 25);
  CHECK(rcc.finding == Finding::null);
  CHECK(rcc.trial->design == "Phase II");
  CHECK(best_grade(claims_for(d, "hepatitis-c")) == "d");
  CHECK(best_grade(claims_for(d, "aging")) == "c");
  const EvidenceClaim phase2 = trial_claim(d, "kaposi-sarcoma", 44);
  CHECK(phase2.finding == Finding::positive);  // "apparent antitumor activity"
  for (const auto& c : d.claims) CHECK(c.compound == "thymogen");
}

TEST_CASE("shared 003: tier markers are the claims' grades, with the page's wording") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const ParsedDocument d = parse_file(*shared / "corpus", "003_");
  const auto hep = claims_for(d, "hepatitis-b");
  REQUIRE_FALSE(hep.empty());
  CHECK(best_grade(hep) == "a");
  CHECK(hep.front().grade_label.find("[T1]") != std::string::npos);
  CHECK(best_grade(claims_for(d, "sepsis")) == "a");
  CHECK(best_grade(claims_for(d, "covid-19")) == "b");
}

TEST_CASE("corpus thymosin-alpha-1.md: grades by indication, ETASS and TESTS side by side") {
  const ParsedDocument d = parse_file(test::corpus_dir() / "monographs", "thymosin-alpha-1");
  CHECK(best_grade(claims_for(d, "hepatitis-b")) == "a");
  CHECK(best_grade(claims_for(d, "sepsis")) == "b");
  CHECK(best_grade(claims_for(d, "covid-19")) == "c");
  CHECK(best_grade(claims_for(d, "colitis")) == "c");
  const EvidenceClaim tests = trial_claim(d, "sepsis", 1106);
  CHECK(tests.trial->name == "TESTS");
  CHECK(tests.finding == Finding::null);
  const auto sepsis = claims_for(d, "sepsis");
  CHECK(std::any_of(sepsis.begin(), sepsis.end(), [](const EvidenceClaim& c) {
    return c.trial && c.trial->n == 361 && c.trial->name == "ETASS" && c.finding == Finding::positive;
  }));
  CHECK(trial_claim(d, "covid-19", 76).grade == "c");
  // Claims point at their passage and carry its citations.
  for (const auto& c : d.claims) {
    REQUIRE(c.passage < d.passages.size());
    CHECK(c.references == d.passages[c.passage].citations);
  }
}

TEST_CASE("finding cues: null and negative phrases win over the positive words inside them") {
  const Vocabulary vocab = Vocabulary::load(test::vocab_dir());
  const TextAnalyzer analyzer;
  const FormTable forms(analyzer);
  const FacetTagger facets(vocab, analyzer, forms);
  const GradeTagger grades(vocab, facets);
  const EvidenceClaims claims(vocab, facets, grades);
  CHECK(claims.finding_in("found no statistically significant difference in 28-day mortality") == Finding::null);
  CHECK(claims.finding_in("it showed no benefit") == Finding::null);
  CHECK(claims.finding_in("it was no better than placebo and possibly worse") == Finding::negative);
  CHECK(claims.finding_in("the drug failed against tumours") == Finding::null);
  CHECK(claims.finding_in("treatment reduced mortality") == Finding::positive);
  CHECK(claims.finding_in("a trial suggested lower mortality") == Finding::positive);
  CHECK(claims.finding_in("mortality was 23.4% and 24.1%") == Finding::unstated);

  const auto t = claims.trial_in("The Phase 3 TESTS trial (1,106 adults across 22 centers, double-blind) in 2025");
  REQUIRE(t);
  CHECK(t->name == "TESTS");
  CHECK(t->n == 1106);
  CHECK(t->design == "Phase 3");
  CHECK(t->year == 2025);
  CHECK(claims.trial_in("a 202-patient Phase III")->n == 202);
  CHECK(claims.trial_in("thymosin alpha 1 in patients with sepsis") == std::nullopt);
  CHECK(claims.trial_in("the Phase III trial")->name.empty());  // a numeral, not a name
  CHECK(split_clauses("A suggested lower mortality, while B found none. Then C; D").size() == 4);
}

TEST_CASE("findings are spelled as the API documents them") {
  const std::vector<std::pair<Finding, std::string>> spelled{
      {Finding::positive, "positive"}, {Finding::null, "null"}, {Finding::negative, "negative"}, {Finding::unstated, "unstated"}};
  for (const auto& [f, s] : spelled) {
    CHECK(to_string(f) == s);
    CHECK(parse_finding(s) == f);
  }
  CHECK_FALSE(parse_finding("Positive"));
  CHECK_FALSE(parse_finding(""));
}

TEST_CASE("agreement: grades two steps apart and positive beside null findings are conflicts") {
  const auto claim = [](const std::string& source, const std::string& grade, Finding f) {
    EvidenceClaim c;
    c.source_id = source;
    c.grade = grade;
    c.finding = f;
    return c;
  };
  EvidencePair p;
  p.claims = {claim("x", "b", Finding::positive), claim("x", "c", Finding::unstated), claim("y", "", Finding::unstated)};
  agree(p);
  CHECK(p.grade == "b");
  CHECK(p.sources == 2);
  CHECK(p.conflict_reasons.empty());
  p.claims.push_back(claim("z", "d", Finding::null));
  agree(p);
  CHECK(p.conflict_reasons == std::vector<ConflictReason>{ConflictReason::grades, ConflictReason::findings});
}

TEST_CASE("indications.tsv's parents: loaded, walked, and a bad parent is refused") {
  const Vocabulary vocab = Vocabulary::load(test::vocab_dir());
  CHECK(with_ancestors(vocab.indications, "hepatitis-b") == std::vector<std::string>{"hepatitis-b", "viral-hepatitis"});
  CHECK(with_ancestors(vocab.indications, "psoriatic-arthritis") == std::vector<std::string>{"psoriatic-arthritis", "autoimmune-disease"});
  CHECK(with_ancestors(vocab.indications, "sepsis") == std::vector<std::string>{"sepsis"});
  const Vocabulary stored = Vocabulary::from_json(vocab.to_json());  // what the index keeps
  REQUIRE(stored.indications.size() == vocab.indications.size());
  for (size_t i = 0; i < vocab.indications.size(); ++i) CHECK(stored.indications[i].parent == vocab.indications[i].parent);
  test::TempDir tmp;
  test::write_file(tmp / "cycle.tsv", "a\tA\t\tb\nb\tB\t\ta\n");
  CHECK_THROWS_AS(load_concepts(tmp / "cycle.tsv"), VocabularyError);
  test::write_file(tmp / "orphan.tsv", "a\tA\t\tnowhere\n");
  CHECK_THROWS_AS(load_concepts(tmp / "orphan.tsv"), VocabularyError);
}
