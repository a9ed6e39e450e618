#include "subject_key.h"

#include <algorithm>

namespace pep {
namespace {

std::string trimmed(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

}  // namespace

std::vector<std::string> subject_pieces(std::string_view subject) {
  std::vector<std::string> out;
  auto add = [&out](std::string_view piece) {
    std::string t = trimmed(piece);
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
  };
  add(subject);
  // Pieces: split at ( ) : and at dashes with spaces around them (" - ", " — ", " – ").
  std::string piece;
  auto flush = [&] {
    add(piece);
    piece.clear();
  };
  for (size_t i = 0; i < subject.size(); ++i) {
    const char c = subject[i];
    if (c == '(' || c == ')' || c == ':') {
      flush();
    } else if (c == ' ' && i + 2 < subject.size() && subject[i + 1] == '-' && subject[i + 2] == ' ') {
      flush();
      i += 2;
    } else if (c == ' ' && subject.substr(i + 1, 4) == "\xE2\x80\x94 ") {  // " — "
      flush();
      i += 4;
    } else if (c == ' ' && subject.substr(i + 1, 4) == "\xE2\x80\x93 ") {  // " – "
      flush();
      i += 4;
    } else {
      piece.push_back(c);
    }
  }
  flush();
  return out;
}

}  // namespace pep
