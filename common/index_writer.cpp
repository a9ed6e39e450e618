#include "index_writer.h"

#include <xapian.h>

#include <algorithm>

#include <unordered_map>
#include <unordered_set>

#include "error.h"
#include "generation_writer.h"
#include "index_schema.h"
#include "passage_record.h"
#include "position_store.h"
#include "subject_key.h"
#include "term_dictionary.h"

namespace pep {
namespace {

// Longer stems are not indexed: a word that long is noise (base64, URLs), and Xapian refuses terms
// over 245 bytes (H terms).
constexpr size_t kMaxTermBytes = 64;

}  // namespace

struct IndexWriter::Impl {
  GenerationWriter& out;
  const FormTable& table;
  std::unordered_set<std::string> stopwords;

  // A Z or W term and its wdf in the passage being added.
  struct Term {
    std::string name;
    uint64_t seen_in = 0;  // the passage_serial of the passage `wdf` counts in
    uint32_t wdf = 0;
  };
  // Per form id (FormTable): its Z term's entry, its W term's if it is a stop word, and how often
  // it occurred.
  struct Form {
    Term* term = nullptr;       // null until the form first occurs here
    Term* stop_term = nullptr;  // for a stop word: its W term
    uint32_t position_key = 0;  // position_term_key of the Z term
    bool indexed = false;       // the Z term is short enough to index (kMaxTermBytes)
    uint64_t count = 0;
  };
  std::vector<Form> forms;  // grown to the table's size by add(), never while a passage is added
  // By term: forms that stem alike ("treat", "treats") share one entry. Node-based, so the
  // pointers in `forms` stay valid.
  std::unordered_map<std::string, Term> stem_terms;
  std::unordered_map<std::string, Term> stop_terms;
  uint64_t passage_serial = 0;
  std::vector<Term*> passage_terms;  // the Z and W terms of the passage being added

  // The steps of IndexWriter::add, below it: terms of the text, heading terms, facets and
  // values, and the stored record.
  std::vector<std::string> heading_terms(const ParsedDocument& parsed, const std::string& text) const;
  std::vector<std::string> subject_terms(const ParsedDocument& parsed, const std::string& text) const;
  std::vector<TermPosition> text_terms(const NumberedWords& text, Xapian::Document& d);
  static void facets_and_values(const Passage& p, const std::string& source_id, Xapian::Document& d);
  static PassageRecord record(const ParsedDocument& parsed, const SourceInfo& source, size_t n);
  Impl(GenerationWriter& o, const FormTable& t, const std::vector<std::string>& stop)
      : out(o), table(t), stopwords(stop.begin(), stop.end()) {}

  Form& form(uint32_t id) {
    Form& f = forms.at(id);
    if (!f.term) {
      const FormInfo& info = table.info(id);
      const std::string zterm = std::string(schema::kStemPrefix) + info.stem;
      f.term = &stem_terms[zterm];
      f.term->name = zterm;
      f.position_key = position_term_key(zterm);
      f.indexed = zterm.size() <= kMaxTermBytes;
      if (stopwords.count(info.form)) {
        const std::string wterm = std::string(schema::kStopPrefix) + info.stem;
        f.stop_term = &stop_terms[wterm];
        f.stop_term->name = wterm;
      }
    }
    ++f.count;
    return f;
  }
};

IndexWriter::IndexWriter(GenerationWriter& out, const FormTable& forms, const std::vector<std::string>& stopwords)
    : impl_(std::make_unique<Impl>(out, forms, stopwords)) {}

IndexWriter::~IndexWriter() = default;

// The H terms of a heading or title, computed once for all the passages under it, from the
// words the parser numbered (ParsedDocument::heading_forms).
std::vector<std::string> IndexWriter::Impl::heading_terms(const ParsedDocument& parsed, const std::string& text) const {
  const auto numbered = parsed.heading_forms.find(text);
  if (numbered == parsed.heading_forms.end())
    throw IndexError("indexing " + parsed.doc.path + ": the heading \"" + text + "\" has no numbered words (MonographParser::parse numbers them)");
  const NumberedWords& words = numbered->second;
  std::vector<std::string> out;
  auto add = [&](uint32_t id) {
    const FormInfo& f = table.info(id);
    if (f.form.empty() || f.form.size() > kMaxTermBytes) return;
    // Appended, not `prefix + stem`: GCC 12 warns falsely (-Wrestrict) on that operator+.
    out.emplace_back(schema::kHeadingPrefix).append(f.stem);
  };
  words.for_each_word([&](size_t, uint32_t id, std::span<const uint32_t> part_ids) {
    // The heading boost is built from a query's content words only, so stop words here
    // ("What are the symptoms of ...") would be postings nobody reads.
    if (part_ids.empty() && stopwords.count(table.info(id).form)) return;
    add(id);
    for (const uint32_t part : part_ids) add(part);
  });
  return out;
}

// The S terms of a subject (subject_key.h): the key of its whole and of each piece, from the words
// the parser numbered; a piece of only stop words has none.
std::vector<std::string> IndexWriter::Impl::subject_terms(const ParsedDocument& parsed, const std::string& text) const {
  std::vector<std::string> out;
  for (const auto& piece : subject_pieces(text)) {
    const auto numbered = parsed.heading_forms.find(piece);
    if (numbered == parsed.heading_forms.end()) continue;
    std::string key;
    numbered->second.for_each_word([&](size_t, uint32_t id, std::span<const uint32_t> parts) {
      const FormInfo& f = table.info(id);
      if (f.form.empty() || (parts.empty() && stopwords.count(f.form))) return;
      if (parts.empty()) add_to_subject_key(key, f.stem);
      for (const uint32_t part : parts) add_to_subject_key(key, table.info(part).stem);  // "alpha-1": "alpha 1"
    });
    if (key.empty() || key.size() > kMaxTermBytes * 3) continue;
    std::string term(schema::kSubjectPrefix);
    term += key;
    if (std::find(out.begin(), out.end(), term) == out.end()) out.push_back(std::move(term));
  }
  return out;
}

// The Z and W terms of a passage's text into `d`, and the positions of its Z terms. Each
// occurrence adds 1 to its term's wdf; each term is added to the document once, with its wdf.
// The position goes to the position store (stop words: none).
std::vector<TermPosition> IndexWriter::Impl::text_terms(const NumberedWords& text, Xapian::Document& d) {
  Xapian::termpos pos = 0;
  std::vector<TermPosition> postings;
  ++passage_serial;
  passage_terms.clear();
  auto occurs = [&](Term& t) {
    if (t.seen_in != passage_serial) {
      t.seen_in = passage_serial;
      t.wdf = 0;
      passage_terms.push_back(&t);
    }
    ++t.wdf;
  };
  text.for_each_word([&](size_t, uint32_t form_id, std::span<const uint32_t> part_ids) {
    ++pos;
    Form& f = form(form_id);
    if (f.indexed) {
      if (f.stop_term && part_ids.empty()) {  // a stop word: a W term, without positions
        occurs(*f.stop_term);
      } else {
        occurs(*f.term);
        postings.push_back({static_cast<uint32_t>(pos), f.position_key});
      }
    }
    for (size_t k = 0; k < part_ids.size(); ++k) {
      Form& part = form(part_ids[k]);
      if (!part.indexed) continue;
      occurs(*part.term);
      postings.push_back({static_cast<uint32_t>(pos + k), part.position_key});
    }
    if (!part_ids.empty()) pos += part_ids.size() - 1;
  });
  for (const Term* t : passage_terms) d.add_term(t->name, t->wdf);
  return postings;
}

// A passage's facets as boolean terms (filters) and as one value (counts), its source and its
// result strength as values.
void IndexWriter::Impl::facets_and_values(const Passage& p, const std::string& source_id, Xapian::Document& d) {
  std::string facet_values;
  for (const auto& facet : schema::kFacets) {
    auto it = p.facets.find(std::string(facet.name));
    if (it == p.facets.end()) continue;
    for (const auto& v : it->second) {
      d.add_boolean_term(std::string(facet.prefix) + v);
      if (!facet_values.empty()) facet_values.push_back(schema::kValueSeparator);
      facet_values.append(facet.name).append("=").append(v);
    }
  }
  if (!facet_values.empty()) d.add_value(schema::kFacetsSlot, facet_values);
  if (!source_id.empty()) d.add_value(schema::kSourceSlot, source_id);
  if (p.result_strength > 0) d.add_value(schema::kResultStrengthSlot, Xapian::sortable_serialise(p.result_strength));
}

// The stored record of the n-th passage (0-based): the passage, its source and the references it cites.
PassageRecord IndexWriter::Impl::record(const ParsedDocument& parsed, const SourceInfo& source, size_t n) {
  const Passage& p = parsed.passages[n];
  PassageRecord rec;
  rec.id = parsed.doc.id + "#" + std::to_string(n + 1);
  rec.passage = p;
  rec.source = source;
  rec.source.url = deep_link(source.url, p.anchor);
  for (int c : p.citations)
    for (const auto& r : parsed.references)
      if (r.number == c) rec.cited.push_back(r);
  return rec;
}

size_t IndexWriter::add(const ParsedDocument& parsed) {
  Impl& im = *impl_;
  const SourceInfo source{parsed.doc.id, parsed.doc.path, parsed.doc.title, parsed.doc.publisher, parsed.doc.url};
  // The parser numbered this document's words before it came here, so the table is complete for
  // it; growing now keeps references into `forms` valid while adding.
  if (im.forms.size() < im.table.size()) im.forms.resize(im.table.size());
  const std::vector<std::string> title_terms = im.heading_terms(parsed, parsed.doc.title);
  const std::vector<std::string> subject_terms =
      im.subject_terms(parsed, parsed.doc.subject.empty() ? parsed.doc.title : parsed.doc.subject);
  std::string last_section;
  std::vector<std::string> section_terms, section_subjects;
  for (size_t i = 0; i < parsed.passages.size(); ++i) {
    const Passage& p = parsed.passages[i];
    Xapian::Document d;
    std::vector<TermPosition> postings = im.text_terms(parsed.passage_forms.at(i), d);
    if (i == 0 || p.section != last_section) {  // passages of a section come together
      last_section = p.section;
      section_terms = im.heading_terms(parsed, p.section);
      section_subjects = im.subject_terms(parsed, p.section);
    }
    for (const auto& t : section_terms) d.add_term(t);
    for (const auto& t : title_terms) d.add_term(t);
    for (const auto& t : subject_terms) d.add_boolean_term(t);
    for (const auto& t : section_subjects) d.add_boolean_term(t);
    if (p.overview) d.add_boolean_term(std::string(schema::kOverviewTerm));
    im.facets_and_values(p, source.id, d);
    im.out.add(d, im.record(parsed, source, i), std::move(postings));
  }
  std::vector<EvidenceClaim> claims = parsed.claims;
  for (auto& c : claims) {
    const Passage& p = parsed.passages.at(c.passage);
    c.passage_id = parsed.doc.id + "#" + std::to_string(c.passage + 1);  // as record() numbers it
    c.section = p.section;
    c.url = deep_link(source.url, p.anchor);
    c.source_id = source.id;
    c.monograph = source.title;
    c.publisher = source.publisher;
  }
  if (!claims.empty()) im.out.add_claims(claims);
  return parsed.passages.size();
}

// The word-form dictionary of what was added, then the generation writer's commit.
void IndexWriter::commit() {
  std::vector<std::pair<std::string_view, uint64_t>> counts;
  counts.reserve(impl_->forms.size());
  for (size_t id = 0; id < impl_->forms.size(); ++id)
    if (impl_->forms[id].count > 0) counts.emplace_back(impl_->table.info(static_cast<uint32_t>(id)).form, impl_->forms[id].count);
  impl_->out.set_metadata(std::string(schema::kMetaForms), TermDictionary::encode(counts));
  impl_->out.finish();
}

}  // namespace pep
