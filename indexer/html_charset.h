// HTML charset decoding: turns a saved page's bytes into UTF-8 before Gumbo (which reads UTF-8
// only) parses them. Order: a UTF-8 BOM is removed; a UTF-16 BOM converts from UTF-16LE/BE;
// else a charset= in the first 1024 bytes (the WHATWG <meta> prescan, simplified) converts with
// ICU's ucnv_convert unless it names UTF-8; last, invalid UTF-8 is replaced by U+FFFD.
//
// Data: `bytes` is rewritten in place; conversion needs up to 3x the input in a scratch buffer.
// Errors: none thrown; an unknown declared charset, and any repaired sequences, add a line to
// `notes` and the bytes are read as UTF-8.
// Threading: no shared state (ICU's converter cache is thread-safe).
// Internal to pepindexer (namespace pep::html).
#pragma once

#include <string>
#include <vector>

namespace pep::html {

// The charset a <meta> in the first 1024 bytes declares, lower case; "" when none.
std::string declared_charset(const std::string& bytes);

// Converts `bytes` to UTF-8 from `charset` with ICU; false (bytes unchanged) when ICU fails.
bool convert_to_utf8(std::string& bytes, const char* charset);

// Decodes a whole page to valid UTF-8 as above.
void decode(std::string& bytes, std::vector<std::string>& notes);

}  // namespace pep::html
