// `pepindex check DIR`: verifies one index generation fully, like xapian-check: the manifest
// (generation.json), every file's size and SHA-256 against it, the parts' counts (generation.h),
// every passage record (zstd frame with its checksum, then its CBOR), every position record (its
// checksum and layout), and Xapian's own consistency check of its tables. DIR is an index
// directory (its `current` generation is checked) or a gen-N directory.
//
// Prints each step to `out` as it passes; the first failure goes to `err` naming the file, with
// the rebuild hint. Returns true when the generation verifies. Reads only; single-threaded.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace pep {

bool check_generation(const std::filesystem::path& dir, std::ostream& out, std::ostream& err);

}  // namespace pep
