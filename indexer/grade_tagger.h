// GradeTagger: the `grade` facet (a-d) and the source's own wording (`grade_label`).
//
// Reads grades as sources write them:
//   "Grade B", "(Grade A negative)", "Grade-A", "Grade C-D" (c and d)
//   a Grade column in a table row: "A (negative)", "A negative / B for VEGF" (a and b)
//   tiers "[T1]", "[T1–T2]", mapped through the page's own legend ("T1 = strong RCT",
//   "T3 = preclinical") and corpus/vocab/grade_scale.tsv
// A passage that discusses an indication graded in the same document's evidence table (or
// tier list) inherits that grade; a passage that describes itself in the legend's words
// ("preclinical") gets that level. "Grade" followed by something unreadable is a warning.
#pragma once

#include "facet_tagger.h"
#include "monograph.h"
#include "vocabulary.h"

namespace pep {

class GradeTagger {
 public:
  GradeTagger(const Vocabulary& vocabulary, const FacetTagger& facets) : vocab_(vocabulary), facets_(facets) {}
  // Needs the indication facet already set (FacetTagger::tag runs first).
  void tag(ParsedDocument& doc) const;

 private:
  const Vocabulary& vocab_;
  const FacetTagger& facets_;
};

}  // namespace pep
