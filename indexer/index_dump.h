// `pepindex dump DIR`: shows what one index generation holds, like xapian-delve: its manifest,
// one passage record as JSON, one term's postings (document ids and wdf, read through Xapian) or
// the vocabulary it was built with. DIR is an index directory (its `current` generation) or a
// gen-N directory. The generation is opened as searches open it (generation.h: sizes and counts
// checked), so a damaged one throws IndexError. One function per option; single-threaded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>

namespace pep {

class Generation;

void dump_manifest(Generation& g, std::ostream& out);
// Throws IndexError when `id` is not a passage of the generation.
void dump_passage(Generation& g, uint32_t id, std::ostream& out);
// Returns false (nothing printed but a note to `out`) when the term is in no document.
bool dump_term(Generation& g, const std::string& term, std::ostream& out);
void dump_vocabulary(Generation& g, std::ostream& out);

}  // namespace pep
