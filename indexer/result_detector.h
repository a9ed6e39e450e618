// ResultDetector: how much a passage states an explicit result — figures a reader can act on
// (percentages, P values, hazard ratios, patient counts, doses, "23% vs 21%") and explicit
// evidence grades — as opposed to only mentioning a topic. The score (0..1) is a ranking prior,
// so an answer with numbers is not drowned by passages that merely repeat the query words.
#pragma once

#include "monograph.h"

namespace pep {

double result_strength(const Passage& passage);

}  // namespace pep
