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

// Grades a piece of text states itself, a-d, and the wording that stated them.
struct GradeStatement {
  std::vector<std::string> grades;
  std::vector<std::string> labels;
};

class GradeTagger {
 public:
  GradeTagger(const Vocabulary& vocabulary, const FacetTagger& facets) : vocab_(vocabulary), facets_(facets) {}
  // Needs the indication facet already set (FacetTagger::tag runs first). Also fills
  // doc.graded_indications from the document's evidence table and tier lists.
  void tag(ParsedDocument& doc) const;
  // "Grade B", "Grade C-D", "[T1–T2]" (tiers through grade_scale.tsv) in `text`.
  GradeStatement grades_in(const std::string& text) const;
  // A table row's grade column ("A (negative)"), empty for other passages.
  GradeStatement row_grade(const Passage& p) const;

 private:
  const Vocabulary& vocab_;
  const FacetTagger& facets_;
};

}  // namespace pep
