#include "html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "ascii_case.h"
#include "collapse_whitespace.h"
#include "document_reader.h"
#include "html_charset.h"
#include "html_dom.h"
#include "html_survey.h"
#include "passage_segmenter.h"

namespace pep {
namespace {

using namespace html;

// Recursion below this depth; deeper subtrees are read as plain text with an explicit stack.
constexpr int kMaxDepth = 200;

std::string pipe_safe(std::string s) {
  std::replace(s.begin(), s.end(), '|', '/');
  return s;
}

// "Thymogen | Peptide Notes" -> "Thymogen" (a site suffix after " | ", " - ", " – " or " — ").
std::string strip_site_suffix(const std::string& title) {
  for (const char* sep : {" | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", " :: "}) {
    const size_t at = title.rfind(sep);
    if (at != std::string::npos && at > 0) return title.substr(0, at);
  }
  return title;
}

// --- Writing Markdown lines ---------------------------------------------------------------------

class Writer {
 public:
  Writer(const Survey& s, const SegmenterWords& words, Document& doc) : s_(s), words_(words), doc_(doc) {}

  void block(const GumboNode* n, int depth);
  void finish();
  bool wrote_faq = false;

 private:
  void inline_(const GumboNode* n, int depth);
  void children_inline(const GumboNode* n, int depth);
  void children_block(const GumboNode* n, int depth);
  void flush();
  void line(const std::string& text) { doc_.text += text + "\n\n"; }
  void anchor_at(const GumboNode* n);
  void heading(const GumboNode* n);
  void list(const GumboNode* n, int depth);
  void reference_list(const GumboNode* n);
  void table(const GumboNode* n);
  void details(const GumboNode* n, int depth);
  void definition_list(const GumboNode* n, int depth);
  void link(const GumboNode* n, int depth);
  void sup(const GumboNode* n, int depth);

  const Survey& s_;
  const SegmenterWords& words_;
  Document& doc_;
  std::string para_;  // inline text not yet written
  std::string heading_;  // the last heading written
  bool title_skipped_ = false;
};

void Writer::flush() {
  const std::string t = collapse_whitespace(para_);
  para_.clear();
  if (!t.empty()) line(t);
}

void Writer::anchor_at(const GumboNode* n) {
  const char* id = attr(n, "id");
  if (!id && tag_of(n) == GUMBO_TAG_A) id = attr(n, "name");
  if (id && *id && !s_.reference_ids.count(id)) doc_.anchors.emplace_back(doc_.text.size(), id);
}

void Writer::block(const GumboNode* n, int depth) {
  if (n->type != GUMBO_NODE_ELEMENT) return inline_(n, depth);
  if (hidden(n)) return;
  const Kind k = kind_of(n);
  if (k == Kind::Drop) return;
  if (depth > kMaxDepth) {  // no recursion below this: the subtree's text as one paragraph
    para_ += " " + text_of(n) + " ";
    return;
  }
  switch (k) {
    case Kind::Heading: return heading(n);
    case Kind::List: return list(n, depth);
    case Kind::Table: return table(n);
    case Kind::Details: return details(n, depth);
    case Kind::DefinitionList: return definition_list(n, depth);
    case Kind::Block: case Kind::Paragraph: case Kind::Item:
      flush();
      anchor_at(n);
      children_block(n, depth);
      return flush();
    default: return inline_(n, depth);
  }
}

void Writer::children_block(const GumboNode* n, int depth) {
  for (unsigned i = 0; i < children(n).length; ++i) block(static_cast<const GumboNode*>(children(n).data[i]), depth + 1);
}

void Writer::children_inline(const GumboNode* n, int depth) {
  for (unsigned i = 0; i < children(n).length; ++i) inline_(static_cast<const GumboNode*>(children(n).data[i]), depth + 1);
}

void Writer::inline_(const GumboNode* n, int depth) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    para_ += n->v.text.text;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT || hidden(n)) return;
  switch (kind_of(n)) {
    case Kind::Drop: return;
    case Kind::Link: return link(n, depth);
    case Kind::Sup: return sup(n, depth);
    case Kind::Break: para_ += ' '; return;
    case Kind::Inline:
      if (depth > kMaxDepth) para_ += text_of(n);
      else children_inline(n, depth);
      return;
    default: return block(n, depth);  // a block inside inline markup
  }
}

void Writer::heading(const GumboNode* n) {
  flush();
  const std::string text = text_of(n);
  const char* id = attr(n, "id");
  doc_.anchors.emplace_back(doc_.text.size(), id ? id : "");
  if (text.empty()) return;
  if (tag_of(n) == GUMBO_TAG_H1 && !title_skipped_ && text == doc_.title) {
    title_skipped_ = true;  // the title, not a section
    return;
  }
  const int level = std::max(2, static_cast<int>(tag_of(n) - GUMBO_TAG_H1) + 1);
  heading_ = text;
  line(std::string(static_cast<size_t>(level), '#') + " " + text);
}

void Writer::list(const GumboNode* n, int depth) {
  if (s_.reference_lists.count(n)) return reference_list(n);
  flush();
  anchor_at(n);
  for (unsigned i = 0; i < children(n).length; ++i) {
    const auto* li = static_cast<const GumboNode*>(children(n).data[i]);
    if (tag_of(li) != GUMBO_TAG_LI || hidden(li)) continue;
    children_inline(li, depth + 1);
    const std::string t = collapse_whitespace(para_);
    para_.clear();
    if (!t.empty()) doc_.text += "- " + t + "\n";
  }
  doc_.text += "\n";
}

void Writer::reference_list(const GumboNode* n) {
  flush();
  if (!words_.is_reference_heading(heading_)) {  // entries found by their ids, under another heading
    doc_.anchors.emplace_back(doc_.text.size(), attr(n, "id") ? attr(n, "id") : "");
    line("## References");
    heading_ = "References";
  }
  int number = 1;
  if (const char* start = attr(n, "start")) number = std::max(1, std::atoi(start));
  for (unsigned i = 0; i < children(n).length; ++i) {
    const auto* li = static_cast<const GumboNode*>(children(n).data[i]);
    if (tag_of(li) != GUMBO_TAG_LI) continue;
    std::string entry;
    std::vector<std::pair<const char*, std::string>> ids;  // "PMID", "DOI", "URL" and the value
    std::vector<const GumboNode*> stack{li};
    while (!stack.empty()) {  // text without back links ("↩" to #cite-3), PMID/DOI from the links
      const GumboNode* c = stack.back();
      stack.pop_back();
      if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE) entry += c->v.text.text;
      if (!is_element(c) || hidden(c) || kind_of(c) == Kind::Drop) continue;
      if (const char* href = attr(c, "href"); href && tag_of(c) == GUMBO_TAG_A) {
        if (href[0] == '#') continue;
        const std::string h = href;
        if (const size_t at = h.find("pubmed.ncbi.nlm.nih.gov/"); at != std::string::npos) ids.emplace_back("PMID", h.substr(at + 24));
        else if (const size_t d = h.find("doi.org/"); d != std::string::npos) ids.emplace_back("DOI", h.substr(d + 8));
        else ids.emplace_back("URL", h);
        const std::string label = text_of(c);  // "PubMed", "doi", "Full text": the identifier says it
        if (label.find_first_of("0123456789") == std::string::npos) continue;
      }
      for (unsigned k = children(c).length; k > 0; --k) stack.push_back(static_cast<const GumboNode*>(children(c).data[k - 1]));
    }
    const std::string e = collapse_whitespace(entry);
    std::string extra;  // an identifier already written in the entry is not repeated
    for (auto& [label, value] : ids) {
      while (!value.empty() && (value.back() == '/' || value.back() == '.')) value.pop_back();
      if (!value.empty() && e.find(value) == std::string::npos) extra += std::string(" ") + label + " " + value + (label[0] == 'U' ? " ." : ".");
    }
    if (!e.empty()) doc_.text += std::to_string(number) + ". " + e + extra + "\n";
    ++number;
  }
  doc_.text += "\n";
}

void Writer::table(const GumboNode* n) {
  flush();
  anchor_at(n);
  std::vector<std::vector<std::string>> rows;
  int header_rows = 0;
  std::vector<const GumboNode*> stack{n};
  std::vector<const GumboNode*> trs;
  while (!stack.empty()) {
    const GumboNode* c = stack.back();
    stack.pop_back();
    if (!is_element(c)) continue;
    if (tag_of(c) == GUMBO_TAG_TR) { trs.push_back(c); continue; }
    if (tag_of(c) == GUMBO_TAG_TABLE && c != n) continue;  // nested tables: their text stays in the cell
    if (tag_of(c) == GUMBO_TAG_CAPTION) { line(text_of(c)); continue; }
    for (unsigned k = children(c).length; k > 0; --k) stack.push_back(static_cast<const GumboNode*>(children(c).data[k - 1]));
  }
  for (const auto* tr : trs) {
    std::vector<std::string> cells;
    bool all_th = true;
    for (unsigned k = 0; k < children(tr).length; ++k) {
      const auto* td = static_cast<const GumboNode*>(children(tr).data[k]);
      if (tag_of(td) != GUMBO_TAG_TD && tag_of(td) != GUMBO_TAG_TH) continue;
      all_th = all_th && tag_of(td) == GUMBO_TAG_TH;
      cells.push_back(pipe_safe(text_of(td)));
    }
    if (cells.empty()) continue;
    if (all_th && header_rows == static_cast<int>(rows.size())) ++header_rows;
    rows.push_back(std::move(cells));
  }
  if (rows.empty()) return;
  if (rows.size() == 1) {  // one row is no table (a layout cell, or a header without a body): its text
    std::string text;
    for (const auto& c : rows[0]) text += c + " ";
    return line(collapse_whitespace(text));
  }
  auto row_line = [](const std::vector<std::string>& r) {
    std::string l = "|";
    for (const auto& c : r) l += " " + (c.empty() ? std::string("-") : c) + " |";
    return l;
  };
  // The last header row names the columns (a pipe table has one); a table without one uses its first row.
  const size_t head = header_rows > 0 ? static_cast<size_t>(header_rows - 1) : 0;
  doc_.text += row_line(rows[head]) + "\n|";
  for (size_t k = 0; k < rows[head].size(); ++k) doc_.text += "---|";
  doc_.text += "\n";
  for (size_t r = head + 1; r < rows.size(); ++r) doc_.text += row_line(rows[r]) + "\n";
  doc_.text += "\n";
}

void Writer::details(const GumboNode* n, int depth) {
  flush();
  anchor_at(n);
  std::string question;
  for (unsigned k = 0; k < children(n).length; ++k) {
    const auto* c = static_cast<const GumboNode*>(children(n).data[k]);
    if (tag_of(c) == GUMBO_TAG_SUMMARY && question.empty()) question = text_of(c);
  }
  if (!question.empty()) line("### " + question);
  wrote_faq = wrote_faq || !question.empty();
  for (unsigned k = 0; k < children(n).length; ++k) {
    const auto* c = static_cast<const GumboNode*>(children(n).data[k]);
    if (tag_of(c) != GUMBO_TAG_SUMMARY) block(c, depth + 1);
  }
  flush();
}

void Writer::definition_list(const GumboNode* n, int depth) {
  flush();
  anchor_at(n);
  for (unsigned k = 0; k < children(n).length; ++k) {
    const auto* c = static_cast<const GumboNode*>(children(n).data[k]);
    if (tag_of(c) == GUMBO_TAG_DT) {
      flush();
      anchor_at(c);
      line("### " + text_of(c));
      wrote_faq = true;
    } else {
      block(c, depth + 1);
    }
  }
  flush();
}

void Writer::link(const GumboNode* n, int depth) {
  const char* href = attr(n, "href");
  if (href && href[0] == '#') {
    const auto it = s_.reference_ids.find(href + 1);
    if (it != s_.reference_ids.end()) {  // a citation: resolved by its target, whatever its text says
      para_ += "[" + std::to_string(it->second) + "]";
      return;
    }
  }
  anchor_at(n);
  children_inline(n, depth);
}

void Writer::sup(const GumboNode* n, int depth) {
  // <sup><a href="#r1">1</a>,<a href="#r2">2</a></sup>: only the citations, without the commas.
  bool cites = false;
  std::vector<const GumboNode*> stack{n};
  while (!stack.empty() && !cites) {
    const GumboNode* c = stack.back();
    stack.pop_back();
    if (!is_element(c)) continue;
    if (const char* href = attr(c, "href"); href && href[0] == '#' && s_.reference_ids.count(href + 1)) cites = true;
    for (unsigned k = 0; k < children(c).length; ++k) stack.push_back(static_cast<const GumboNode*>(children(c).data[k]));
  }
  if (!cites) return children_inline(n, depth);
  stack = {n};
  while (!stack.empty()) {
    const GumboNode* c = stack.back();
    stack.pop_back();
    if (!is_element(c)) continue;
    if (tag_of(c) == GUMBO_TAG_A) {
      link(c, depth + 1);
      continue;
    }
    for (unsigned k = children(c).length; k > 0; --k) stack.push_back(static_cast<const GumboNode*>(children(c).data[k - 1]));
  }
}

void Writer::finish() {
  flush();
  if (wrote_faq || s_.json_ld_faq.empty()) return;
  doc_.anchors.emplace_back(doc_.text.size(), "");
  line("## Frequently asked questions");
  for (const auto& [q, a] : s_.json_ld_faq) {
    line("### " + q);
    line(a);
  }
}

}  // namespace

bool looks_like_html(const std::string& bytes) {
  std::string head = ascii_lower(bytes.substr(0, 512));
  const size_t b = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (b == std::string::npos) return false;
  head.erase(0, b);
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 || head.rfind("<head", 0) == 0;
}

std::string read_html(const std::string& rel, std::string bytes, const SegmenterWords& words, Document& doc,
                      std::vector<std::string>& notes) {
  if (bytes.size() > kMaxHtmlBytes)
    return "HTML page larger than " + std::to_string(kMaxHtmlBytes >> 20) + " MiB; save the article alone and index that";
  decode(bytes, notes);
  // Gumbo copies the stack of open elements into every parse error it records: with errors kept,
  // 10,000 nested tables took 3 GB. The page's errors are of no use here.
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> page(
      gumbo_parse_with_options(&options, bytes.data(), bytes.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  const Survey s = survey(page.get(), words);
  doc.id = doc.path = rel;
  doc.format = DocumentFormat::html;
  doc.title = !s.h1.empty() ? s.h1 : !s.og_title.empty() ? s.og_title : strip_site_suffix(s.title_tag);
  doc.url = !s.canonical.empty() ? s.canonical : s.og_url;
  doc.publisher = s.site_name;
  doc.modified = s.modified;
  doc.compound = s.compound;
  doc.declared_facets = s.facets;
  Writer w(s, words, doc);
  if (s.marked.empty()) w.block(s.content, 0);
  for (const auto* m : s.marked) w.block(m, 0);
  w.finish();
  if (doc.text.find_first_not_of(" \n") == std::string::npos) return "HTML page without text in its content element";
  return "";
}

}  // namespace pep
