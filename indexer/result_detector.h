// ResultDetector: how much a passage states an explicit result — figures a reader can act on
// (percentages, P values, hazard ratios, patient counts, doses, "23% vs 21%") and explicit
// evidence grades — as opposed to only mentioning a topic. The score (0..1) is a ranking prior,
// so an answer with numbers is not drowned by passages that merely repeat the query words.
// `units` (corpus/vocab/result_units.list, lower case) are the words that make a number right
// before them a figure ("20 mg", "202 patients"). Errors: none. Threading: a pure function.
#pragma once

#include <string>
#include <vector>

#include "monograph.h"

namespace pep {

double result_strength(const Passage& passage, const std::vector<std::string>& units);

}  // namespace pep
