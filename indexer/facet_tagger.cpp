#include "facet_tagger.h"

#include <algorithm>
#include <map>

namespace pep {
namespace {

template <class Text>
std::vector<std::string> slugs(const ConceptMatcher& m, const Text& text) {
  std::vector<std::string> out;
  for (const auto& match : m.find(text)) add_unique(out, match.concept_->slug);
  return out;
}

}  // namespace

void add_unique(std::vector<std::string>& values, const std::string& value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

FacetTagger::FacetTagger(const Vocabulary& v, const TextAnalyzer& analyzer, const FormTable& forms)
    : analyzer_(analyzer),
      forms_(forms),
      compounds_(v.compounds, analyzer),
      indications_(v.indications, analyzer),
      evidence_(v.evidence, analyzer) {}

bool FacetTagger::names_compound(const std::string& text) const { return !compounds_.find(analyzer_.analyze(text)).empty(); }

std::vector<std::string> FacetTagger::indications_in(const std::string& text) const {
  return slugs(indications_, analyzer_.analyze(text));
}

std::vector<FacetTagger::Mention> FacetTagger::indication_mentions(const std::string& text) const {
  const std::vector<Word> words = analyzer_.analyze(text);
  std::vector<Mention> out;
  for (const auto& m : indications_.find(words))
    out.push_back({m.concept_->slug, m.last_word + 1 < words.size() ? words[m.last_word + 1].form : ""});
  return out;
}

bool FacetTagger::names_concept(const std::string& text) const {
  const std::vector<Word> words = analyzer_.analyze(text);
  return !compounds_.find(words).empty() || !indications_.find(words).empty();
}

std::vector<MatchKeys> FacetTagger::passage_keys(const ParsedDocument& doc) const {
  std::vector<MatchKeys> keys;
  keys.reserve(doc.passages.size());
  for (size_t i = 0; i < doc.passages.size(); ++i)
    keys.push_back(match_keys(doc.passage_forms.at(i), forms_));
  return keys;
}

std::string FacetTagger::subject_compound(const ParsedDocument& doc) const {
  return subject_compound(doc, compound_mentions(passage_keys(doc)));
}

FacetTagger::CompoundMentions FacetTagger::compound_mentions(const std::vector<MatchKeys>& passage_keys) const {
  CompoundMentions out;
  out.reserve(passage_keys.size());
  for (const auto& keys : passage_keys) {
    auto& mentions = out.emplace_back();
    for (const auto& m : compounds_.find(keys)) mentions.push_back(m.concept_);
  }
  return out;
}

MatchKeys FacetTagger::heading_keys(const ParsedDocument& doc, const std::string& heading) const {
  if (auto it = doc.heading_forms.find(heading); it != doc.heading_forms.end()) return match_keys(it->second, forms_);
  return match_keys(analyzer_.analyze(heading), analyzer_);  // the title before the parser settles it
}

std::string FacetTagger::subject_compound(const ParsedDocument& doc, const CompoundMentions& mentions) const {
  if (!doc.doc.compound.empty()) return doc.doc.compound;
  std::map<std::string, int> votes;
  for (const auto& m : compounds_.find(heading_keys(doc, doc.doc.title))) votes[m.concept_->slug] += 5;
  for (const auto& passage : mentions)
    for (const Concept* c : passage) votes[c->slug] += 1;
  std::string best;
  int best_n = 0;
  for (const auto& [slug, n] : votes)
    if (n > best_n) best = slug, best_n = n;
  return best;
}

FacetValues FacetTagger::declared_facets(ParsedDocument& doc) const {
  FacetValues out;
  for (const auto& [facet, values] : doc.doc.declared_facets) {
    const ConceptMatcher* matcher = facet == "indication" ? &indications_ : facet == "evidence" ? &evidence_ : nullptr;
    for (const auto& value : values) {
      // A slug ("hepatitis-b") or a name ("Hepatitis B"): the vocabulary's matcher reads both.
      const auto found = matcher ? slugs(*matcher, analyzer_.analyze(value)) : std::vector<std::string>{};
      if (found.empty())
        doc.warnings.push_back("declared " + facet + " '" + value + "' is not in the vocabulary (corpus/vocab/); left out");
      for (const auto& slug : found) add_unique(out[facet], slug);
    }
  }
  return out;
}

void FacetTagger::tag(ParsedDocument& doc) const {
  const std::vector<MatchKeys> keys = passage_keys(doc);
  const CompoundMentions mentions = compound_mentions(keys);
  const std::string subject = subject_compound(doc, mentions);
  if (!subject.empty() && doc.doc.compound.empty()) doc.doc.compound = subject;
  std::map<std::string, std::vector<std::string>> section_indications;
  const FacetValues declared = declared_facets(doc);
  for (size_t i = 0; i < doc.passages.size(); ++i) {
    Passage& p = doc.passages[i];
    const MatchKeys& passage_keys = keys[i];
    auto& compounds = p.facets["compound"];
    if (!subject.empty()) add_unique(compounds, subject);
    for (const Concept* c : mentions[i]) add_unique(compounds, c->slug);

    auto& indications = p.facets["indication"];
    for (const auto& s : slugs(indications_, passage_keys)) add_unique(indications, s);
    auto cached = section_indications.find(p.section);
    if (cached == section_indications.end())
      cached = section_indications.emplace(p.section, slugs(indications_, heading_keys(doc, p.section))).first;
    for (const auto& s : cached->second) add_unique(indications, s);
    // A specific indication is found and counted under the broader ones above it too (indications.tsv's parents).
    for (size_t k = 0, named = indications.size(); k < named; ++k)
      for (const auto& slug : with_ancestors(indications_.concepts(), indications[k])) add_unique(indications, slug);
    if (indications.empty()) p.facets.erase("indication");

    auto evidence = slugs(evidence_, passage_keys);
    if (!evidence.empty()) p.facets["evidence"] = evidence;
    for (const auto& [facet, values] : declared)
      for (const auto& v : values)
        for (const auto& slug : facet == "indication" ? with_ancestors(indications_.concepts(), v) : std::vector<std::string>{v})
          add_unique(p.facets[facet], slug);
  }
}

}  // namespace pep
