// Writes the benchmark's input: the first `limit` records of a JSONL corpus (0 = all), repeated
// `scale` times; copy k > 0 of a record gets the id "<id>~copy<k>" so every record stays distinct.
#pragma once

#include <cstddef>
#include <filesystem>

namespace pep::bench {

// Returns the number of records written. Throws std::runtime_error when `source` cannot be read
// or holds no record.
size_t write_scaled_corpus(const std::filesystem::path& source, const std::filesystem::path& target, size_t scale,
                           size_t limit);

}  // namespace pep::bench
