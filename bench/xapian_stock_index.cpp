#include "xapian_stock_index.h"

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <unordered_map>

#include "generation_writer.h"
#include "indexed_passages.h"

namespace pep::bench {

StockXapianBuild build_stock_xapian(const std::filesystem::path& dir, const std::vector<PassageRecord>& passages) {
  StockXapianBuild out;
  const auto started = std::chrono::steady_clock::now();
  {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    for (const auto& p : passages) {
      Xapian::Document doc;
      tg.set_document(doc);
      tg.index_text(p.passage.text);
      doc.set_data(p.passage.text);
      db.add_document(doc);
    }
    db.commit();
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.bytes = directory_bytes(dir);
  return out;
}

namespace {

// A passage as Xapian terms: (term id, wdf) pairs.
using TokenisedPassage = std::vector<std::pair<uint32_t, Xapian::termcount>>;

struct Tokenised {
  std::vector<std::string> terms;
  std::vector<std::vector<TokenisedPassage>> shards;  // round-robin, as pepindex deals documents
};

Tokenised tokenise(const std::vector<PassageRecord>& passages, unsigned threads) {
  Tokenised t;
  t.shards.resize(threads);
  std::unordered_map<std::string, uint32_t> ids;
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  for (size_t i = 0; i < passages.size(); ++i) {
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(passages[i].passage.text);
    TokenisedPassage out;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term)
      out.emplace_back(ids.emplace(*term, static_cast<uint32_t>(ids.size())).first->second, term.get_wdf());
    t.shards[i % threads].push_back(std::move(out));
  }
  t.terms.resize(ids.size());
  for (auto& [term, id] : ids) t.terms[id] = term;
  return t;
}

void write_shard(const std::filesystem::path& dir, const std::vector<TokenisedPassage>& passages, const std::vector<std::string>& terms) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_TERMLIST | Xapian::DB_NO_SYNC);
  size_t since_commit = 0;
  for (const auto& p : passages) {
    Xapian::Document doc;
    for (const auto& [id, wdf] : p) doc.add_term(terms[id], wdf);
    db.add_document(doc);
    if (++since_commit == pep::GenerationWriter::kCommitEvery) {
      db.commit();
      since_commit = 0;
    }
  }
  db.commit();
}

}  // namespace

StockXapianBuild build_xapian_writer_alone(const std::filesystem::path& dir, const std::vector<PassageRecord>& passages, unsigned threads) {
  threads = std::max(1u, threads);
  const Tokenised t = tokenise(passages, threads);
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> shard_dirs;
  for (unsigned k = 0; k < threads; ++k) shard_dirs.push_back(dir / ("shard-" + std::to_string(k)));
  const std::filesystem::path merged = dir / "merged";

  StockXapianBuild out;
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  std::vector<std::exception_ptr> errors(threads);
  for (unsigned k = 0; k < threads; ++k)
    workers.emplace_back([&, k] {
      try {
        write_shard(shard_dirs[k], t.shards[k], t.terms);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    });
  for (auto& w : workers) w.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  Xapian::Database all;
  for (const auto& s : shard_dirs) all.add_database(Xapian::Database(s.string()));
  all.compact(merged.string());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.bytes = directory_bytes(merged);
  return out;
}

}  // namespace pep::bench
