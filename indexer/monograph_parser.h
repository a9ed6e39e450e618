// MonographParser: the whole understanding of one document, in data-flow order:
//   PassageSegmenter -> ReferenceParser -> CitationResolver -> FacetTagger -> GradeTagger.
// The result is what gets indexed and what `pepindex inspect` prints. One per worker thread.
#pragma once

#include "evidence_claims.h"
#include "facet_tagger.h"
#include "form_table.h"
#include "grade_tagger.h"
#include "monograph.h"
#include "passage_segmenter.h"
#include "text_analyzer.h"
#include "vocabulary.h"

namespace pep {

class MonographParser {
 public:
  explicit MonographParser(const Vocabulary& vocabulary);
  // Not const: numbering the passages' words adds new forms to forms().
  ParsedDocument parse(Document doc);
  const TextAnalyzer& analyzer() const { return analyzer_; }
  // The table the parsed documents' passage_forms refer to.
  const FormTable& forms() const { return forms_; }

 private:
  const Vocabulary& vocab_;
  TextAnalyzer analyzer_;
  FormTable forms_{analyzer_};
  PassageSegmenter segmenter_;
  FacetTagger facets_;
  GradeTagger grades_;
  EvidenceClaims claims_;
};

}  // namespace pep
