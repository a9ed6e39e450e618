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

// One page's text as paragraphs: wrapped lines joined, blank lines between paragraphs.
std::string page_paragraphs(const std::string& raw) {
  std::vector<std::string> lines;
  size_t pos = 0, longest = 0;
  while (pos <= raw.size()) {
    size_t eol = raw.find('\n', pos);
    if (eol == std::string::npos) eol = raw.size();
    std::string l = collapse_whitespace(raw.substr(pos, eol - pos));
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (!page_number_line(l)) {
      longest = std::max(longest, l.size());
      lines.push_back(std::move(l));
    }
    pos = eol + 1;
  }
  std::string out;
  bool open = false;  // the last line written goes on into the next
  for (const auto& l : lines) {
    if (l.empty()) {
      if (!out.empty() && out.back() != '\n') out += "\n\n";
      open = false;
      continue;
    }
    if (open) {
      // A word hyphenated across lines is rejoined; otherwise one space.
      if (out.back() == '-' && out.size() >= 2 && std::islower(static_cast<unsigned char>(out[out.size() - 2]))) out.pop_back();
      else out += ' ';
    } else if (!out.empty()) {
      out += "\n\n";
    }
    out += l;
    // A line nearly as long as the page's longest is wrapped text that goes on.
    open = l.size() * 100 >= longest * 80 && l.back() != ':' && l[0] != '|';
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
  doc.format = "pdf";
  doc.title = collapse_whitespace(utf8(pdf->get_title()));
  doc.author = collapse_whitespace(utf8(pdf->get_author()));
  const int pages = pdf->pages();
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (i > 0) {
      doc.text += "\n\n";
      doc.page_starts.push_back(doc.text.size());
    }
    if (!page) continue;
    std::string raw = utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
    repair_utf8(raw);
    doc.text += page_paragraphs(raw);
  }
  doc.text += "\n";
  if (doc.text.find_first_not_of(" \n") == std::string::npos)
    return pages == 0 ? "PDF without pages" : "PDF without a text layer (scanned images?); run OCR on it first (e.g. ocrmypdf)";
  return "";
}

}  // namespace pep
