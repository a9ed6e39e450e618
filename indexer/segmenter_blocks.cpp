#include "segmenter_blocks.h"

#include <algorithm>
#include <string>
#include <utility>

#include "ascii_case.h"
#include "collapse_whitespace.h"

namespace pep::segmenter_blocks {

using namespace segmenter_lines;

void SegmentState::set_heading(const std::string& h) {
  section = h;
  parsed.headings.push_back(h);
  in_faq = words.is_faq_heading(h);
  in_refs = words.is_reference_heading(h);
  faq_open = -1;
}

Passage SegmentState::make(PassageKind kind, const std::string& text, size_t b, size_t e) const {
  Passage p;
  p.kind = kind;
  p.section = section;
  p.text = text;
  p.begin = b;
  p.end = e;
  return p;
}

const Line* SegmentState::next_content(size_t from) const {
  for (size_t j = from + 1; j < lines.size(); ++j)
    if (!lines[j].blank() && !boilerplate(lines[j].text)) return &lines[j];
  return nullptr;
}

namespace {

// --- Markdown headings ---------------------------------------------------------------------
bool markdown_heading(SegmentState& s) {
  const Line& line = s.lines[s.i];
  if (!s.markdown || line.text[0] != '#') return false;
  const size_t level = line.text.find_first_not_of('#');
  const std::string h = collapse_whitespace(line.text.substr(std::min(level, line.text.size())));
  if (level == 1 && s.doc.title.empty()) {
    s.doc.title = h;
  } else if (s.in_faq && level >= 3) {
    s.emit(s.make(PassageKind::faq, h, line.begin, line.end));
    s.parsed.passages.back().lead_in = h;
    s.faq_open = static_cast<int>(s.parsed.passages.size()) - 1;
  } else {
    s.set_heading(h);
  }
  return true;
}

// --- Reference list: false when a heading ends it ------------------------------------------------
bool reference_line(SegmentState& s) {
  const Line& line = s.lines[s.i];
  const bool heading_here = s.raw_text && heading_like(line.text) && !s.after_heading;
  s.after_heading = false;
  int n;
  std::string rest;
  if (is_pipe_row(line.text)) {
    auto cells = pipe_cells(line.text);
    if (!is_separator_row(cells) && !(cells.size() > 0 && (cells[0] == "#" || ascii_lower(cells[0]) == "no")))
      s.out.reference_rows.push_back(std::move(cells));
    return true;
  }
  if (numbered_item(line.text, &n, &rest)) {
    s.out.reference_lines.push_back(line.text);
    return true;
  }
  if (!heading_here) {
    s.parsed.dropped.push_back(line.text);  // prose around the list, e.g. "Each source links to..."
    return true;
  }
  return false;  // a heading: the reference list is over
}

// --- Pipe tables: one passage per row, carrying the header ------------------------------------
bool pipe_table(SegmentState& s) {
  const auto& lines = s.lines;
  if (!is_pipe_row(lines[s.i].text)) return false;
  std::vector<std::string> header = pipe_cells(lines[s.i].text);
  size_t j = s.i + 1;
  if (j < lines.size() && is_pipe_row(lines[j].text) && is_separator_row(pipe_cells(lines[j].text))) ++j;
  for (; j < lines.size() && is_pipe_row(lines[j].text); ++j) {
    const auto cells = pipe_cells(lines[j].text);
    Passage p = s.make(PassageKind::table_row, "", lines[j].begin, lines[j].end);
    std::string text;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string head = c < header.size() ? header[c] : "";
      p.fields.emplace_back(head, cells[c]);
      if (!text.empty()) text += "; ";
      text += head.empty() ? cells[c] : head + ": " + cells[c];
    }
    p.text = text;
    s.emit(std::move(p));
  }
  s.i = j - 1;
  s.after_heading = false;
  return true;
}

// "Quick facts": alternating label / value bullets become one facts passage.
bool is_facts(const std::vector<std::string>& texts) {
  bool facts = texts.size() >= 4 && texts.size() % 2 == 0;
  for (size_t k = 0; facts && k < texts.size(); k += 2)
    facts = word_count(texts[k]) <= 3 && texts[k].find_first_of(",.;:()") == std::string::npos;
  return facts;
}

void emit_facts(SegmentState& s, const std::vector<std::string>& texts, size_t b, size_t e, const std::string& lead_in) {
  Passage p = s.make(PassageKind::facts, "", b, e);
  std::string text;
  for (size_t k = 0; k + 1 < texts.size(); k += 2) {
    const std::pair<std::string, std::string> kv{texts[k], texts[k + 1]};
    if (std::find(p.fields.begin(), p.fields.end(), kv) != p.fields.end()) {
      s.parsed.dropped.push_back("repeated fact: " + kv.first + ": " + kv.second);
      continue;
    }
    p.fields.push_back(kv);
    text += (text.empty() ? "" : ". ") + kv.first + ": " + kv.second;
  }
  p.text = text + ".";
  p.lead_in = lead_in.empty() ? s.section : lead_in;
  s.emit(std::move(p));
}

// --- Bullet lists, with their lead-in line ------------------------------------------------------
bool bullet_list(SegmentState& s) {
  const auto& lines = s.lines;
  const Line& line = lines[s.i];
  std::string item;
  if (!strip_bullet(line.text, &item)) return false;
  std::vector<const Line*> items{&line};
  std::vector<std::string> texts{item};
  size_t j = s.i + 1;
  for (; j < lines.size(); ++j) {
    if (lines[j].blank()) continue;
    std::string t;
    if (!strip_bullet(lines[j].text, &t)) break;
    items.push_back(&lines[j]);
    texts.push_back(t);
  }
  // The lead-in: the paragraph just before the list, when it ends with a colon.
  std::string lead_in;
  auto& ps = s.parsed.passages;
  if (!ps.empty() && ps.back().kind == PassageKind::paragraph && ps.back().section == s.section &&
      !ps.back().text.empty() && ps.back().text.back() == ':' && ps.back().end <= line.begin) {
    lead_in = ps.back().text;
    ps.pop_back();
  }
  if (is_facts(texts)) {
    emit_facts(s, texts, line.begin, items.back()->end, lead_in);
  } else {
    for (size_t k = 0; k < texts.size(); ++k) {
      Passage p = s.make(PassageKind::bullet, lead_in.empty() ? texts[k] : lead_in + " " + texts[k], items[k]->begin, items[k]->end);
      p.lead_in = lead_in;
      s.emit(std::move(p));
    }
  }
  s.i = j - 1;
  s.after_heading = false;
  return true;
}

// --- Markdown paragraphs: to the next blank line or block of another kind; FAQ answers ------------
void markdown_paragraph(SegmentState& s) {
  const auto& lines = s.lines;
  const Line& line = lines[s.i];
  std::string text = line.text;
  size_t j = s.i + 1, end = line.end;
  for (; j < lines.size() && !lines[j].blank(); ++j) {
    std::string t;
    if (lines[j].text[0] == '#' || is_pipe_row(lines[j].text) || strip_bullet(lines[j].text, &t)) break;
    text += " " + lines[j].text;
    end = lines[j].end;
  }
  s.i = j - 1;
  if (s.faq_open >= 0) {
    Passage& faq = s.parsed.passages[static_cast<size_t>(s.faq_open)];
    faq.text += " " + collapse_whitespace(text);
    faq.end = end;
    if (word_count(faq.text) > PassageSegmenter::kMaxWords) {  // a long answer is split like any passage
      Passage whole = faq;
      s.parsed.passages.erase(s.parsed.passages.begin() + s.faq_open);
      s.emit(std::move(whole));
      s.faq_open = -1;
    }
    return;
  }
  s.emit(s.make(PassageKind::paragraph, text, line.begin, end));
}

// --- Raw text: tables whose cells were glued together: 3+ lines splitting into the same 3+ cells --
bool glued_table(SegmentState& s) {
  const auto& lines = s.lines;
  const Line& line = lines[s.i];
  if (line.text.empty() || std::string(".:?!").find(line.text.back()) != std::string::npos) return false;
  const auto header = split_glued_cells(line.text);
  size_t j = s.i + 1;
  if (header.size() >= 3) {
    while (j < lines.size() && !lines[j].blank() && split_glued_cells(lines[j].text).size() == header.size() &&
           std::string(".:?!").find(lines[j].text.back()) == std::string::npos)
      ++j;
  }
  if (!(header.size() >= 3 && j - s.i >= 3)) return false;
  for (size_t r = s.i + 1; r < j; ++r) {
    const auto cells = split_glued_cells(lines[r].text);
    Passage p = s.make(PassageKind::table_row, "", lines[r].begin, lines[r].end);
    std::string text;
    for (size_t c = 0; c < cells.size(); ++c) {
      p.fields.emplace_back(header[c], cells[c]);
      if (!text.empty()) text += "; ";
      text += header[c] + ": " + cells[c];
    }
    p.text = text;
    s.emit(std::move(p));
  }
  s.i = j - 1;
  return true;
}

// --- Raw text: an FAQ question, with the next line of prose as its answer -------------------------
bool faq_question(SegmentState& s) {
  const Line& line = s.lines[s.i];
  if (!(s.in_faq && (is_question(line.text) || !split_glued_question(line.text, s.words).first.empty()))) return false;
  auto [label, question] = split_glued_question(line.text, s.words);
  if (!label.empty()) s.parsed.dropped.push_back(label);
  const Line* answer = s.next_content(s.i);
  std::string text = question;
  size_t end = line.end;
  if (answer && !is_question(answer->text) && !heading_like(answer->text)) {
    text += " " + answer->text;
    end = answer->end;
    while (&s.lines[s.i] != answer) ++s.i;
  }
  Passage p = s.make(PassageKind::faq, text, line.begin, end);
  p.lead_in = question;
  s.after_heading = false;
  s.emit(std::move(p));
  return true;
}

// --- Raw text: the title (a heading-like line near the top naming a compound), maybe glued to a subtitle
bool raw_title(SegmentState& s) {
  const Line& line = s.lines[s.i];
  const auto glued = split_glued_cells(line.text);
  const bool glued_title = glued.size() == 2 && s.names_compound(glued[0]);
  if (!(!s.title_found && s.content_lines <= 8 && heading_like(line.text) && !is_banner(line.text) &&
        (glued_title || s.names_compound(line.text))))
    return false;
  if (glued_title) {
    s.doc.title = glued[0];
    s.doc.subtitle = glued[1];
  } else {
    s.doc.title = line.text;
    s.want_subtitle = true;
  }
  s.title_found = true;
  return true;
}

// --- Raw text: banners and headings; otherwise the line may be the subtitle -----------------------
bool raw_heading(SegmentState& s) {
  const Line& line = s.lines[s.i];
  if (is_banner(line.text)) {
    s.parsed.headings.push_back(line.text);
    return true;
  }
  // A heading introduces something; a reference heading may close the page with an empty list.
  if (heading_like(line.text) && !s.after_heading &&
      (s.next_content(s.i) != nullptr || s.words.is_reference_heading(line.text))) {
    s.set_heading(line.text);
    s.after_heading = true;
    s.want_subtitle = false;
    return true;
  }
  s.after_heading = false;
  if (s.want_subtitle) {
    s.doc.subtitle = line.text;
    s.want_subtitle = false;
  }
  return false;
}

}  // namespace

void read_blocks(SegmentState& s) {
  for (s.i = 0; s.i < s.lines.size(); ++s.i) {
    const Line& line = s.lines[s.i];
    if (line.blank()) {
      s.after_heading = false;
      continue;
    }
    if (s.boilerplate(line.text)) {
      s.parsed.dropped.push_back(line.text);
      continue;
    }
    ++s.content_lines;
    if (markdown_heading(s)) continue;
    if (s.in_refs && reference_line(s)) continue;
    if (pipe_table(s) || bullet_list(s)) continue;
    if (s.markdown) {
      markdown_paragraph(s);
      continue;
    }
    // Raw text (.txt, .jsonl): one line is one block.
    if (s.raw_text && (glued_table(s) || faq_question(s) || raw_title(s) || raw_heading(s))) continue;
    s.emit(s.make(PassageKind::paragraph, line.text, line.begin, line.end));
  }
}

}  // namespace pep::segmenter_blocks
