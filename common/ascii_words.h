// The analyzer's ASCII fast path (text_analyzer.cpp): scanners that find, in ASCII text, the word
// spans ICU's word-break rules would find, so most text skips ICU. They must agree with ICU
// exactly; tests (ascii_fast_path_test) compare the two on random text and whole corpora.
//
// Data: spans are unit offsets into the lower-cased text given. Errors: none; a function that
// cannot handle its text says so by returning false, and the caller takes the ICU path.
// Threading: pure functions.
#pragma once

#include <unicode/umachine.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pep {

struct WordSpan {
  int32_t b, e;               // units of the normalized text
  bool letters_only = false;  // known to hold only letters (then it needs no splitting)
};

// Dashes NFKC case folding leaves as they are, which the analyzer reads as '-'.
bool is_dash(UChar32 c);
// Typographic apostrophes, read as '\''.
bool is_apostrophe(UChar32 c);

// Word spans of lower-cased ASCII by the Unicode word-break rules (UAX #29) as ICU applies them
// to ASCII: letters (ICU counts '@' one) and digits join (WB5, WB8-10), a letter-'.'/'\''-letter
// stays one word (WB6-7), digit-[.,;']-digit too (WB11-12). Text with '_' (WB13, whose rule
// status ICU decides) is left to ICU.
std::vector<WordSpan> ascii_word_spans(const std::string& s);

// Plain ASCII without '_' (WB13), lower-cased into `lower`; false (lower unspecified) otherwise.
bool lower_plain_ascii(std::string_view text, std::string& lower);

// ASCII text with dashes and typographic apostrophes ("Leukemia — What is", "patient’s"): every
// MedQuAD title and many monograph lines. NFKC case folding leaves these characters as they are
// and normalize_mapped() then makes them '-' and '\'', so the normalized text is ASCII and its
// words are the ASCII path's. Returns false (the caller takes the ICU path) for anything else.
struct MappedAscii {
  std::string lower;
  std::vector<std::pair<size_t, size_t>> source;  // per byte of `lower`: its source byte range
};
bool map_to_ascii(std::string_view text, MappedAscii& out);

}  // namespace pep
