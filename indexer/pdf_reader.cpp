#include "pdf_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <climits>
#include <memory>

#include "collapse_whitespace.h"
#include "document_reader.h"

namespace pep {
namespace {

std::string utf8(const poppler::ustring& s) {
  const poppler::byte_array b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

// "2", "- 2 -", "Page 2", "2 / 9": a running page number, not text.
bool page_number_line(const std::string& line) {
  if (line.empty() || line.size() > 16) return false;
  std::string rest = line;
  if (rest.rfind("Page ", 0) == 0) rest.erase(0, 5);
  return rest.find_first_not_of("0123456789-/ ") == std::string::npos && rest.find_first_of("0123456789") != std::string::npos;
}

struct PageLine {
  std::string text;
  double top = 0, bottom = 0, left = 0, right = 0;
};

// The page's words (poppler's text boxes, in reading order) gathered into lines.
std::vector<PageLine> page_lines(const poppler::page& page) {
  std::vector<PageLine> lines;
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::rectf r = box.bbox();
    std::string word = utf8(box.text());
    if (word.empty()) continue;
    const double middle = (r.top() + r.bottom()) / 2;
    if (lines.empty() || middle < lines.back().top || middle > lines.back().bottom || r.left() < lines.back().left) {
      lines.push_back({"", r.top(), r.bottom(), r.left(), r.right()});
    } else if (!lines.back().text.empty() && lines.back().text.back() != ' ') {
      lines.back().text += ' ';  // poppler leaves out the space between words on one line at times
    }
    PageLine& l = lines.back();
    l.text += word;
    if (box.has_space_after()) l.text += ' ';
    l.top = std::min(l.top, r.top());
    l.bottom = std::max(l.bottom, r.bottom());
    l.right = std::max(l.right, r.right());
  }
  for (auto& l : lines) l.text = collapse_whitespace(l.text);
  return lines;
}

// One page's text as paragraphs: lines of a paragraph joined, a blank line between paragraphs. A
// paragraph ends where the space to the next line is larger than the page's usual line spacing,
// or where a line stops well short of the text's right edge.
std::string page_paragraphs(const poppler::page& page, const std::string& title) {
  std::vector<PageLine> lines = page_lines(page);
  lines.erase(std::remove_if(lines.begin(), lines.end(), [&](const PageLine& l) { return page_number_line(l.text) || l.text.empty() || l.text == title; }),
              lines.end());
  std::vector<double> gaps;
  double right_edge = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    right_edge = std::max(right_edge, lines[i].right);
    if (i > 0 && lines[i].top > lines[i - 1].top) gaps.push_back(lines[i].top - lines[i - 1].top);
  }
  std::sort(gaps.begin(), gaps.end());
  const double usual = gaps.empty() ? 0 : gaps[gaps.size() / 4];  // most lines are inside paragraphs
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      const PageLine& prev = lines[i - 1];
      const double gap = lines[i].top - prev.top;
      const bool ends = gap > usual * 1.15 || gap < 0 || prev.right < right_edge - 0.2 * (right_edge - prev.left) ||
                        prev.text.back() == ':';
      if (ends) out += "\n\n";
      else if (out.back() == '-' && out.size() >= 2 && std::islower(static_cast<unsigned char>(out[out.size() - 2]))) out.pop_back();
      else out += ' ';
    }
    out += lines[i].text;
  }
  return out;
}

}  // namespace

bool looks_like_pdf(const std::string& bytes) { return bytes.substr(0, 1024).find("%PDF-") != std::string::npos; }

std::string read_pdf(const std::string& rel, const std::string& bytes, Document& doc) {
  static const bool quiet = [] {  // poppler prints its complaints to stderr otherwise
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)quiet;
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return "PDF too large";
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) return "not a readable PDF (damaged or truncated); save or export it again";
  if (pdf->is_locked()) return "encrypted PDF; save an unprotected copy to index it";
  doc.id = doc.path = rel;
  doc.format = DocumentFormat::pdf;
  doc.title = collapse_whitespace(utf8(pdf->get_title()));
  doc.author = collapse_whitespace(utf8(pdf->get_author()));
  doc.url = collapse_whitespace(utf8(pdf->info_key("URL")));  // a publisher's own key, as groff's .pdfinfo /URL writes it
  const int pages = pdf->pages();
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (i > 0) {
      doc.text += "\n\n";
      doc.page_starts.push_back(doc.text.size());
    }
    if (!page) continue;
    std::string text = page_paragraphs(*page, doc.title);
    repair_utf8(text);
    doc.text += text;
  }
  doc.text += "\n";
  if (doc.text.find_first_not_of(" \n") == std::string::npos)
    return pages == 0 ? "PDF without pages" : "PDF without a text layer (scanned images?); run OCR on it first (e.g. ocrmypdf)";
  return "";
}

}  // namespace pep
