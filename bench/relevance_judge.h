// RelevanceJudge: decides whether one search result answers one judged query, by the rule in the
// header of ../shared/eval/queries.tsv: the result comes from one of the query's docs AND its passage
// text contains one of the anchors, compared case-insensitively after Unicode NFKC normalization.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "judged_queries.h"

namespace pep::bench {

// NFKC with case folding (ICU's NFKC_Casefold): "ＩＭ-８６２" and "im-862" fold alike.
// Invalid UTF-8 becomes U+FFFD rather than throwing.
std::string fold_for_match(std::string_view text);

// True when the folded `text` contains the folded `anchor`.
bool contains_anchor(std::string_view text, std::string_view anchor);

class RelevanceJudge {
 public:
  RelevanceJudge(std::vector<std::string> docs, const std::vector<std::string>& anchors);
  explicit RelevanceJudge(const JudgedQuery& q) : RelevanceJudge(q.docs, q.anchors) {}

  // `doc` is the result's corpus-relative source path, `text` its passage text.
  bool relevant(const std::string& doc, std::string_view text) const;

 private:
  std::vector<std::string> docs_;
  std::vector<std::string> folded_anchors_;
};

}  // namespace pep::bench
