#include "sentence_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <stdexcept>

namespace pep {

struct SentenceBreaker::Impl {
  std::unique_ptr<icu::BreakIterator> it;
  UText* text = nullptr;  // over the caller's UTF-8 bytes: ICU's offsets are then byte offsets
  size_t size = 0;
  ~Impl() { utext_close(text); }
};

SentenceBreaker::SentenceBreaker() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot create sentence break iterator");
}

SentenceBreaker::~SentenceBreaker() = default;

void SentenceBreaker::set_text(std::string_view text) {
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
