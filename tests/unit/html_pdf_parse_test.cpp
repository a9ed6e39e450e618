// Pins how the bundled HTML and PDF monographs are understood (read off the files by hand, as
// monograph_parse_test.cpp does for the scraped .txt pages), and that one monograph written as
// .md, .html and .pdf (tests/data/formats) gives the same passages.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "document_reader.h"
#include "monograph_parser.h"
#include "test_env.h"
#include "vocabulary.h"

using namespace pep;

namespace {

struct Parsed {
  std::vector<ParsedDocument> docs;
  std::vector<SkipNote> notes;
};

Parsed parse_file(const std::filesystem::path& file) {
  static const Vocabulary vocab = Vocabulary::load(test::vocab_dir());
  MonographParser parser(vocab);
  DocumentReader reader(vocab.segmenter);
  Parsed out;
  reader.read_file(file, file.parent_path(), [&](Document&& d) { out.docs.push_back(parser.parse(std::move(d))); });
  out.notes = reader.notes();
  return out;
}

ParsedDocument parse_one(const std::filesystem::path& file) {
  Parsed p = parse_file(file);
  INFO(file.string());
  REQUIRE(p.docs.size() == 1);
  return std::move(p.docs[0]);
}

const Passage* find_text(const ParsedDocument& d, const std::string& needle) {
  for (const auto& p : d.passages)
    if (p.text.find(needle) != std::string::npos) return &p;
  return nullptr;
}

std::vector<std::string> kinds(const ParsedDocument& d) {
  std::vector<std::string> out;
  for (const auto& p : d.passages) out.emplace_back(to_string(p.kind));
  return out;
}

}  // namespace

TEST_CASE("corpus HTML page: metadata, sections, table rows, bullets, FAQ, references, citations by link, deep links") {
  const ParsedDocument d = parse_one(test::corpus_dir() / "monographs" / "oglufanide-trials.html");
  CHECK(d.doc.format == DocumentFormat::html);
  CHECK(d.doc.title == "Oglufanide (IM-862) in clinical trials");
  CHECK(d.doc.url == "https://pepsearch.example/digest/oglufanide-trials");
  CHECK(d.doc.publisher == "Peptide Evidence Digest");
  CHECK(d.doc.modified == "2026-06-30T09:00:00Z");
  CHECK(d.doc.compound == "thymogen");
  CHECK(d.headings == std::vector<std::string>{"The trials at a glance", "Kaposi sarcoma", "Renal cell carcinoma and VEGF",
                                               "Frequently asked questions", "References"});
  CHECK(kinds(d) == std::vector<std::string>{"paragraph", "paragraph", "paragraph", "table_row", "table_row", "paragraph",
                                             "paragraph", "bullet", "bullet", "bullet", "faq", "faq"});
  // Table rows carry their header cells.
  const Passage* row = find_text(d, "Indication: Metastatic renal cell carcinoma");
  REQUIRE(row);
  CHECK(row->fields == std::vector<std::pair<std::string, std::string>>{
                           {"Indication", "Metastatic renal cell carcinoma"}, {"Study", "Phase II, 25 patients: no tumour shrank, VEGF fell"},
                           {"Grade", "A negative / B for VEGF"}});
  // Bullets keep their lead-in; FAQ pairs from <details>.
  const Passage* bullet = find_text(d, "Mild sinusitis");
  REQUIRE(bullet);
  CHECK(bullet->lead_in == "What the trials recorded about safety:");
  const Passage* faq = find_text(d, "Is oglufanide the same as Thymogen?");
  REQUIRE(faq);
  CHECK(faq->kind == PassageKind::faq);
  CHECK(faq->lead_in == "Is oglufanide the same as Thymogen?");
  // References with PMID and DOI from their links; the link labels and the back link are not text.
  REQUIRE(d.references.size() == 3);
  CHECK(d.references[0].pmid == "15598977");
  CHECK(d.references[0].text.find("PubMed") == std::string::npos);
  CHECK(d.references[0].text.find("\xE2\x86\xA9") == std::string::npos);
  CHECK(d.references[1].doi == "10.1200/jco.2000.18.4.716");
  CHECK(d.references[2].url == "https://pmc.ncbi.nlm.nih.gov/articles/PMC2409952");
  // Citations resolve by the link's target (#ref-3 is entry 3), markers gone from the text.
  const Passage* summary = find_text(d, "Oglufanide, coded IM-862");
  REQUIRE(summary);
  CHECK(summary->citations == std::vector<int>{1, 3});
  CHECK(summary->text.find("[") == std::string::npos);
  CHECK(find_text(d, "An early Phase II study")->citations == std::vector<int>{1, 2});
  CHECK(d.warnings.empty());
  // Deep links: the nearest id above each passage.
  CHECK(summary->anchor == "summary");
  CHECK(row->anchor == "trials");
  CHECK(find_text(d, "An early Phase II study")->anchor == "kaposi");
  CHECK(bullet->anchor == "renal");
  CHECK(faq->anchor == "faq-same");
  CHECK(find_text(d, "Did oglufanide work")->anchor == "faq-works");
}

TEST_CASE("corpus HTML page: navigation, cookie banner, forms, asides, ignored blocks and footer never become passages") {
  const ParsedDocument d = parse_one(test::corpus_dir() / "monographs" / "oglufanide-trials.html");
  for (const char* boilerplate : {"cookies", "Accept all", "All digests", "Compounds A-Z", "Search the digest", "Breadcrumb",
                                  "Related reading", "Sign up", "All rights reserved", "Privacy policy", "Talk to your doctor",
                                  "By the digest editors", "dataLayer", "MedicalWebPage"}) {
    INFO(boilerplate);
    CHECK(find_text(d, boilerplate) == nullptr);
  }
}

TEST_CASE("corpus PDF: title and author from metadata, sections, FAQ, references, and every passage's page") {
  const ParsedDocument d = parse_one(test::corpus_dir() / "monographs" / "thymogen-sheet.pdf");
  CHECK(d.doc.format == DocumentFormat::pdf);
  CHECK(d.doc.title == "Thymogen (Glu-Trp): product sheet");
  CHECK(d.doc.author == "pepsearch editors");
  CHECK(d.doc.url == "https://pepsearch.example/sheets/thymogen-sheet.pdf");
  CHECK(d.headings == std::vector<std::string>{"What the product is", "Registered forms", "Evidence in brief", "Absorption by mouth",
                                               "Frequently asked questions", "References"});
  CHECK(kinds(d) == std::vector<std::string>{"paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "faq", "faq"});
  std::vector<int> pages;
  for (const auto& p : d.passages) pages.push_back(p.page);
  CHECK(pages == std::vector<int>{1, 1, 1, 1, 2, 2, 2});
  const Passage* oral = find_text(d, "Taken by mouth");
  REQUIRE(oral);
  CHECK(oral->anchor == "page=2");
  CHECK(oral->citations == std::vector<int>{3});
  // Lines wrapped on the page are one paragraph again.
  CHECK(oral->text.find("Capsules sold for oral use therefore rest on a weak premise.") != std::string::npos);
  REQUIRE(d.references.size() == 3);
  CHECK(d.references[2].pmid == "18428206");
  CHECK(d.warnings.empty());
  CHECK(find_text(d, "- 2 -") == nullptr);  // the running page number
}

TEST_CASE("one monograph as .md, .html and .pdf gives the same passages, facets and citations") {
  const auto dir = test::source_dir() / "tests" / "data" / "formats";
  const ParsedDocument md = parse_one(dir / "thymogen-brief.md");
  const ParsedDocument html = parse_one(dir / "thymogen-brief.html");
  const ParsedDocument pdf = parse_one(dir / "thymogen-brief.pdf");
  CHECK(md.doc.title == html.doc.title);
  CHECK(md.doc.title == pdf.doc.title);
  REQUIRE(md.passages.size() == html.passages.size());
  for (size_t i = 0; i < md.passages.size(); ++i) {
    const Passage &a = md.passages[i], &b = html.passages[i];
    INFO(a.text);
    CHECK(a.kind == b.kind);
    CHECK(a.section == b.section);
    CHECK(a.text == b.text);
    CHECK(a.fields == b.fields);
    CHECK(a.facets == b.facets);
    CHECK(a.grade_label == b.grade_label);
    CHECK(a.citations == b.citations);
  }
  // A PDF's text has no table: the rest is the same, facets included (the grade label's evidence-table
  // part is what the table would have added).
  std::vector<const Passage*> md_rest;
  for (const auto& p : md.passages)
    if (p.kind != PassageKind::table_row) md_rest.push_back(&p);
  REQUIRE(md_rest.size() == pdf.passages.size());
  for (size_t i = 0; i < md_rest.size(); ++i) {
    const Passage &a = *md_rest[i], &b = pdf.passages[i];
    INFO(a.text);
    CHECK(a.kind == b.kind);
    CHECK(a.section == b.section);
    CHECK(a.text == b.text);
    CHECK(a.facets == b.facets);
    CHECK(a.citations == b.citations);
  }
  REQUIRE(md.references.size() == 2);
  for (const auto* other : {&html, &pdf}) {
    REQUIRE(other->references.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
      CHECK(other->references[i].pmid == md.references[i].pmid);
      CHECK(other->references[i].doi == md.references[i].doi);
      CHECK(other->references[i].title == md.references[i].title);
    }
  }
  // Where each opens: an id, a text fragment where the section has none, a page.
  CHECK(html.passages[0].anchor == "overview");
  CHECK(html.passages[3].anchor == ":~:text=The%20nasal%20spray%20caused%20mild");
  CHECK(pdf.passages.back().anchor == "page=2");
  CHECK(md.passages[0].anchor.empty());
}
