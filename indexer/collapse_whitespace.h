// collapse_whitespace: the text of a passage or heading as the index stores it.
//
// Contract: every run of ASCII whitespace (" \t\n\v\f\r") and no-break spaces (U+00A0, the bytes
// C2 A0) becomes one ' '; there is none at either end; every other byte is kept as it is (invalid
// UTF-8 included). The segmenter counts words by the single spaces this leaves.
#pragma once

#include <string>
#include <string_view>

namespace pep {

std::string collapse_whitespace(std::string_view text);

}  // namespace pep
