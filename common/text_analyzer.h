// TextAnalyzer: the one piece of text analysis shared by indexing and searching.
//
// Contract:
//  - analyze(text) returns the words of `text` in order. Each word carries its search form
//    (NFKC case-folded, Greek letters spelled out: "Tα1" -> "talpha1", dashes unified) and the
//    byte range it came from in the original UTF-8 `text`, so snippets can highlight the source.
//  - Hyphen-joined runs ("IM-862", "T-cell", "alpha-1") and single letter/digit runs ("IM862",
//    "alpha1") become ONE word whose `parts` hold the pieces ("im","862") and whose `form` is the
//    pieces joined ("im862"). Readers write these either way; indexing both the joined form and
//    the pieces lets every spelling match every other.
//  - stem(form) is the English (Porter2) stem of a purely alphabetic form, else the form itself.
//  - Invalid UTF-8 never throws: bad bytes become U+FFFD and are not words.
// Not thread-safe (ICU break iterators and the Xapian stemmer are per instance): one per worker.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pep {

struct Word {
  std::string form;                // search form, e.g. "im862", "thymogen", "40.6"
  std::vector<std::string> parts;  // pieces of a compound word; empty for a simple word
  size_t begin = 0;                // byte offsets into the analyzed text
  size_t end = 0;
};

// What analyze() finds, handed over word by word instead of as Word objects: for callers that
// keep only the forms (FormTable::number). `form` and `parts` are valid during the call only.
class WordVisitor {
 public:
  virtual void word(std::string_view form, const std::vector<std::string>& parts) = 0;

 protected:
  ~WordVisitor() = default;
};

class TextAnalyzer {
 public:
  TextAnalyzer();
  ~TextAnalyzer();
  TextAnalyzer(const TextAnalyzer&) = delete;
  TextAnalyzer& operator=(const TextAnalyzer&) = delete;

  std::vector<Word> analyze(std::string_view text) const;
  // The same words, in the same order, given to `visitor` (no offsets): indexing numbers every
  // word of every passage, and building a Word for each was half the cost of analysing.
  void visit(std::string_view text, WordVisitor& visitor) const;
  // The general path, through ICU. analyze() takes an equivalent pure-ASCII fast path when it
  // can (tests hold the two to the same output); this is public so that they can.
  std::vector<Word> analyze_unicode(std::string_view text) const;

  // The search form of a whole string, words joined by single spaces ("Thymosin Alpha-1" ->
  // "thymosin alpha1"). Used to compare names and anchors independently of spelling.
  std::string normalize(std::string_view text) const;

  std::string stem(const std::string& form) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pep
