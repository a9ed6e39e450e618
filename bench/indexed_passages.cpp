#include "indexed_passages.h"

#include "index_location.h"
#include "index_schema.h"
#include "passage_store.h"

namespace pep::bench {

std::vector<PassageRecord> read_indexed_passages(const std::filesystem::path& index_dir) {
  const auto path = live_index_path(index_dir);
  PassageStore store(path / schema::kPassageStoreFile);
  std::vector<PassageRecord> out;
  out.reserve(store.size());
  for (uint32_t id = 1; id <= store.size(); ++id) out.push_back(decode_record(store.get(id)));
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
