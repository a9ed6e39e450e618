// Over 400 lines: the page survey (metadata, reference lists, link targets) and the writer of
// Markdown lines share the element classification, and splitting them apart would expose it.
#include "html_reader.h"

#include <gumbo.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "collapse_whitespace.h"
#include "document_reader.h"
#include "passage_segmenter.h"

namespace pep {
namespace {

// Recursion below this depth; deeper subtrees are read as plain text with an explicit stack.
constexpr int kMaxDepth = 200;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
GumboTag tag_of(const GumboNode* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }
const GumboVector& children(const GumboNode* n) { return n->v.element.children; }

// --- Decoding ----------------------------------------------------------------------------------

// The charset a <meta> in the first 1024 bytes declares (the WHATWG prescan, simplified).
std::string declared_charset(const std::string& bytes) {
  const std::string head = lower(bytes.substr(0, 1024));
  const size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  size_t b = at + 8;
  while (b < head.size() && (head[b] == '"' || head[b] == '\'' || head[b] == ' ')) ++b;
  size_t e = b;
  while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_')) ++e;
  return head.substr(b, e - b);
}

// Converts `bytes` to UTF-8 from `charset` with ICU; false when ICU does not know the charset.
bool convert_to_utf8(std::string& bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const int32_t n = ucnv_convert("UTF-8", charset, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<size_t>(n));
  bytes = std::move(out);
  return true;
}

void decode(std::string& bytes, std::vector<std::string>& notes) {
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
    bytes.erase(0, 3);
  } else if (bytes.rfind("\xFF\xFE", 0) == 0 || bytes.rfind("\xFE\xFF", 0) == 0) {
    convert_to_utf8(bytes, bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
  } else if (const std::string cs = declared_charset(bytes); !cs.empty() && cs != "utf-8" && cs != "utf8") {
    if (!convert_to_utf8(bytes, cs.c_str())) notes.push_back("unknown charset '" + cs + "' declared; read as UTF-8");
  }
  if (size_t bad = repair_utf8(bytes)) notes.push_back(std::to_string(bad) + " invalid UTF-8 sequence(s) replaced by U+FFFD");
}

// --- Element kinds -----------------------------------------------------------------------------

enum class Kind { Drop, Heading, Block, Paragraph, List, Item, Table, Details, DefinitionList, Link, Sup, Break, Inline };

Kind kind_of(const GumboNode* n) {
  switch (tag_of(n)) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_HEAD:
      return Kind::Drop;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      return Kind::Heading;
    case GUMBO_TAG_P: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION:
      return Kind::Paragraph;
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: return Kind::List;
    case GUMBO_TAG_LI: return Kind::Item;
    case GUMBO_TAG_TABLE: return Kind::Table;
    case GUMBO_TAG_DETAILS: return Kind::Details;
    case GUMBO_TAG_DL: return Kind::DefinitionList;
    case GUMBO_TAG_A: return Kind::Link;
    case GUMBO_TAG_SUP: return Kind::Sup;
    case GUMBO_TAG_BR: return Kind::Break;
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_BODY:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_HTML: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS:
      return Kind::Block;
    default:
      return Kind::Inline;
  }
}

bool hidden(const GumboNode* n) {
  if (attr(n, "hidden") || attr(n, "data-pepsearch-ignore")) return true;
  if (const char* a = attr(n, "aria-hidden"); a && std::strcmp(a, "true") == 0) return true;
  // The ARIA landmarks of nav, header, footer and aside, and dialogs (cookie banners).
  if (const char* r = attr(n, "role"))
    for (const char* role : {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"})
      if (lower(r) == role) return true;
  if (const char* s = attr(n, "style")) {
    std::string st = lower(s);
    st.erase(std::remove(st.begin(), st.end(), ' '), st.end());
    if (st.find("display:none") != std::string::npos || st.find("visibility:hidden") != std::string::npos) return true;
  }
  return false;
}

// The text of a subtree, whitespace collapsed, dropped and hidden elements left out; iterative.
std::string text_of(const GumboNode* root) {
  std::string out;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
      continue;
    }
    if (!is_element(n) || (n != root && (kind_of(n) == Kind::Drop || hidden(n)))) continue;
    if (kind_of(n) != Kind::Inline && kind_of(n) != Kind::Link && kind_of(n) != Kind::Sup) out += ' ';
    const GumboVector& c = children(n);
    for (unsigned i = c.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(c.data[i - 1]));
  }
  return collapse_whitespace(out);
}

std::string pipe_safe(std::string s) {
  std::replace(s.begin(), s.end(), '|', '/');
  return s;
}

// --- The page survey ---------------------------------------------------------------------------

struct Survey {
  const GumboNode* content = nullptr;     // what is indexed
  std::vector<const GumboNode*> marked;   // data-pepsearch-body elements, when any
  std::map<std::string, int> reference_ids;  // element id inside a reference entry -> entry number
  std::set<const GumboNode*> reference_lists;
  std::vector<std::pair<std::string, std::string>> json_ld_faq;  // question, answer
  std::string h1, title_tag, og_title, og_url, canonical, site_name, modified, compound;
  std::map<std::string, std::vector<std::string>> facets;  // declared indication / evidence slugs
};

// "Sepsis, Hepatitis B" -> {"sepsis", "hepatitis b"}: a declared facet's comma-separated slugs.
void declare_facet(Survey& s, const std::string& facet, const char* values) {
  std::string item;
  for (const char* c = values;; ++c) {
    if (*c == ',' || *c == 0) {
      const std::string slug = lower(collapse_whitespace(item));
      if (!slug.empty() && std::find(s.facets[facet].begin(), s.facets[facet].end(), slug) == s.facets[facet].end())
        s.facets[facet].push_back(slug);
      item.clear();
      if (*c == 0) break;
    } else {
      item += *c;
    }
  }
}

// The facets a page may declare besides its compound (index_schema.h's names).
constexpr const char* kDeclarableFacets[] = {"indication", "evidence"};

void survey_meta(const GumboNode* n, Survey& s) {
  const char* prop = attr(n, "property");
  const char* name = attr(n, "name");
  const char* content = attr(n, "content");
  if (!content) return;
  const std::string key = lower(prop ? prop : name ? name : "");
  if (key == "og:title") s.og_title = collapse_whitespace(content);
  else if (key == "og:url") s.og_url = content;
  else if (key == "og:site_name") s.site_name = collapse_whitespace(content);
  else if (key == "article:modified_time" || (key == "article:published_time" && s.modified.empty())) s.modified = content;
  else if (key == "pepsearch:compound") s.compound = content;
  for (const char* facet : kDeclarableFacets)
    if (key == std::string("pepsearch:") + facet) declare_facet(s, facet, content);
}

void survey_faq_json(const nlohmann::json& j, Survey& s) {
  if (j.is_array()) {
    for (const auto& e : j) survey_faq_json(e, s);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) survey_faq_json(j["@graph"], s);
  if (j.value("@type", nlohmann::json()).is_string() && j.value("@type", "") == "FAQPage" && j.contains("mainEntity")) {
    const auto& items = j["mainEntity"];
    for (const auto& q : items.is_array() ? items : nlohmann::json::array({items})) {
      if (!q.is_object() || !q.contains("acceptedAnswer") || !q["acceptedAnswer"].is_object()) continue;
      const auto& a = q["acceptedAnswer"];
      if (!q.value("name", nlohmann::json()).is_string() || !a.value("text", nlohmann::json()).is_string()) continue;
      // The answer may hold markup: Gumbo reads it too.
      GumboOutput* out = gumbo_parse(a["text"].get_ref<const std::string&>().c_str());
      s.json_ld_faq.emplace_back(collapse_whitespace(q["name"].get<std::string>()), text_of(out->root));
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  }
}

// A list is a reference list when it follows a References heading or its entries are link targets.
void survey_list(const GumboNode* list, const std::string& last_heading, const std::set<std::string>& targets, Survey& s) {
  std::vector<const GumboNode*> items;
  for (unsigned i = 0; i < children(list).length; ++i) {
    const auto* c = static_cast<const GumboNode*>(children(list).data[i]);
    if (tag_of(c) == GUMBO_TAG_LI) items.push_back(c);
  }
  bool targeted = false;
  for (const auto* li : items)
    if (const char* id = attr(li, "id"); id && targets.count(id)) targeted = true;
  if (items.empty() || !(targeted || (tag_of(list) == GUMBO_TAG_OL && is_reference_heading(last_heading)))) return;
  s.reference_lists.insert(list);
  int number = 1;
  if (const char* start = attr(list, "start")) number = std::max(1, std::atoi(start));
  for (const auto* li : items) {
    std::vector<const GumboNode*> stack{li};
    while (!stack.empty()) {  // every id inside the entry points at it
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (!is_element(n)) continue;
      if (const char* id = attr(n, "id")) s.reference_ids.emplace(id, number);
      for (unsigned i = 0; i < children(n).length; ++i) stack.push_back(static_cast<const GumboNode*>(children(n).data[i]));
    }
    ++number;
  }
}

Survey survey(const GumboOutput* page) {
  Survey s;
  std::set<std::string> targets;  // in-page link targets
  std::vector<const GumboNode*> order, stack{page->root};
  const GumboNode *body = nullptr, *main = nullptr, *article = nullptr, *role_main = nullptr;
  while (!stack.empty()) {  // document order, iteratively: pages may nest 10,000 deep
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (!is_element(n)) continue;
    order.push_back(n);
    const GumboTag t = tag_of(n);
    if (t == GUMBO_TAG_BODY && !body) body = n;
    if (t == GUMBO_TAG_MAIN && !main) main = n;
    if (t == GUMBO_TAG_ARTICLE && !article) article = n;
    if (const char* r = attr(n, "role"); r && std::strcmp(r, "main") == 0 && !role_main) role_main = n;
    if (attr(n, "data-pepsearch-body")) s.marked.push_back(n);
    if (const char* c = attr(n, "data-pepsearch-compound"); c && s.compound.empty()) s.compound = c;
    for (const char* facet : kDeclarableFacets)
      if (const char* v = attr(n, (std::string("data-pepsearch-") + facet).c_str())) declare_facet(s, facet, v);
    if (t == GUMBO_TAG_META) survey_meta(n, s);
    if (t == GUMBO_TAG_LINK) {
      const char* rel = attr(n, "rel");
      if (rel && lower(rel) == "canonical" && attr(n, "href")) s.canonical = attr(n, "href");
    }
    if (t == GUMBO_TAG_TITLE && s.title_tag.empty()) s.title_tag = text_of(n);
    if (t == GUMBO_TAG_H1 && s.h1.empty() && !hidden(n)) s.h1 = text_of(n);
    if (t == GUMBO_TAG_TIME && s.modified.empty() && attr(n, "datetime")) s.modified = attr(n, "datetime");
    if (t == GUMBO_TAG_A)
      if (const char* href = attr(n, "href"); href && href[0] == '#' && href[1]) targets.insert(href + 1);
    if (t == GUMBO_TAG_SCRIPT)
      if (const char* type = attr(n, "type"); type && lower(type) == "application/ld+json") {
        const nlohmann::json j = nlohmann::json::parse(text_of(n), nullptr, false);
        if (!j.is_discarded()) survey_faq_json(j, s);
      }
    for (unsigned i = children(n).length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(children(n).data[i - 1]));
  }
  std::string last_heading;
  for (const auto* n : order) {
    if (kind_of(n) == Kind::Heading) last_heading = text_of(n);
    if (kind_of(n) == Kind::List) survey_list(n, last_heading, targets, s);
  }
  s.content = main ? main : article ? article : role_main ? role_main : body ? body : page->root;
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
  Writer(const Survey& s, Document& doc) : s_(s), doc_(doc) {}

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
  if (!is_reference_heading(heading_)) {  // entries found by their ids, under another heading
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
  std::string head = lower(bytes.substr(0, 512));
  const size_t b = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (b == std::string::npos) return false;
  head.erase(0, b);
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 || head.rfind("<head", 0) == 0;
}

std::string read_html(const std::string& rel, std::string bytes, Document& doc, std::vector<std::string>& notes) {
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
  const Survey s = survey(page.get());
  doc.id = doc.path = rel;
  doc.format = "html";
  doc.title = !s.h1.empty() ? s.h1 : !s.og_title.empty() ? s.og_title : strip_site_suffix(s.title_tag);
  doc.url = !s.canonical.empty() ? s.canonical : s.og_url;
  doc.publisher = s.site_name;
  doc.modified = s.modified;
  doc.compound = s.compound;
  doc.declared_facets = s.facets;
  Writer w(s, doc);
  if (s.marked.empty()) w.block(s.content, 0);
  for (const auto* m : s.marked) w.block(m, 0);
  w.finish();
  if (doc.text.find_first_not_of(" \n") == std::string::npos) return "HTML page without text in its content element";
  return "";
}

}  // namespace pep
