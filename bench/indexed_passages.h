// Reads back the passages a built pepsearch index holds (through Generation: its manifest and counts
// checked, each record by Xapian document id), so a second engine can be fed exactly the text
// pepsearch segmented and indexed.
#pragma once

#include <filesystem>
#include <vector>

#include "passage_record.h"

namespace pep::bench {

// Every passage of the live index in `index_dir`, in document-id order. Throws IndexError.
std::vector<PassageRecord> read_indexed_passages(const std::filesystem::path& index_dir);

// Bytes of the regular files under `dir`.
std::uintmax_t directory_bytes(const std::filesystem::path& dir);

// Bytes on disk of the live generation of `index_dir` (a Xapian database directory).
std::uintmax_t live_index_bytes(const std::filesystem::path& index_dir);

}  // namespace pep::bench
