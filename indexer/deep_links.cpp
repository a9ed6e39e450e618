#include "deep_links.h"

#include <algorithm>

namespace pep {
namespace {

// Words of `text` that are certainly on the page: a table row's first cell, a bullet's item, an
// FAQ's question, a paragraph's opening. A citation marker, removed from the text, may have
// stood between them on the page, so at most five.
std::string page_words(const Passage& p) {
  std::string text = p.text;
  if (!p.fields.empty()) text = p.fields.front().second;
  else if (!p.lead_in.empty() && p.kind == PassageKind::faq) text = p.lead_in;
  else if (!p.lead_in.empty() && text.rfind(p.lead_in, 0) == 0) text = text.substr(p.lead_in.size());
  std::string out;
  size_t words = 0, i = 0;
  while (i < text.size() && words < 5) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t e = std::min(text.find(' ', i), text.size());
    if (e > i) {
      out += (out.empty() ? "" : " ") + text.substr(i, e - i);
      ++words;
    }
    i = e;
  }
  while (!out.empty() && std::string(".,;:").find(out.back()) != std::string::npos) out.pop_back();
  return out;
}

}  // namespace

std::string text_fragment(const std::string& words) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out = ":~:text=";
  for (unsigned char c : words) {
    if (std::isalnum(c) || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else out += std::string("%") + kHex[c >> 4] + kHex[c & 15];  // '-', '&' and ',' are the directive's own
  }
  return out;
}

void place_passages(ParsedDocument& parsed) {
  const Document& doc = parsed.doc;
  for (Passage& p : parsed.passages) {
    if (doc.format == DocumentFormat::pdf) {
      p.page = 1 + static_cast<int>(std::upper_bound(doc.page_starts.begin(), doc.page_starts.end(), p.begin) - doc.page_starts.begin());
      p.anchor = "page=" + std::to_string(p.page);
    } else if (doc.format == DocumentFormat::html) {
      const auto after = std::upper_bound(doc.anchors.begin(), doc.anchors.end(), p.begin,
                                          [](size_t at, const auto& a) { return at < a.first; });
      const std::string id = after == doc.anchors.begin() ? "" : std::prev(after)->second;
      p.anchor = id.empty() ? text_fragment(page_words(p)) : id;
    }
  }
}

}  // namespace pep
