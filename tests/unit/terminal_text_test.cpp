#include "terminal_text.h"

#include <catch2/catch.hpp>

TEST_CASE("printable: controls, bidi overrides and invalid bytes become visible escapes") {
  CHECK(pep::printable("plain text — ünïcode") == "plain text — ünïcode");
  CHECK(pep::printable("a\x1b]0;pwned\x07" "b") == "a\\x1b]0;pwned\\x07b");
  CHECK(pep::printable("\x1b[31mred") == "\\x1b[31mred");
  CHECK(pep::printable("line\r\nnext\ttab\x7f") == "line\\x0d\\x0anext\\x09tab\\x7f");
  CHECK(pep::printable("c1 \xC2\x9B" "31m") == "c1 \\u009b31m");                 // U+009B CSI
  CHECK(pep::printable("\xE2\x80\xAE" "evil") == "\\u202eevil");                  // U+202E RLO
  CHECK(pep::printable("\xE2\x81\xA6" "x") == "\\u2066x");                        // U+2066 LRI
  CHECK(pep::printable("bad\xff\xfe") == "bad\\xff\\xfe");
  CHECK(pep::printable("").empty());
}

TEST_CASE("escape_invalid_utf8: only bytes that are not UTF-8 are percent-escaped") {
  CHECK(pep::escape_invalid_utf8("dir/na\xffme.txt") == "dir/na%FFme.txt");
  CHECK(pep::escape_invalid_utf8("ok ü 100%.txt") == "ok ü 100%.txt");
  CHECK(pep::escape_invalid_utf8("\xC3") == "%C3");  // a truncated sequence
}
