#include "index_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <future>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "index_location.h"
#include "index_schema.h"
#include "passage_record.h"
#include "passage_store.h"
#include "position_store.h"
#include "term_dictionary.h"

namespace pep {
namespace {

// Longer stems are not indexed: a word that long is noise (base64, URLs), and Xapian refuses terms
// over 245 bytes (H terms).
constexpr size_t kMaxTermBytes = 64;


}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  PassageStoreWriter store;
  PositionStoreWriter positions;
  const FormTable& table;
  std::unordered_set<std::string> stopwords;
  std::filesystem::path dir;

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
  size_t since_commit = 0;
  uint64_t passage_serial = 0;
  std::vector<Term*> passage_terms;  // the Z and W terms of the passage being added

  // The steps of IndexWriter::add, below it: terms of the text, heading terms, facets and
  // values, the stored record, and writing all three stores.
  std::vector<std::string> heading_terms(const ParsedDocument& parsed, const std::string& text) const;
  std::vector<TermPosition> text_terms(const NumberedWords& text, Xapian::Document& d);
  static void facets_and_values(const Passage& p, const std::string& source_id, Xapian::Document& d);
  static PassageRecord record(const ParsedDocument& parsed, const SourceInfo& source, size_t n);
  void write(const Xapian::Document& d, const PassageRecord& rec, std::vector<TermPosition>&& postings);

  Impl(const std::filesystem::path& dir, const FormTable& t, const std::vector<std::string>& stop)
      // A build is written once and never updated in place, so: no termlist (only needed to
      // delete or replace documents), and no fsync (a shard is temporary; merge_shards syncs).
      : db(dir.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_TERMLIST | Xapian::DB_NO_SYNC),
        store(dir / schema::kPassageStoreFile), positions(dir / schema::kPositionStoreFile), table(t),
        stopwords(stop.begin(), stop.end()), dir(dir) {
    // Everything is written inside a transaction, committed every kCommitEvery passages: a writer
    // destroyed on an error path (a full disk, a failed store write) then cancels it instead of
    // letting Xapian's destructor commit, which can fail again there and abort the process.
    db.begin_transaction();
  }

  // Makes what was added durable in the shard's tables and opens the next transaction.
  void commit_batch() {
    db.commit_transaction();
    db.begin_transaction();
  }

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

IndexWriter::IndexWriter(const std::filesystem::path& db_dir, const FormTable& forms, const std::vector<std::string>& stopwords) {
  try {
    impl_ = std::make_unique<Impl>(db_dir, forms, stopwords);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot create an index in " + db_dir.string() + ": " + e.get_description());
  }
}

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

// The document, its record and its positions, under the same id: ids count up from 1 in all three.
void IndexWriter::Impl::write(const Xapian::Document& d, const PassageRecord& rec, std::vector<TermPosition>&& postings) {
  try {
    db.add_document(d);
    store.add(encode_record(rec));
    positions.add(std::move(postings));
    if (++since_commit == IndexWriter::kCommitEvery) {
      commit_batch();
      since_commit = 0;
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("writing the index in " + dir.string() + " failed: " + e.get_description());
  }
}

size_t IndexWriter::add(const ParsedDocument& parsed) {
  Impl& im = *impl_;
  const SourceInfo source{parsed.doc.id, parsed.doc.path, parsed.doc.title, parsed.doc.publisher, parsed.doc.url};
  // The parser numbered this document's words before it came here, so the table is complete for
  // it; growing now keeps references into `forms` valid while adding.
  if (im.forms.size() < im.table.size()) im.forms.resize(im.table.size());
  const std::vector<std::string> title_terms = im.heading_terms(parsed, parsed.doc.title);
  std::string last_section;
  std::vector<std::string> section_terms;
  for (size_t i = 0; i < parsed.passages.size(); ++i) {
    const Passage& p = parsed.passages[i];
    Xapian::Document d;
    std::vector<TermPosition> postings = im.text_terms(parsed.passage_forms.at(i), d);
    if (i == 0 || p.section != last_section) {  // passages of a section come together
      last_section = p.section;
      section_terms = im.heading_terms(parsed, p.section);
    }
    for (const auto& t : section_terms) d.add_term(t);
    for (const auto& t : title_terms) d.add_term(t);
    im.facets_and_values(p, source.id, d);
    im.write(d, im.record(parsed, source, i), std::move(postings));
  }
  return parsed.passages.size();
}


namespace {
// DB_NO_SYNC skipped Xapian's fsyncs; make finished files durable before anyone publishes
// them, so a power cut after publishing cannot expose a torn index.
void sync_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}
}  // namespace

void IndexWriter::commit() {
  try {
    std::vector<std::pair<std::string_view, uint64_t>> counts;
    counts.reserve(impl_->forms.size());
    for (size_t id = 0; id < impl_->forms.size(); ++id)
      if (impl_->forms[id].count > 0) counts.emplace_back(impl_->table.info(static_cast<uint32_t>(id)).form, impl_->forms[id].count);
    impl_->db.set_metadata(std::string(schema::kMetaForms), TermDictionary::encode(counts));
    impl_->db.commit_transaction();
    impl_->db.close();
    impl_->store.finish();
    impl_->positions.finish();
  } catch (const Xapian::Error& e) {
    throw IndexError("writing the index in " + impl_->dir.string() + " failed: " + e.get_description());
  }
  // Not synced: a writer's database is a shard that merge_shards reads and then deletes, and the
  // merged index is what gets synced.
}

namespace {
// The compactor keeps one shard's value of a metadata key; the form dictionaries must be summed
// instead, or the merged index would only know one shard's words. (Xapian passes the key with its
// internal metadata prefix, hence the suffix test.)
class ShardCompactor : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override {
    const std::string_view forms = schema::kMetaForms;
    if (key.size() < forms.size() || key.compare(key.size() - forms.size(), forms.size(), forms) != 0) return tags[0];
    return TermDictionary::merge(std::vector<std::string>(tags, tags + num_tags));
  }
};

// The build's metadata, written into a database of its own with no documents, which is compacted
// after the shards (its metadata is copied as it is): no shard is special, and written after
// compacting it would leave the compact tables with free blocks.
void write_merge_metadata(const std::map<std::string, std::string>& metadata, const std::filesystem::path& dir) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_TERMLIST | Xapian::DB_NO_SYNC);
  for (const auto& [key, value] : metadata) db.set_metadata(key, value);
  db.commit();
}
}  // namespace

void merge_shards(const std::vector<std::filesystem::path>& shards, const std::map<std::string, std::string>& metadata,
                  const std::filesystem::path& out) {
  std::filesystem::create_directories(out);
  // Beside the shards, named *.partial like them so that a killed build's is cleaned up too.
  const std::filesystem::path metadata_dir = out.string() + ".metadata.partial";
  std::vector<Xapian::Database> opened;
  try {
    for (const auto& s : shards) opened.emplace_back(s.string());
  } catch (const Xapian::Error& e) {
    throw IndexError("merging index shards into " + out.string() + " failed: " + e.get_description());
  }
  // The passage and position stores are merged (and synced) on a second thread while Xapian
  // compacts: the build's workers have finished, so done one after the other a core would sit idle.
  auto stores = std::async(std::launch::async, [&] {
    std::vector<std::filesystem::path> passages, positions;
    for (const auto& s : shards) {
      passages.push_back(s / schema::kPassageStoreFile);
      positions.push_back(s / schema::kPositionStoreFile);
    }
    const uint32_t records = merge_passage_stores(passages, out / schema::kPassageStoreFile);
    const uint32_t positioned = merge_position_stores(positions, out / schema::kPositionStoreFile);
    sync_file(out / schema::kPassageStoreFile);
    sync_file(out / schema::kPositionStoreFile);
    return std::make_pair(records, positioned);
  });
  Xapian::docid last = 0;
  try {
    write_merge_metadata(metadata, metadata_dir);
    Xapian::Database all;
    for (const auto& db : opened) all.add_database(db);
    all.add_database(Xapian::Database(metadata_dir.string()));
    ShardCompactor compactor;
    all.compact(out.string(), 0, 0, compactor);
    last = Xapian::Database(out.string()).get_lastdocid();
  } catch (const Xapian::Error& e) {
    stores.wait();  // its files are in `out`, which the caller removes
    std::error_code ec;
    std::filesystem::remove_all(metadata_dir, ec);
    throw IndexError("merging index shards into " + out.string() + " failed: " + e.get_description());
  } catch (...) {
    stores.wait();
    throw;
  }
  std::error_code ec;
  std::filesystem::remove_all(metadata_dir, ec);
  const auto [records, positioned] = stores.get();  // rethrows the stores' IndexError
  if (records != last || positioned != last)
    throw IndexError("merging index shards into " + out.string() + ": the passage records do not match the documents");
  for (const auto& entry : std::filesystem::directory_iterator(out))
    if (entry.path().filename() != schema::kPassageStoreFile && entry.path().filename() != schema::kPositionStoreFile)
      sync_file(entry.path());
}

}  // namespace pep
