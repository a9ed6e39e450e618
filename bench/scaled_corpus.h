// Writes the benchmark's input: the first `limit` records of a JSONL corpus (0 = all), `scale`
// times, into the directory `target` as part-0000.jsonl, part-0001.jsonl, ... of at most
// kPartBytes each (pepindex skips files over 512 MiB; it reads a directory's files in name order,
// so the records keep their order). Copy 0 is the corpus as it is. Copy k > 0 of a record gets the id "<id>~copy<k>" and a
// varied text, so no two records are identical and the term statistics grow the way a corpus of
// overlapping sources does: the record's sentences rotated by k, one of them left out, and one
// sentence of another record of the corpus (chosen by k) put in its place. Deterministic: the
// same input and scale give the same bytes. Records that are not JSON objects with a string id
// are written unchanged (pepindex reports them as it would in the original).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace pep::bench {

inline constexpr size_t kPartBytes = size_t{256} << 20;

// Returns the number of records written. Throws std::runtime_error when `source` cannot be read,
// holds no record, or `target` cannot be written.
size_t write_scaled_corpus(const std::filesystem::path& source, const std::filesystem::path& target, size_t scale,
                           size_t limit);

// The sentences of `text`, split after ". ", "? " and "! " (each keeps its end mark).
std::vector<std::string> split_sentences(const std::string& text);

// Copy k's text of record i (k > 0): see above. `sentences` are every record's sentences.
std::string varied_text(const std::vector<std::vector<std::string>>& sentences, size_t i, size_t k);

}  // namespace pep::bench
