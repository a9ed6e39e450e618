// HTML page survey: one pass over a parsed page (before any text is written) that finds what the
// Markdown-line writer in html_reader.cpp needs to know ahead: the metadata (h1, <title>,
// og:title/url/site_name, canonical link, modified time, declared compound and facets), the
// reference lists and the element ids inside their entries (citation targets), FAQ pairs from a
// schema.org FAQPage in JSON-LD, and the content element to index.
//
// Data: Survey holds pointers into the GumboOutput it was made from (content, marked,
// reference_lists): it must not outlive that parse tree. reference_ids maps every id inside a
// reference entry to the entry's number (an <ol start> honoured). A list is a reference list when
// it is an <ol> after a References heading, or when an in-page link (#id) targets one of its <li>.
// content: main, else article, else role=main, else body, else the root; `marked` lists the
// data-pepsearch-body elements, which replace `content` when any.
// Errors: none; malformed JSON-LD is ignored. The walk is iterative (pages may nest 10,000 deep).
// Threading: no shared state.
// Internal to pepindexer (namespace pep::html).
#pragma once

#include <gumbo.h>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "vocabulary.h"

namespace pep::html {

struct Survey {
  const GumboNode* content = nullptr;     // what is indexed
  std::vector<const GumboNode*> marked;   // data-pepsearch-body elements, when any
  std::map<std::string, int> reference_ids;  // element id inside a reference entry -> entry number
  std::set<const GumboNode*> reference_lists;
  std::vector<std::pair<std::string, std::string>> json_ld_faq;  // question, answer
  std::string h1, title_tag, og_title, og_url, canonical, site_name, modified, compound;
  std::map<std::string, std::vector<std::string>> facets;  // declared indication / evidence slugs
};

// Surveys the whole of `page`; `words` says which headings open a reference list.
Survey survey(const GumboOutput* page, const SegmenterWords& words);

}  // namespace pep::html
