// Segmenter lines: the line-level tests PassageSegmenter reads a document with, as free functions.
//
// A document body is cut into Lines (split_lines): each holds its text trimmed of ASCII whitespace
// and no-break spaces (U+00A0), and the byte range [begin, end) of that trimmed text in the file
// (`base` is added, so offsets are file offsets). The tests below classify one trimmed line:
// headings in text without markup, bullets, numbered reference items, "02 / IMMUNE" banners,
// FAQ questions (and questions glued to a label: the question openers are data, SegmenterWords
// from corpus/vocab), pipe-table rows and their cells. The word
// counters and collapsed_nth_word_start serve the bounded-word cutting of long passages; they
// expect text collapse_whitespace() made (one space between words, none at the end).
//
// Errors: none; a line that is not of a kind just tests false. numbered_item reads at most three
// digits, so std::stoi cannot overflow. Threading: all functions are pure; the regexes are
// function-local statics (thread-safe initialisation) and const afterwards.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vocabulary.h"

namespace pep::segmenter_lines {

struct Line {
  std::string text;  // trimmed
  size_t begin = 0;  // byte range in the file
  size_t end = 0;
  bool blank() const { return text.empty(); }
};

// The lines of `text`, split at '\n' and trimmed; `base` is the file offset of text[0].
std::vector<Line> split_lines(const std::string& text, size_t base);

// Words in collapsed text, and the byte offset where the n-th (1-based) word at or after `from`
// starts, or npos.
size_t collapsed_word_count(std::string_view s);
size_t collapsed_nth_word_start(const std::string& s, size_t from, size_t n);
// Words (runs of non-space bytes, "C" locale) in any text.
size_t word_count(std::string_view s);

// "- x", "* x", "• x", "· x", "– x": true and *rest = the collapsed item text.
bool strip_bullet(const std::string& line, std::string* rest);
// "| a | b |" rows, their collapsed cells, and "|---|:-:|" separator rows.
bool is_pipe_row(const std::string& line);
std::vector<std::string> pipe_cells(const std::string& line);
bool is_separator_row(const std::vector<std::string>& cells);
// "12. text": true, *number = 12, *rest = the collapsed text.
bool numbered_item(const std::string& line, int* number, std::string* rest);
// "02 / IMMUNE & THYMIC" section banners.
bool is_banner(const std::string& line);
// A line ending in '?' of at most 25 words.
bool is_question(const std::string& line);
// A line that reads like a heading in text without markup.
bool heading_like(const std::string& line);
// "Common questions · answersIs Thymogen proven?" -> {"Common questions · answers", "Is Thymogen proven?"};
// {"", line} when no question opener (words.question_openers) is glued on.
std::pair<std::string, std::string> split_glued_question(const std::string& line, const SegmenterWords& words);

}  // namespace pep::segmenter_lines
