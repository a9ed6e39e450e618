// SentenceBreaker: ICU's sentence boundaries (English rules) on UTF-8 text, as byte offsets, found
// on request. It keeps one ICU iterator (creating one per paragraph cost the indexer more than the
// breaking) and reads the UTF-8 text in place, without a UTF-16 copy and offset table. Text of
// printable ASCII only (most of it) takes a hand-written scan of the same rules (UAX #29 without
// paragraph separators): on 2,000 MedQuAD records 47 M instructions where ICU's iterator over
// UTF-8 took 316 M (callgrind; what is left includes the non-ASCII texts). Tests hold the two to the
// same boundaries on the real corpora and on random text. Not thread-safe (one per worker, like
// TextAnalyzer).
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

namespace pep {

class SentenceBreaker {
 public:
  SentenceBreaker();  // throws std::runtime_error if ICU's break rules cannot be loaded
  ~SentenceBreaker();
  SentenceBreaker(const SentenceBreaker&) = delete;
  SentenceBreaker& operator=(const SentenceBreaker&) = delete;

  // Breaks `text` from now on; it must stay alive and unchanged while following() is used.
  void set_text(std::string_view text);
  // The same, always through ICU: public so that tests can compare the two paths.
  void set_text_unicode(std::string_view text);
  // The first sentence boundary after byte `offset`, or the text's size. Cheapest when offsets
  // only grow from call to call (it walks on from the last boundary found).
  size_t following(size_t offset);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pep
