// Text on its way to a terminal or into JSON, from sources pepsearch does not control (corpus
// text, titles, file names). `printable` makes a string safe to print: every C0 and C1 control
// character (ESC, BEL, CR, ...), DEL and every bidirectional override or isolate (U+202A–U+202E,
// U+2066–U+2069) is shown as a visible escape (`\x1b`, `\u202e`), and each byte that is not
// valid UTF-8 as `\xff`; everything else is copied unchanged. So only the program's own colour
// codes reach the terminal. `escape_invalid_utf8` makes a file name JSON can hold: each byte
// that is not part of valid UTF-8 becomes `%FF` (upper-case hex), valid text stays as it is.
// Both are pure functions of their input: no errors, no state, safe on any thread.
#pragma once

#include <string>
#include <string_view>

namespace pep {

std::string printable(std::string_view text);
std::string escape_invalid_utf8(std::string_view name);

}  // namespace pep
