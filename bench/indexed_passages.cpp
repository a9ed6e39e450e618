#include "indexed_passages.h"

#include "generation.h"
#include "index_location.h"

namespace pep::bench {

std::vector<PassageRecord> read_indexed_passages(const std::filesystem::path& index_dir) {
  Generation g(live_index_path(index_dir), Verify::kSizes);
  std::vector<PassageRecord> out;
  out.reserve(g.size());
  for (Xapian::docid id = 1; id <= g.size(); ++id) out.push_back(g.record(id));
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
