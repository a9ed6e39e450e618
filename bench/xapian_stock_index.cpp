#include "xapian_stock_index.h"

#include <xapian.h>

#include <chrono>

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

}  // namespace pep::bench
