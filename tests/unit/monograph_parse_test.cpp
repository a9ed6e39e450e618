// Pins how each real scraped monograph in ../shared/corpus is understood. The expected values
// were read off the texts by hand: headings, table rows, FAQ pairs, references, citations.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "document_reader.h"
#include "monograph_parser.h"
#include "test_env.h"
#include "vocabulary.h"

using namespace pep;

namespace {

ParsedDocument parse_shared(const std::string& prefix) {
  auto shared = test::shared_dir();
  if (!shared) return {};
  const Vocabulary vocab = Vocabulary::load(test::vocab_dir());
  MonographParser parser(vocab);
  ParsedDocument out;
  DocumentReader reader(vocab.segmenter);
  for (const auto& e : std::filesystem::directory_iterator(*shared / "corpus"))
    if (e.path().filename().string().rfind(prefix, 0) == 0)
      reader.read_file(e.path(), *shared / "corpus", [&](Document&& d) { out = parser.parse(std::move(d)); });
  REQUIRE_FALSE(out.passages.empty());
  return out;
}

size_t count_kind(const ParsedDocument& d, PassageKind kind) {
  return static_cast<size_t>(std::count_if(d.passages.begin(), d.passages.end(), [&](const Passage& p) { return p.kind == kind; }));
}

const Passage* find_text(const ParsedDocument& d, const std::string& needle) {
  for (const auto& p : d.passages)
    if (p.text.find(needle) != std::string::npos) return &p;
  return nullptr;
}

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

bool any_text_contains(const ParsedDocument& d, const std::string& needle) { return find_text(d, needle) != nullptr; }

}  // namespace

TEST_CASE("000 (PeptideVox Thymogen): question headings, pipe tables, glued FAQ, glued citation digits") {
  const ParsedDocument d = parse_shared("000_");
  if (d.passages.empty()) return;
  CHECK(d.doc.title == "Thymogen (Oglufanide): Evidence, Mechanism & Status");
  CHECK(d.doc.subtitle.rfind("A clinical monograph on Thymogen", 0) == 0);
  CHECK(d.doc.publisher == "PeptideVox");
  CHECK(d.doc.compound == "thymogen");
  CHECK(d.headings == std::vector<std::string>{"What is Thymogen and how does it work?", "What is the evidence by indication?",
                                               "What doses appear in the literature, and how safe is it?",
                                               "What is the FDA and WADA status in 2026?", "References", "Frequently Asked"});
  CHECK(count_kind(d, PassageKind::table_row) == 5);  // the evidence table; the reference table is not content
  CHECK(count_kind(d, PassageKind::faq) == 6);
  // The first FAQ question was glued to the block's subtitle ("...answersIs Thymogen proven...").
  const Passage* faq = find_text(d, "Is Thymogen proven to work in humans?");
  REQUIRE(faq);
  CHECK(faq->kind == PassageKind::faq);
  CHECK(faq->text.rfind("Is Thymogen proven", 0) == 0);
  REQUIRE(d.references.size() == 17);
  CHECK(d.references[0].pmid == "15598977");
  CHECK(d.references[0].year == 2005);
  CHECK(d.references[0].type == "RCT");
  CHECK(d.references[1].doi == "10.1200/jco.2000.18.4.716");
  CHECK(d.references[2].url == "https://pmc.ncbi.nlm.nih.gov/articles/PMC2409952");
  // "CAS 122933-59-9.1415" cites 14 and 15; the digits are gone from the text.
  const Passage* cas = find_text(d, "CAS 122933-59-9");
  REQUIRE(cas);
  CHECK(cas->citations == std::vector<int>{5, 14, 15});
  CHECK(cas->text.find("1415") == std::string::npos);
  // "(Grade A negative).1" and "(Grade B)3" are markers too.
  const Passage* intro = find_text(d, "The decisive finding is negative");
  REQUIRE(intro);
  CHECK(intro->citations == std::vector<int>{1, 3, 5});
  CHECK(intro->text.find("(Grade A negative). What") != std::string::npos);
  // ...but decimals and doses are not.
  CHECK(any_text_contains(d, "P = 0.0065"));
  CHECK(any_text_contains(d, "0.05% topical cream"));
  CHECK(d.warnings.empty());
  // Disclaimers and the FAQ block label are not content.
  CHECK_FALSE(any_text_contains(d, "PeptideVox is an evidence reference"));
  CHECK_FALSE(any_text_contains(d, "This article is informational"));
  CHECK(contains(d.dropped, "Common questions · evidence-graded answers"));
}

TEST_CASE("000: grades as the source writes them, and inherited from the evidence table") {
  const ParsedDocument d = parse_shared("000_");
  if (d.passages.empty()) return;
  const Passage* rcc = find_text(d, "Indication: Metastatic renal cell carcinoma");
  REQUIRE(rcc);
  CHECK(rcc->facets.at("grade") == std::vector<std::string>{"a", "b"});  // "A negative / B for VEGF"
  const Passage* immune = find_text(d, "Indication: Respiratory infection & immune support");
  REQUIRE(immune);
  CHECK(immune->facets.at("grade") == std::vector<std::string>{"c", "d"});  // "C-D"
  // States no grade, discusses Kaposi sarcoma (A) and renal cell carcinoma (A / B): inherits them.
  const Passage* trials = find_text(d, "202 HIV-positive patients");
  REQUIRE(trials);
  CHECK(contains(trials->facets.at("grade"), "a"));
  CHECK(contains(trials->facets.at("grade"), "b"));
  CHECK(trials->grade_label.find("evidence table") != std::string::npos);
  const Passage* hcv = find_text(d, "overtaken by direct-acting antivirals");
  REQUIRE(hcv);
  CHECK(contains(hcv->facets.at("grade"), "c"));  // "Grade C" in the text
  CHECK(contains(hcv->facets.at("grade"), "d"));  // hepatitis C is graded D in the table
  CHECK(contains(hcv->facets.at("indication"), "hepatitis-c"));
}

TEST_CASE("001 (Thymogen, no title): quick facts list, key takeaways, FAQ, empty reference list") {
  const ParsedDocument d = parse_shared("001_");
  if (d.passages.empty()) return;
  CHECK(d.doc.title == "Thymogen");  // untitled page: named after its subject compound
  CHECK(d.headings == std::vector<std::string>{"Quick facts", "Key takeaways", "Overview", "How it works",
                                               "Research & evidence", "Safety & legal status",
                                               "Frequently asked questions", "References"});
  REQUIRE(count_kind(d, PassageKind::facts) == 1);
  const Passage* facts = find_text(d, "Class: Synthetic dipeptide immunomodulator");
  REQUIRE(facts);
  CHECK(facts->fields.size() == 7);  // 8 label/value pairs, "Class" repeated once
  CHECK(count_kind(d, PassageKind::bullet) == 5);
  CHECK(count_kind(d, PassageKind::faq) == 5);
  CHECK(d.references.empty());
  CHECK(find_text(d, "synthetic dipeptide immunomodulator developed in Russia")->facets.at("compound") ==
        std::vector<std::string>{"thymogen"});
}

TEST_CASE("002 (thymosin alpha-1): section banner, bullets with lead-ins, markers with no list") {
  const ParsedDocument d = parse_shared("002_");
  if (d.passages.empty()) return;
  CHECK(d.doc.title == "Thymosin Alpha-1: The Immune Bridge Between Thymus and Clinic");
  CHECK(d.doc.compound == "thymosin-alpha-1");
  CHECK(d.headings.size() == 7);
  CHECK(d.headings[0] == "02 / IMMUNE & THYMIC");
  CHECK(count_kind(d, PassageKind::bullet) == 11);
  const Passage* bullet = find_text(d, "Injection-site redness");
  REQUIRE(bullet);
  CHECK(bullet->lead_in.rfind("Anecdotal reports (not clinical data)", 0) == 0);
  // 22 bracketed markers and no reference list: removed from the text, reported unresolved.
  CHECK(d.references.empty());
  CHECK(d.warnings.size() == 22);
  CHECK_FALSE(any_text_contains(d, "[9]"));
  const Passage* tests = find_text(d, "hazard ratio 0.99");
  REQUIRE(tests);
  CHECK(contains(tests->facets.at("indication"), "sepsis"));
}

TEST_CASE("003 (True Heal): glued title and table, tier grades with the page legend, author-year citations") {
  const ParsedDocument d = parse_shared("003_");
  if (d.passages.empty()) return;
  CHECK(d.doc.title == "Thymosin-alpha-1");
  CHECK(d.doc.subtitle == "Immune modulation & post-viral support");
  CHECK(d.doc.publisher == "True Heal Wellness");
  CHECK(d.headings.size() == 18);
  CHECK(count_kind(d, PassageKind::table_row) == 5);
  const Passage* row = find_text(d, "Feature: Infection risk");
  REQUIRE(row);
  CHECK(row->text == "Feature: Infection risk; Corticosteroids: Elevated; Biologics: Elevated; Thymosin Alpha-1: Not consistently elevated");
  CHECK(count_kind(d, PassageKind::faq) == 9);
  REQUIRE(d.references.size() == 12);
  CHECK(d.references[6].authors == "Yang Y et al.");
  CHECK(d.references[6].pmid == "23458517");
  // "[T1]" with the legend "T1 = strong RCT/meta-analysis" is grade a; Yang et al. (2013) is entry 7.
  const Passage* hbv = find_text(d, "40.6% complete virological response");
  REQUIRE(hbv);
  CHECK(contains(hbv->facets.at("grade"), "a"));
  CHECK(std::find(hbv->citations.begin(), hbv->citations.end(), 7) != hbv->citations.end());
  // Preclinical section, described in the legend's own word: grade c. "Renga et al. (2020)" is entry 5.
  const Passage* colitis = find_text(d, "DSS-induced colitis");
  REQUIRE(colitis);
  CHECK(colitis->facets.at("grade") == std::vector<std::string>{"c"});
  CHECK(std::find(colitis->citations.begin(), colitis->citations.end(), 5) != colitis->citations.end());
  // Calls to action are not content.
  CHECK_FALSE(any_text_contains(d, "Get a clinician's read"));
  CHECK(contains(d.dropped, "Skip to content"));
}

TEST_CASE("004 (no title, no markup): short headings become sections, site furniture is dropped") {
  const ParsedDocument d = parse_shared("004_");
  if (d.passages.empty()) return;
  CHECK(d.doc.title == "Thymosin alpha-1");
  CHECK(d.headings == std::vector<std::string>{"A comprehensive review of the literature", "Decreasing toxicity from chemotherapy",
                                               "Bone marrow transplant patients", "Mold toxicity", "Immune deficiency",
                                               "Psoriatic arthritis", "Oxidative damage, pancreatic lesions and diabetes"});
  CHECK(d.dropped == std::vector<std::string>{"Scroll to Top", "Call Now"});
  const Passage* bmt = find_text(d, "pseudomonas");
  REQUIRE(bmt);
  CHECK(bmt->section == "Bone marrow transplant patients");
  CHECK(contains(bmt->facets.at("indication"), "bone-marrow-transplant"));
}
