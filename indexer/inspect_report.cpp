#include "inspect_report.h"

#include "evidence_store.h"
#include "passage_record.h"
#include "terminal_text.h"

namespace pep {

nlohmann::json inspect_json(const ParsedDocument& d) {
  using nlohmann::json;
  json passages = json::array();
  for (const auto& p : d.passages) {
    json j{{"kind", to_string(p.kind)}, {"section", p.section}, {"text", p.text}, {"begin", p.begin}, {"end", p.end},
           {"facets", p.facets}, {"citations", p.citations}};
    if (!p.grade_label.empty()) j["grade_label"] = p.grade_label;
    if (!p.lead_in.empty()) j["lead_in"] = p.lead_in;
    if (!p.anchor.empty()) j["anchor"] = p.anchor;
    if (p.page > 0) j["page"] = p.page;
    if (!d.doc.url.empty()) j["url"] = deep_link(d.doc.url, p.anchor);
    passages.push_back(j);
  }
  json refs = json::array();
  for (const auto& r : d.references)
    refs.push_back({{"number", r.number}, {"authors", r.authors}, {"title", r.title}, {"journal", r.journal},
                    {"year", r.year}, {"pmid", r.pmid}, {"doi", r.doi}, {"url", r.url}, {"type", r.type}, {"text", r.text}});
  json claims = json::array();
  for (const auto& c : d.claims) {  // not yet written: the passage is its number in "passages"
    json j = claim_json(c);
    j["compound"] = c.compound;
    j["indication"] = c.indication;
    j["passage"] = {{"number", c.passage + 1}, {"section", c.section}};
    claims.push_back(j);
  }
  return json{{"id", d.doc.id},           {"path", d.doc.path},         {"title", d.doc.title}, {"claims", claims},
              {"subtitle", d.doc.subtitle}, {"publisher", d.doc.publisher}, {"compound", d.doc.compound},
              {"headings", d.headings},   {"passages", passages},       {"references", refs},
              {"dropped", d.dropped},     {"warnings", d.warnings},     {"format", to_string(d.doc.format)},
              {"url", d.doc.url},         {"author", d.doc.author},     {"modified", d.doc.modified}};
}

void print_inspect(std::ostream& out, const ParsedDocument& d) {
  out << "Document  " << printable(d.doc.path) << "\n"
      << "Title     " << printable(d.doc.title) << "\n";
  if (!d.doc.subtitle.empty()) out << "Subtitle  " << printable(d.doc.subtitle) << "\n";
  if (!d.doc.publisher.empty()) out << "Publisher " << printable(d.doc.publisher) << "\n";
  if (!d.doc.author.empty()) out << "Author    " << printable(d.doc.author) << "\n";
  if (!d.doc.url.empty()) out << "URL       " << printable(d.doc.url) << "\n";
  if (!d.doc.modified.empty()) out << "Modified  " << printable(d.doc.modified) << "\n";
  out << "Compound  " << printable(d.doc.compound) << "\n\n";
  out << "Headings (" << d.headings.size() << ")\n";
  for (const auto& h : d.headings) out << "  - " << printable(h) << "\n";
  out << "\nPassages (" << d.passages.size() << ")\n";
  size_t n = 0;
  for (const auto& p : d.passages) {
    out << "  [" << ++n << "] " << to_string(p.kind) << " | " << (p.section.empty() ? "(no section)" : printable(p.section)) << "\n      "
        << printable(p.text.size() > 160 ? p.text.substr(0, 160) + "..." : p.text) << "\n      ";
    for (const auto& [facet, values] : p.facets) {
      out << printable(facet) << "=";
      for (size_t i = 0; i < values.size(); ++i) out << (i ? "," : "") << printable(values[i]);
      out << "  ";
    }
    if (!p.grade_label.empty()) out << "grade_label=\"" << printable(p.grade_label) << "\"  ";
    if (!p.citations.empty()) {
      out << "cites=";
      for (size_t i = 0; i < p.citations.size(); ++i) out << (i ? "," : "") << p.citations[i];
      out << "  ";
    }
    if (p.page > 0) out << "p. " << p.page << "  ";
    if (!p.anchor.empty()) out << "link=" << (d.doc.url.empty() ? "#" + p.anchor : deep_link(d.doc.url, p.anchor));
    out << "\n";
  }
  out << "\nReferences (" << d.references.size() << ")\n";
  for (const auto& r : d.references) {
    out << "  " << r.number << ". " << printable(r.authors) << " | " << printable(r.title) << " | " << printable(r.journal);
    if (r.year) out << " | " << r.year;
    if (!r.pmid.empty()) out << " | PMID " << printable(r.pmid);
    if (!r.doi.empty()) out << " | DOI " << printable(r.doi);
    if (!r.type.empty()) out << " | " << printable(r.type);
    out << "\n";
  }
  out << "\nDropped as boilerplate (" << d.dropped.size() << ")\n";
  for (const auto& l : d.dropped) out << "  - " << printable(l.size() > 100 ? l.substr(0, 100) + "..." : l) << "\n";
  out << "\nWarnings (" << d.warnings.size() << ")\n";
  for (const auto& w : d.warnings) out << "  ! " << printable(w) << "\n";
}

}  // namespace pep
