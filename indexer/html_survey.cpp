#include "html_survey.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "ascii_case.h"
#include "collapse_whitespace.h"
#include "html_dom.h"
#include "passage_segmenter.h"

namespace pep::html {
namespace {

// "Sepsis, Hepatitis B" -> {"sepsis", "hepatitis b"}: a declared facet's comma-separated slugs.
void declare_facet(Survey& s, const std::string& facet, const char* values) {
  std::string item;
  for (const char* c = values;; ++c) {
    if (*c == ',' || *c == 0) {
      const std::string slug = ascii_lower(collapse_whitespace(item));
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
  const std::string key = ascii_lower(prop ? prop : name ? name : "");
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
void survey_list(const GumboNode* list, bool after_reference_heading, const std::set<std::string>& targets, Survey& s) {
  std::vector<const GumboNode*> items;
  for (unsigned i = 0; i < children(list).length; ++i) {
    const auto* c = static_cast<const GumboNode*>(children(list).data[i]);
    if (tag_of(c) == GUMBO_TAG_LI) items.push_back(c);
  }
  bool targeted = false;
  for (const auto* li : items)
    if (const char* id = attr(li, "id"); id && targets.count(id)) targeted = true;
  if (items.empty() || !(targeted || (tag_of(list) == GUMBO_TAG_OL && after_reference_heading))) return;
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

}  // namespace

Survey survey(const GumboOutput* page, const SegmenterWords& words) {
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
      if (rel && ascii_lower(rel) == "canonical" && attr(n, "href")) s.canonical = attr(n, "href");
    }
    if (t == GUMBO_TAG_TITLE && s.title_tag.empty()) s.title_tag = text_of(n);
    if (t == GUMBO_TAG_H1 && s.h1.empty() && !hidden(n)) s.h1 = text_of(n);
    if (t == GUMBO_TAG_TIME && s.modified.empty() && attr(n, "datetime")) s.modified = attr(n, "datetime");
    if (t == GUMBO_TAG_A)
      if (const char* href = attr(n, "href"); href && href[0] == '#' && href[1]) targets.insert(href + 1);
    if (t == GUMBO_TAG_SCRIPT)
      if (const char* type = attr(n, "type"); type && ascii_lower(type) == "application/ld+json") {
        const nlohmann::json j = nlohmann::json::parse(text_of(n), nullptr, false);
        if (!j.is_discarded()) survey_faq_json(j, s);
      }
    for (unsigned i = children(n).length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(children(n).data[i - 1]));
  }
  std::string last_heading;
  for (const auto* n : order) {
    if (kind_of(n) == Kind::Heading) last_heading = text_of(n);
    if (kind_of(n) == Kind::List) survey_list(n, words.is_reference_heading(last_heading), targets, s);
  }
  s.content = main ? main : article ? article : role_main ? role_main : body ? body : page->root;
  return s;
}

}  // namespace pep::html
