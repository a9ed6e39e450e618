#include "segmenter_lines.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

#include "ascii_case.h"
#include "collapse_whitespace.h"
#include "passage_segmenter.h"

namespace pep {
namespace segmenter_lines {
namespace {

// std::isspace in the "C" locale, as a table: it is asked once per byte of a passage.
constexpr auto kSpaceBytes = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r'}) t[c] = true;
  return t;
}();
bool is_space(unsigned char c) { return kSpaceBytes[c]; }

}  // namespace

std::vector<Line> split_lines(const std::string& text, size_t base) {
  std::vector<Line> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    size_t b = pos, e = eol;
    // Trim ASCII whitespace and no-break spaces (U+00A0, common in scraped pages).
    auto space_at = [&](size_t i, bool back) {
      if (std::isspace(static_cast<unsigned char>(text[i]))) return size_t{1};
      if (!back && i + 1 < e && text.compare(i, 2, "\xC2\xA0") == 0) return size_t{2};
      if (back && i >= 1 && text.compare(i - 1, 2, "\xC2\xA0") == 0) return size_t{2};
      return size_t{0};
    };
    while (b < e) { size_t n = space_at(b, false); if (!n) break; b += n; }
    while (e > b) { size_t n = space_at(e - 1, true); if (!n) break; e -= n; }
    out.push_back({text.substr(b, e - b), base + b, base + e});
    if (eol == text.size()) break;
    pos = eol + 1;
  }
  return out;
}


// Words in text collapse_whitespace() made (one space between words, none at the end; a piece may
// start at a space), and the byte offset where the n-th (1-based) word at or after `from` starts, or
// npos: spaces counted with std::count and memchr rather than every byte classified, since
// emit() asks about every passage.
size_t collapsed_word_count(std::string_view s) {
  return s.empty() ? 0 : static_cast<size_t>(std::count(s.begin(), s.end(), ' ')) + (s[0] != ' ');
}
size_t collapsed_nth_word_start(const std::string& s, size_t from, size_t n) {
  if (from < s.size() && s[from] != ' ' && --n == 0) return from;
  for (size_t space = s.find(' ', from); space != std::string::npos; space = s.find(' ', space + 1))
    if (--n == 0) return space + 1;  // every space is followed by a word
  return std::string::npos;
}

size_t word_count(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool sp = is_space(static_cast<unsigned char>(c));
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}


bool strip_bullet(const std::string& line, std::string* rest) {
  static const char* const kMarks[] = {"- ", "* ", "\xE2\x80\xA2 ", "\xC2\xB7 ", "\xE2\x80\x93 "};
  for (const char* m : kMarks) {
    const size_t n = std::char_traits<char>::length(m);
    if (line.size() > n && line.compare(0, n, m) == 0) {
      *rest = collapse_whitespace(line.substr(n));
      return true;
    }
  }
  return false;
}

bool is_pipe_row(const std::string& line) { return line.size() >= 2 && line.front() == '|' && line.back() == '|'; }

std::vector<std::string> pipe_cells(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 1;
  while (start < line.size()) {
    size_t bar = line.find('|', start);
    if (bar == std::string::npos) break;
    cells.push_back(collapse_whitespace(line.substr(start, bar - start)));
    start = bar + 1;
  }
  return cells;
}

bool is_separator_row(const std::vector<std::string>& cells) {
  return !cells.empty() && std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
    return !c.empty() && c.find_first_not_of("-: ") == std::string::npos;
  });
}

bool numbered_item(const std::string& line, int* number, std::string* rest) {
  size_t i = 0;
  while (i < line.size() && i < 3 && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i == 0 || i + 1 >= line.size() || line[i] != '.' || line[i + 1] != ' ') return false;
  *number = std::stoi(line.substr(0, i));
  *rest = collapse_whitespace(line.substr(i + 2));
  return true;
}

bool is_banner(const std::string& line) {
  static const std::regex kBanner(R"(^\d{1,2} / [A-Z0-9 &,'-]+$)");
  return line.size() < 60 && line.find(" / ") != std::string::npos && std::regex_match(line, kBanner);
}

bool is_question(const std::string& line) { return !line.empty() && line.back() == '?' && word_count(line) <= 25; }

// A line that reads like a heading in text without markup.
bool heading_like(const std::string& line) {
  if (line.empty() || line.size() > 110) return false;
  const unsigned char first = static_cast<unsigned char>(line[0]);
  if (!(std::isupper(first) || std::isdigit(first))) return false;
  const char last = line.back();
  if (last == '?') return word_count(line) <= 16;
  if (std::string(".,;:!\"").find(last) != std::string::npos) return false;
  if (line.find(". ") != std::string::npos) return false;
  return word_count(line) <= 10;
}

// "Common questions · answersIs Thymogen proven?" -> {"Common questions · answers", "Is Thymogen proven?"}
std::pair<std::string, std::string> split_glued_question(const std::string& line, const SegmenterWords& words) {
  for (size_t k = line.size() - 1; k > 0; --k) {
    if (std::islower(static_cast<unsigned char>(line[k - 1])) && std::isupper(static_cast<unsigned char>(line[k])) &&
        words.opens_question(std::string_view(line).substr(k)))
      return {line.substr(0, k), line.substr(k)};
  }
  return {"", line};
}

}  // namespace segmenter_lines

std::vector<std::string> split_glued_cells(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  for (size_t k = 1; k < line.size(); ++k) {
    const unsigned char a = static_cast<unsigned char>(line[k - 1]);
    const unsigned char b = static_cast<unsigned char>(line[k]);
    if ((std::islower(a) || std::isdigit(a) || a == ')') && std::isupper(b)) {
      cells.push_back(line.substr(start, k - start));
      start = k;
    }
  }
  cells.push_back(line.substr(start));
  return cells;
}

}  // namespace pep
