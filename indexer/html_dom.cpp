#include "html_dom.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include "ascii_case.h"
#include "collapse_whitespace.h"

namespace pep::html {

const char* attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

bool is_element(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE; }
GumboTag tag_of(const GumboNode* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN; }
const GumboVector& children(const GumboNode* n) { return n->v.element.children; }

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
      if (ascii_lower(r) == role) return true;
  if (const char* s = attr(n, "style")) {
    std::string st = ascii_lower(s);
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

}  // namespace pep::html
