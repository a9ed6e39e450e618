// Segmenter blocks: how PassageSegmenter::segment reads a document's lines, one handler per
// block kind (Markdown heading, reference-list line, pipe table, bullet list, Markdown paragraph
// with FAQ answers, and in raw text: glued table, FAQ question, title, banner, heading, paragraph).
//
// SegmentState is a cursor over the trimmed lines (`i`, the line being read; a handler that takes
// several lines leaves it on the last one it used) plus the flags the blocks share: the current
// section, whether it is an FAQ or a reference list, whether the last line was a heading, the FAQ
// passage still taking answer text (.md), and title/subtitle detection in raw text. Handlers write
// to `out` (passages through `emit`, which splits long ones; headings; dropped lines; reference
// lines and rows) and to `doc` (title, subtitle). Boilerplate lines are dropped before any handler.
//
// Errors: none; every line ends up in a passage, a heading, the reference lines or `dropped`.
// Threading: a state belongs to one segment() call on one thread.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "passage_segmenter.h"
#include "segmenter_lines.h"

namespace pep::segmenter_blocks {

using segmenter_lines::Line;

struct SegmentState {
  SegmentState(SegmentedDocument& o, Document& d, const std::vector<Line>& ls, std::function<void(Passage)> em,
               std::function<bool(const std::string&)> bp, const PassageSegmenter::CompoundTest& names,
               const SegmenterWords& w, bool md, bool raw)
      : out(o), parsed(o.parsed), doc(d), lines(ls), emit(std::move(em)), boilerplate(std::move(bp)),
        names_compound(names), words(w), markdown(md), raw_text(raw), title_found(!d.title.empty()) {}

  SegmentedDocument& out;
  ParsedDocument& parsed;
  Document& doc;
  const std::vector<Line>& lines;
  std::function<void(Passage)> emit;                    // PassageSink::emit: splits long passages
  std::function<bool(const std::string&)> boilerplate;  // PassageSegmenter::is_boilerplate
  const PassageSegmenter::CompoundTest& names_compound;
  const SegmenterWords& words;  // question openers, FAQ and reference headings (corpus/vocab)
  const bool markdown;  // .md, and .html (the HTML reader writes Markdown lines)
  const bool raw_text;  // .txt, .pdf

  size_t i = 0;
  std::string section;
  bool in_faq = false, in_refs = false;
  bool after_heading = false;  // the previous line was a heading with no blank line between
  int faq_open = -1;           // index of an FAQ passage still taking answer text (.md)
  int content_lines = 0;       // non-boilerplate lines seen, for title detection
  bool title_found;
  bool want_subtitle = false;

  void set_heading(const std::string& h);
  Passage make(PassageKind kind, const std::string& text, size_t b, size_t e) const;
  const Line* next_content(size_t from) const;  // the next non-blank, non-boilerplate line after `from`
};

// Reads every line of s.lines into passages, headings, reference lines and dropped lines.
void read_blocks(SegmentState& s);

}  // namespace pep::segmenter_blocks
