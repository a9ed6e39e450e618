#include "indexed_passages.h"

#include <xapian.h>

#include "index_location.h"

namespace pep::bench {

std::vector<PassageRecord> read_indexed_passages(const std::filesystem::path& index_dir) {
  const auto path = live_index_path(index_dir);
  std::vector<PassageRecord> out;
  try {
    Xapian::Database db(path.string());
    out.reserve(db.get_doccount());
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
      out.push_back(decode_record(db.get_document(*it).get_data()));
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read passages from " + path.string() + ": " + e.get_msg());
  }
  return out;
}

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) total += e.file_size();
  return total;
}

std::uintmax_t live_index_bytes(const std::filesystem::path& index_dir) { return directory_bytes(live_index_path(index_dir)); }

}  // namespace pep::bench
