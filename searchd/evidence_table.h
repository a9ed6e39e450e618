// How pepsearch prints the evidence map in a terminal: `--evidence-map` as a table (one row per
// claim, the pair's compound, indication, best grade and conflict mark on its first row), and
// the short summary above a search's results when the query names a pair. Text only (the JSON is
// evidence_map.h's); everything from the index goes through terminal_text.h's printable().
// Stateless; writes to the stream it is given.
#pragma once

#include <ostream>

#include "evidence_map.h"

namespace pep {

void print_evidence_table(std::ostream& out, const EvidenceAnswer& answer);
void print_evidence_summary(std::ostream& out, const EvidencePair& pair);

}  // namespace pep
