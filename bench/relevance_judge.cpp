#include "relevance_judge.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <stdexcept>

namespace pep::bench {

std::string fold_for_match(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC_Casefold unavailable: ") + u_errorName(status));
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString out = nfkc_cf->normalize(in, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("NFKC_Casefold failed: ") + u_errorName(status));
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

bool contains_anchor(std::string_view text, std::string_view anchor) {
  return fold_for_match(text).find(fold_for_match(anchor)) != std::string::npos;
}

RelevanceJudge::RelevanceJudge(std::vector<std::string> docs, const std::vector<std::string>& anchors)
    : docs_(std::move(docs)) {
  for (const auto& a : anchors) folded_anchors_.push_back(fold_for_match(a));
}

bool RelevanceJudge::relevant(const std::string& doc, std::string_view text) const {
  if (std::find(docs_.begin(), docs_.end(), doc) == docs_.end()) return false;
  const std::string folded = fold_for_match(text);
  return std::any_of(folded_anchors_.begin(), folded_anchors_.end(),
                     [&](const std::string& a) { return folded.find(a) != std::string::npos; });
}

}  // namespace pep::bench
