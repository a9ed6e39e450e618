#include "index_writer.h"

#include <xapian.h>

#include "index_schema.h"
#include "passage_record.h"

namespace pep {
namespace {

// Xapian refuses terms over 245 bytes; anything that long is noise (base64, URLs) anyway.
constexpr size_t kMaxTermBytes = 64;

void add_posting(Xapian::Document& d, const std::string& term, Xapian::termpos pos) {
  if (!term.empty() && term.size() <= kMaxTermBytes) d.add_posting(term, pos);
}

void add_term(Xapian::Document& d, const std::string& prefix, const std::string& term) {
  if (!term.empty() && term.size() <= kMaxTermBytes) d.add_term(prefix + term);
}

}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  const TextAnalyzer& analyzer;
  Impl(const std::filesystem::path& dir, const TextAnalyzer& a)
      : db(dir.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS), analyzer(a) {}
};

IndexWriter::IndexWriter(const std::filesystem::path& db_dir, const TextAnalyzer& analyzer)
    : impl_(std::make_unique<Impl>(db_dir, analyzer)) {}

IndexWriter::~IndexWriter() = default;

size_t IndexWriter::add(const ParsedDocument& parsed) {
  const TextAnalyzer& analyzer = impl_->analyzer;
  const SourceInfo source{parsed.doc.id, parsed.doc.path, parsed.doc.title, parsed.doc.publisher, parsed.doc.url};
  const auto title_words = analyzer.analyze(parsed.doc.title);
  size_t n = 0;
  for (const Passage& p : parsed.passages) {
    Xapian::Document d;
    Xapian::termpos pos = 0;
    for (const Word& w : analyzer.analyze(p.text)) {
      ++pos;
      add_posting(d, w.form, pos);
      add_term(d, std::string(schema::kStemPrefix), analyzer.stem(w.form));
      for (size_t k = 0; k < w.parts.size(); ++k) {
        add_posting(d, w.parts[k], pos + k);
        add_term(d, std::string(schema::kStemPrefix), analyzer.stem(w.parts[k]));
      }
      if (!w.parts.empty()) pos += w.parts.size() - 1;
    }
    auto add_heading = [&](const std::vector<Word>& words) {
      for (const Word& w : words) {
        add_term(d, std::string(schema::kHeadingPrefix), analyzer.stem(w.form));
        for (const auto& part : w.parts) add_term(d, std::string(schema::kHeadingPrefix), analyzer.stem(part));
      }
    };
    add_heading(analyzer.analyze(p.section));
    add_heading(title_words);

    for (const auto& facet : schema::kFacets) {
      auto it = p.facets.find(std::string(facet.name));
      if (it == p.facets.end() || it->second.empty()) continue;
      std::string joined;
      for (const auto& v : it->second) {
        d.add_boolean_term(std::string(facet.prefix) + v);
        if (!joined.empty()) joined.push_back(schema::kValueSeparator);
        joined += v;
      }
      d.add_value(facet.slot, joined);
    }

    if (p.result_strength > 0) d.add_value(schema::kResultStrengthSlot, Xapian::sortable_serialise(p.result_strength));

    PassageRecord rec;
    rec.id = parsed.doc.id + "#" + std::to_string(n + 1);
    rec.passage = p;
    rec.source = source;
    for (int c : p.citations)
      for (const auto& r : parsed.references)
        if (r.number == c) rec.cited.push_back(r);
    d.add_boolean_term(std::string(schema::kIdPrefix) + rec.id);
    d.add_boolean_term(std::string(schema::kDocPrefix) + parsed.doc.id);
    d.set_data(encode_record(rec));
    impl_->db.add_document(d);
    ++n;
  }
  return n;
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) { impl_->db.set_metadata(key, value); }

void IndexWriter::commit() {
  impl_->db.commit();
  impl_->db.close();
}

}  // namespace pep
