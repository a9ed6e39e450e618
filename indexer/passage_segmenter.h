// PassageSegmenter: reads a Document the way an editor does and cuts it into passages.
//
// It finds the title and subtitle, headings without markup (short title-case lines, questions,
// "02 / IMMUNE & THYMIC" banners; "#" headings in .md), and makes passages of:
//   paragraphs (long ones split at sentence boundaries into readable chunks),
//   table rows (pipe tables and tables whose cells were glued into one line) with their header,
//   FAQ questions with their answers, bullets with their lead-in line, "quick facts" lists.
// Site boilerplate (corpus/vocab/boilerplate.list) is dropped and listed in `dropped`. The English
// words it reads by (question openers, FAQ and reference headings, publisher cues) are the
// vocabulary's SegmenterWords, from corpus/vocab.
// Reference-list lines are not passages: they are returned as `reference_lines` for the
// ReferenceParser. Citation markers are left in the text for the CitationResolver.
#pragma once

#include <functional>
#include <regex>
#include <string>
#include <unordered_set>
#include <vector>

#include "monograph.h"
#include "sentence_breaker.h"
#include "vocabulary.h"

namespace pep {

struct SegmentedDocument {
  ParsedDocument parsed;                    // passages, headings, dropped lines
  std::vector<std::string> reference_lines; // lines of the reference list, as written
  std::vector<std::vector<std::string>> reference_rows;  // cells of a reference pipe table
};

class PassageSegmenter {
 public:
  explicit PassageSegmenter(const Vocabulary& vocabulary);
  // `names_compound` says whether a line names a known compound: in a .txt document the title
  // is the first heading-like line near the top that does.
  using CompoundTest = std::function<bool(const std::string&)>;
  SegmentedDocument segment(Document doc, const CompoundTest& names_compound) const;

  // Passages longer than this many words are split at sentence boundaries (chunks of about 100
  // words; a short tail joins the chunk before it)...
  static constexpr size_t kMaxWords = 140;
  // ...and no passage has more words than this, whatever the punctuation: a sentence running
  // past it is cut at a word boundary.
  static constexpr size_t kWordLimit = 200;

 private:
  bool is_boilerplate(const std::string& line) const;
  const Vocabulary& vocab_;
  std::regex publisher_cue_;  // a publisher cue and the name after it ("by True Heal Wellness")
  // corpus/vocab boilerplate patterns, lower-cased once: whole lines, and prefixes ("...*").
  std::unordered_set<std::string> boilerplate_lines_;
  std::vector<std::string> boilerplate_prefixes_;
  // The longest of each: a line is lower-cased only as far as a pattern could reach (a MedQuAD
  // record is one line of kilobytes; lower-casing all of it for every test was 2% of a build).
  size_t longest_line_ = 0;
  size_t longest_prefix_ = 0;
  // Reused across documents (an ICU iterator is costly to create); segment() is otherwise const,
  // and a segmenter belongs to one worker thread like the rest of the parser.
  mutable SentenceBreaker sentences_;
};

// Splits "FeatureCorticosteroidsBiologics" style glued cells at lower-to-upper case joins.
std::vector<std::string> split_glued_cells(const std::string& line);

}  // namespace pep
