#include "index_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include "index_location.h"
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
      // A build is written once and never updated in place, so: no termlist (only needed to
      // delete or replace documents), and no fsync per commit — commit() syncs the files once.
      : db(dir.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_TERMLIST | Xapian::DB_NO_SYNC),
        analyzer(a), dir(dir) {}
  std::filesystem::path dir;
};

IndexWriter::IndexWriter(const std::filesystem::path& db_dir, const TextAnalyzer& analyzer) {
  try {
    impl_ = std::make_unique<Impl>(db_dir, analyzer);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot create an index in " + db_dir.string() + ": " + e.get_description());
  }
}

IndexWriter::~IndexWriter() = default;

size_t IndexWriter::add(const ParsedDocument& parsed) {
  const TextAnalyzer& analyzer = impl_->analyzer;
  const SourceInfo source{parsed.doc.id, parsed.doc.path, parsed.doc.title, parsed.doc.publisher, parsed.doc.url};
  const auto title_words = analyzer.analyze(parsed.doc.title);
  size_t n = 0;
  std::string last_section;
  std::vector<Word> section_words;
  for (size_t i = 0; i < parsed.passages.size(); ++i) {
    const Passage& p = parsed.passages[i];
    Xapian::Document d;
    Xapian::termpos pos = 0;
    const std::vector<Word> analyzed = i < parsed.passage_words.size() ? std::vector<Word>{} : analyzer.analyze(p.text);
    const std::vector<Word>& words = i < parsed.passage_words.size() ? parsed.passage_words[i] : analyzed;
    for (const Word& w : words) {
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
    if (i == 0 || p.section != last_section) {  // passages of a section come together
      last_section = p.section;
      section_words = analyzer.analyze(p.section);
    }
    add_heading(section_words);
    add_heading(title_words);

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
    try {
      impl_->db.add_document(d);
    } catch (const Xapian::Error& e) {
      throw IndexError("writing the index in " + impl_->dir.string() + " failed: " + e.get_description());
    }
    ++n;
  }
  return n;
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) { impl_->db.set_metadata(key, value); }

namespace {
// DB_NO_SYNC skipped Xapian's fsyncs; make finished files durable before anyone publishes
// them, so a power cut after publishing cannot expose a torn index.
void sync_files(const std::filesystem::path& dir) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    ::fsync(fd);
    ::close(fd);
  }
}
}  // namespace

void IndexWriter::commit() {
  try {
    impl_->db.commit();
    impl_->db.close();
  } catch (const Xapian::Error& e) {
    throw IndexError("writing the index in " + impl_->dir.string() + " failed: " + e.get_description());
  }
  sync_files(impl_->dir);
}

void merge_shards(const std::vector<std::filesystem::path>& shards, const std::filesystem::path& out) {
  try {
    Xapian::Database all;
    for (const auto& s : shards) all.add_database(Xapian::Database(s.string()));
    all.compact(out.string());
  } catch (const Xapian::Error& e) {
    throw IndexError("merging index shards into " + out.string() + " failed: " + e.get_description());
  }
  sync_files(out);
}

}  // namespace pep
