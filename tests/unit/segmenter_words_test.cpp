// The segmenter's English word lists are data (corpus/vocab: question_openers.list,
// section_headings.tsv, publisher_cues.list): a word added to or taken from a list changes how
// a document is segmented, and the vocabulary JSON the manifest digests changes with it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "passage_segmenter.h"
#include "segmenter_lines.h"
#include "test_env.h"
#include "vocabulary.h"

using namespace pep;

namespace {

// A text page with an FAQ section under "Reader questions" (not a listed FAQ heading), a question
// glued to a label with "May" (not a listed opener), and a reference list under "Works cited".
const char* const kPage =
    "Thymogen notes\n\n"
    "Thymogen is a dipeptide studied for immune support in several small trials over many years.\n\n"
    "Reader questions\n\n"
    "Read moreMay Thymogen be taken daily?\n"
    "Daily use was studied in two small trials.\n\n"
    "Works cited\n\n"
    "1. Smith J. Thymogen in mice. J Immunol. 2001.\n"
    "2. Jones K. Thymogen in men. Lancet. 2003.\n";

SegmentedDocument segment(const Vocabulary& vocab, const std::string& text) {
  PassageSegmenter segmenter(vocab);
  Document doc;
  doc.id = doc.path = "page.txt";
  doc.format = DocumentFormat::txt;
  doc.text = text;
  return segmenter.segment(std::move(doc), [](const std::string&) { return false; });
}

bool has_passage(const SegmentedDocument& d, const std::string& text) {
  return std::any_of(d.parsed.passages.begin(), d.parsed.passages.end(), [&](const Passage& p) { return p.text == text; });
}

}  // namespace

TEST_CASE("segmenter words: the bundled lists load and hold what the segmenter reads by") {
  const Vocabulary v = Vocabulary::load(test::vocab_dir());
  CHECK(v.segmenter.opens_question("Is Thymogen proven?"));
  CHECK_FALSE(v.segmenter.opens_question("Island of stability?"));  // an opener is a whole word
  CHECK_FALSE(v.segmenter.opens_question("is lower case"));
  CHECK(v.segmenter.is_faq_heading("Frequently Asked Questions"));
  CHECK(v.segmenter.is_faq_heading("FAQ"));
  CHECK_FALSE(v.segmenter.is_faq_heading("FAQ corner"));  // 'faq' is a whole heading
  CHECK(v.segmenter.is_reference_heading("References"));
  CHECK_FALSE(v.segmenter.is_reference_heading("References cited here"));
  CHECK_FALSE(v.segmenter.publisher_cues.empty());
}

TEST_CASE("segmenter words: a question opener added to the list splits a glued question") {
  Vocabulary v = Vocabulary::load(test::vocab_dir());
  v.segmenter.section_headings.push_back({HeadingKind::kFaq, true, "reader questions"});
  const std::string line = "Read moreMay Thymogen be taken daily?";
  CHECK(segmenter_lines::split_glued_question(line, v.segmenter).first.empty());
  const SegmentedDocument before = segment(v, kPage);
  CHECK_FALSE(has_passage(before, "May Thymogen be taken daily? Daily use was studied in two small trials."));

  v.segmenter.question_openers.push_back("May");
  CHECK(segmenter_lines::split_glued_question(line, v.segmenter) ==
        std::pair<std::string, std::string>{"Read more", "May Thymogen be taken daily?"});
  const SegmentedDocument after = segment(v, kPage);
  CHECK(has_passage(after, "May Thymogen be taken daily? Daily use was studied in two small trials."));
  CHECK(std::count(after.parsed.dropped.begin(), after.parsed.dropped.end(), "Read more") == 1);
}

TEST_CASE("segmenter words: an FAQ heading added to the list makes its questions FAQ passages") {
  Vocabulary v = Vocabulary::load(test::vocab_dir());
  const std::string page = "Thymogen notes\n\nReader questions\n\nIs Thymogen taken daily?\nDaily use was studied in two trials.\n";
  // Not an FAQ section: the question is a heading and the answer a paragraph under it.
  const SegmentedDocument before = segment(v, page);
  CHECK_FALSE(has_passage(before, "Is Thymogen taken daily? Daily use was studied in two trials."));
  CHECK(has_passage(before, "Daily use was studied in two trials."));

  v.segmenter.section_headings.push_back({HeadingKind::kFaq, false, "reader questions"});
  const SegmentedDocument after = segment(v, page);
  CHECK(has_passage(after, "Is Thymogen taken daily? Daily use was studied in two trials."));
}

TEST_CASE("segmenter words: a reference heading added to the list makes its lines references") {
  Vocabulary v = Vocabulary::load(test::vocab_dir());
  const SegmentedDocument before = segment(v, kPage);
  CHECK(before.reference_lines.empty());
  CHECK(has_passage(before, "1. Smith J. Thymogen in mice. J Immunol. 2001."));

  v.segmenter.section_headings.push_back({HeadingKind::kReference, true, "works cited"});
  const SegmentedDocument after = segment(v, kPage);
  CHECK(after.reference_lines.size() == 2);
  CHECK_FALSE(has_passage(after, "1. Smith J. Thymogen in mice. J Immunol. 2001."));
}

TEST_CASE("segmenter words: publisher cues name a text page's publisher") {
  Vocabulary v = Vocabulary::load(test::vocab_dir());
  v.boilerplate.push_back("Written courtesy of Acme Health Notes");
  const std::string page =
      "Thymogen notes\n\nWritten courtesy of Acme Health Notes\n\n"
      "Acme Health Notes reviewed the Thymogen trials in detail for this monograph page.\n\n"
      "Acme Health Notes keeps this page up to date as new trials of Thymogen appear.\n";
  CHECK(segment(v, page).parsed.doc.publisher.empty());  // no listed cue before the name

  v.segmenter.publisher_cues.push_back("courtesy of");
  CHECK(segment(v, page).parsed.doc.publisher == "Acme Health Notes");

  v.segmenter.publisher_cues.clear();
  CHECK(segment(v, page).parsed.doc.publisher.empty());
}

TEST_CASE("segmenter words: every list is in the vocabulary JSON the manifest digests") {
  const Vocabulary v = Vocabulary::load(test::vocab_dir());
  const std::string json = v.to_json();
  Vocabulary openers = v, headings = v, cues = v, grades = v, units = v;
  openers.segmenter.question_openers.push_back("May");
  headings.segmenter.section_headings.push_back({HeadingKind::kReference, true, "works cited"});
  cues.segmenter.publisher_cues.push_back("courtesy of");
  grades.grade_scale.push_back({GradeScaleKind::tier, "T9", "d"});
  units.result_units.push_back("cycles");
  for (const Vocabulary* changed : {&openers, &headings, &cues, &grades, &units}) CHECK(changed->to_json() != json);
}

TEST_CASE("segmenter words: a malformed section heading line names the file and line") {
  test::TempDir tmp;
  test::write_file(tmp / "h.tsv", "# comment\nfaq\twhole\tfaq\nfaq\tprefix\tfaq\n");
  try {
    load_section_headings(tmp / "h.tsv");
    FAIL("expected a VocabularyError");
  } catch (const VocabularyError& e) {
    CHECK(std::string(e.what()).find("h.tsv:3") != std::string::npos);
  }
  test::write_file(tmp / "upper.tsv", "reference\twhole\tReferences\n");
  CHECK_THROWS_AS(load_section_headings(tmp / "upper.tsv"), VocabularyError);
  test::write_file(tmp / "kind.tsv", "glossary\twhole\tterms\n");
  CHECK_THROWS_AS(load_section_headings(tmp / "kind.tsv"), VocabularyError);
}
