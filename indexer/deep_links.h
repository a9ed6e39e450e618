// Deep links: where a reader opens each passage of a parsed document.
// From the Document's `anchors` (HTML: the nearest element id above the passage, or a text
// fragment "#:~:text=..." of the passage's first words where there is none) and `page_starts`
// (PDF: "page=N" and Passage::page). Other formats' passages are left as they are.
// Pure functions over plain structs; no state.
#pragma once

#include <string>

#include "monograph.h"

namespace pep {

// Sets every passage's anchor (and page) from its `begin` offset.
void place_passages(ParsedDocument& parsed);

// A text fragment directive for `words` (the first few of them): ":~:text=..." percent-encoded.
std::string text_fragment(const std::string& words);

}  // namespace pep
