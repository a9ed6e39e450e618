#include "sentence_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace pep {
namespace {

// Sentence_Break classes of printable ASCII (Unicode's SentenceBreakProperty.txt).
enum class SentenceClass { other, sp, lower, upper, numeric, aterm, sterm, close, scontinue };

SentenceClass sentence_class(char c) {
  if (c >= 'a' && c <= 'z') return SentenceClass::lower;
  if (c >= 'A' && c <= 'Z') return SentenceClass::upper;
  if (c >= '0' && c <= '9') return SentenceClass::numeric;
  switch (c) {
    case ' ': return SentenceClass::sp;
    case '.': return SentenceClass::aterm;
    case '!': case '?': return SentenceClass::sterm;
    case '"': case '\'': case '(': case ')': case '[': case ']': case '{': case '}': return SentenceClass::close;
    case ',': case '-': case ':': return SentenceClass::scontinue;
    default: return SentenceClass::other;
  }
}

// Eight bytes at a time (SWAR), as the two scans below read every byte of a long passage.
constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;

uint64_t load8(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// Nonzero if any byte of x is zero.
uint64_t zero_byte(uint64_t x) { return (x - kOnes) & ~x & kHigh; }

bool printable_ascii(std::string_view text) {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    const uint64_t x = load8(text.data() + i);
    // No byte >= 0x80, none below 0x20 (bytes are < 0x80 here, so the subtraction stays in its byte), no 0x7F.
    if ((x & kHigh) || ((x - kOnes * 0x20) & ~x & kHigh) || zero_byte(x ^ (kOnes * 0x7F))) return false;
  }
  for (; i < text.size(); ++i)
    if (text[i] < 0x20 || text[i] > 0x7e) return false;
  return true;
}

bool terminator(char c) { return c == '.' || c == '!' || c == '?'; }

// The first '.', '!' or '?' at or after `from`, or t.size().
size_t next_terminator(std::string_view t, size_t from) {
  size_t i = from;
  for (; i + 8 <= t.size(); i += 8) {
    const uint64_t x = load8(t.data() + i);
    if (zero_byte(x ^ (kOnes * '.')) | zero_byte(x ^ (kOnes * '!')) | zero_byte(x ^ (kOnes * '?'))) break;
  }
  while (i < t.size() && !terminator(t[i])) ++i;
  return i;
}

}  // namespace

struct SentenceBreaker::Impl {
  std::unique_ptr<icu::BreakIterator> it;
  UText* text = nullptr;  // over the caller's UTF-8 bytes: ICU's offsets are then byte offsets
  size_t size = 0;
  bool ascii = false;     // use ascii_following() instead of `it`
  std::string_view ascii_text;
  size_t resume = 0;      // ascii_following() scans on from here (the terminator of its last answer)
  size_t last_offset = 0;
  ~Impl() { utext_close(text); }

  // UAX #29's rules for printable ASCII (no paragraph separators there): a boundary follows a
  // terminator (SATerm), the closing punctuation and the spaces after it (SB9-SB11), unless
  // SB6 (". " before a digit), SB7 ("U.S"), SB8 (a lower-case word comes next) or SB8a (a comma,
  // colon, hyphen or another terminator comes next) says not.
  size_t ascii_following(size_t offset) {
    const std::string_view t = ascii_text;
    const size_t n = t.size();
    if (offset < last_offset) resume = 0;  // backwards: scan again from the start
    last_offset = offset;
    for (size_t i = next_terminator(t, resume); i < n; i = next_terminator(t, i + 1)) {
      const SentenceClass c = sentence_class(t[i]);  // aterm or sterm
      size_t j = i + 1;
      if (c == SentenceClass::aterm && j < n) {
        const SentenceClass next = sentence_class(t[j]);
        if (next == SentenceClass::numeric) continue;  // SB6
        if (next == SentenceClass::upper && i > 0 &&
            (sentence_class(t[i - 1]) == SentenceClass::upper || sentence_class(t[i - 1]) == SentenceClass::lower))
          continue;  // SB7
      }
      while (j < n && sentence_class(t[j]) == SentenceClass::close) ++j;
      while (j < n && sentence_class(t[j]) == SentenceClass::sp) ++j;
      if (j >= n) return n;
      const SentenceClass at = sentence_class(t[j]);
      if (at == SentenceClass::scontinue || at == SentenceClass::aterm || at == SentenceClass::sterm) continue;  // SB8a
      if (c == SentenceClass::aterm) {  // SB8: skip what is not a letter or terminator; lower case next?
        size_t k = j;
        while (k < n) {
          const SentenceClass x = sentence_class(t[k]);
          if (x == SentenceClass::lower || x == SentenceClass::upper || x == SentenceClass::aterm || x == SentenceClass::sterm) break;
          ++k;
        }
        if (k < n && sentence_class(t[k]) == SentenceClass::lower) continue;
      }
      if (j > offset) {
        resume = i;  // a later call with an offset before j gets j again
        return j;
      }
    }
    return n;
  }
};

SentenceBreaker::SentenceBreaker() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot create sentence break iterator");
}

SentenceBreaker::~SentenceBreaker() = default;

void SentenceBreaker::set_text(std::string_view text) {
  if (printable_ascii(text)) {
    impl_->ascii = true;
    impl_->ascii_text = text;
    impl_->size = text.size();
    impl_->resume = 0;
    impl_->last_offset = 0;
    return;
  }
  set_text_unicode(text);
}

void SentenceBreaker::set_text_unicode(std::string_view text) {
  impl_->ascii = false;
  UErrorCode status = U_ZERO_ERROR;
  impl_->text = utext_openUTF8(impl_->text, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot open text for sentence breaking");
  impl_->it->setText(impl_->text, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot set text for sentence breaking");
  impl_->it->first();
  impl_->size = text.size();
}

size_t SentenceBreaker::following(size_t offset) {
  if (offset >= impl_->size) return impl_->size;
  if (impl_->ascii) return impl_->ascii_following(offset);
  icu::BreakIterator& it = *impl_->it;
  int32_t b = it.current();
  if (b < 0 || static_cast<size_t>(b) > offset) {
    // Backwards: ICU's following() backs up to a safe point and rescans, costly on long text.
    b = it.following(static_cast<int32_t>(offset));
  } else {
    // Forwards from the last answer, the usual case: one pass over the text in all.
    while (b != icu::BreakIterator::DONE && static_cast<size_t>(b) <= offset) b = it.next();
  }
  return b == icu::BreakIterator::DONE ? impl_->size : static_cast<size_t>(b);
}

}  // namespace pep
