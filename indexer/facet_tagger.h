// FacetTagger: puts the compound, indication and evidence-type facets on every passage.
//
//  compound    the document's subject compound (front matter, else the compound named most,
//              with the title counting five times) on every passage, plus any other compound
//              the passage itself names
//  indication  indications named in the passage or its section heading (vocabulary synonyms),
//              each with the broader indications above it (indications.tsv's parent column:
//              kaposi-sarcoma, cancer), so a parent's facet finds and counts its children's
//              passages, each once
//  evidence    evidence types the passage reports (RCT, meta-analysis, animal, in vitro, ...)
// plus, on every passage, the indications and evidence types the document declares
// (Document::declared_facets, by slug or name; a value the vocabulary lacks is a warning).
// Names are matched with ConceptMatcher, so Greek letters, hyphens and case do not matter.
#pragma once

#include <string>

#include "form_table.h"
#include "monograph.h"
#include "text_analyzer.h"
#include "vocabulary.h"

namespace pep {

class FacetTagger {
 public:
  // `forms` is the table a document's passage_forms number its words in (MonographParser's).
  FacetTagger(const Vocabulary& vocabulary, const TextAnalyzer& analyzer, const FormTable& forms);

  bool names_compound(const std::string& text) const;
  // The compound a document is about (front matter, else named most; the title counts five
  // times). Needs doc.passage_forms.
  std::string subject_compound(const ParsedDocument& doc) const;
  // Indication slugs named in `text`.
  std::vector<std::string> indications_in(const std::string& text) const;
  // Each indication named in `text`, in order, with the word after the name ("" at the end):
  // "HIV-positive patients" names HIV as a description of the patients.
  struct Mention {
    std::string slug;
    std::string next_word;
  };
  std::vector<Mention> indication_mentions(const std::string& text) const;
  // Whether `text` (one word or a name) is a compound's or an indication's name.
  bool names_concept(const std::string& text) const;
  void tag(ParsedDocument& doc) const;

 private:
  // Per passage, the compound of every mention, in order (a compound named twice is there twice).
  using CompoundMentions = std::vector<std::vector<const Concept*>>;
  CompoundMentions compound_mentions(const std::vector<MatchKeys>& passage_keys) const;
  std::string subject_compound(const ParsedDocument& doc, const CompoundMentions& mentions) const;
  // The document's declared facets as vocabulary slugs; warns of values the vocabulary lacks.
  FacetValues declared_facets(ParsedDocument& doc) const;
  std::vector<MatchKeys> passage_keys(const ParsedDocument& doc) const;
  // The keys of the title or a section heading: numbered by the parser (doc.heading_forms) when it has.
  MatchKeys heading_keys(const ParsedDocument& doc, const std::string& heading) const;
  const TextAnalyzer& analyzer_;
  const FormTable& forms_;
  ConceptMatcher compounds_;
  ConceptMatcher indications_;
  ConceptMatcher evidence_;
};

// Adds `value` to `values` unless present.
void add_unique(std::vector<std::string>& values, const std::string& value);

}  // namespace pep
