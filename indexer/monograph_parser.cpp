#include "monograph_parser.h"

#include "subject_key.h"

#include "citation_resolver.h"
#include "deep_links.h"
#include "reference_parser.h"
#include "result_detector.h"

namespace pep {

MonographParser::MonographParser(const Vocabulary& vocabulary)
    : vocab_(vocabulary), segmenter_(vocabulary), facets_(vocabulary, analyzer_, forms_), grades_(vocabulary, facets_), claims_(vocabulary, facets_, grades_) {}

ParsedDocument MonographParser::parse(Document doc) {
  SegmentedDocument seg = segmenter_.segment(std::move(doc), [this](const std::string& s) { return facets_.names_compound(s); });
  ParsedDocument& parsed = seg.parsed;
  parsed.references = parse_references(seg.reference_lines, seg.reference_rows);

  const CitationResolver resolver(parsed.references);
  for (auto& p : parsed.passages) {
    ResolvedCitations r = resolver.resolve(p.text);
    p.text = std::move(r.text);
    p.citations = std::move(r.citations);
    for (const auto& u : r.unresolved)
      parsed.warnings.push_back("unresolved citation " + u + " in \"" + p.text.substr(0, 60) + "...\"" +
                                (parsed.references.empty() ? " (the document has no reference list)" : ""));
  }
  parsed.passage_forms.clear();
  for (const auto& p : parsed.passages) parsed.passage_forms.push_back(forms_.number(p.text));
  if (parsed.doc.title.empty()) {
    // Untitled scraped pages are named after their subject compound.
    const std::string subject = facets_.subject_compound(parsed);
    for (const auto& c : vocab_.compounds)
      if (c.slug == subject) parsed.doc.title = c.name;
    if (parsed.doc.title.empty()) parsed.doc.title = parsed.doc.path;
  }
  parsed.heading_forms.clear();
  parsed.heading_forms.emplace(parsed.doc.title, forms_.number(parsed.doc.title));
  for (const auto& p : parsed.passages)
    if (!parsed.heading_forms.count(p.section)) parsed.heading_forms.emplace(p.section, forms_.number(p.section));
  // The subjects (index_writer.cpp): the record's subject or the title, and each section heading, in pieces.
  std::vector<std::string> subjects{parsed.doc.subject.empty() ? parsed.doc.title : parsed.doc.subject};
  for (const auto& p : parsed.passages) subjects.push_back(p.section);
  for (const auto& subject : subjects)
    for (const auto& piece : subject_pieces(subject))
      if (!parsed.heading_forms.count(piece)) parsed.heading_forms.emplace(piece, forms_.number(piece));
  for (auto& p : parsed.passages) p.overview = parsed.doc.overview || vocab_.segmenter.heading_is(HeadingKind::kOverview, p.section);
  facets_.tag(parsed);
  grades_.tag(parsed);
  for (auto& p : parsed.passages) p.result_strength = result_strength(p, vocab_.result_units);
  place_passages(parsed);
  claims_.extract(parsed);
  return std::move(parsed);  // a reference into `seg`: without the move it was copied whole
}

}  // namespace pep
