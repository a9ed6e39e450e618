// HTML DOM helpers shared by the page survey (html_survey.h) and the Markdown-line writer
// (html_reader.cpp): attribute and tag access on Gumbo nodes, and the one classification of
// elements both use (what is dropped, what is a heading, block, list, table, link, ...).
//
// Data: plain functions over Gumbo's parse tree (GumboNode), which they never modify; strings
// returned are UTF-8 copies. Kind::Drop and hidden() together decide what is never indexed.
// Errors: none; attr() returns nullptr for a missing attribute or a non-element node.
// Threading: no shared state; safe from any thread on trees that are not being modified.
// Internal to pepindexer (namespace pep::html), not part of the reader's public interface.
#pragma once

#include <gumbo.h>

#include <string>

namespace pep::html {

const char* attr(const GumboNode* n, const char* name);
bool is_element(const GumboNode* n);
GumboTag tag_of(const GumboNode* n);
const GumboVector& children(const GumboNode* n);

enum class Kind { Drop, Heading, Block, Paragraph, List, Item, Table, Details, DefinitionList, Link, Sup, Break, Inline };

Kind kind_of(const GumboNode* n);

// hidden, aria-hidden, data-pepsearch-ignore, landmark/dialog roles, display:none/visibility:hidden.
bool hidden(const GumboNode* n);

// The text of a subtree, whitespace collapsed, dropped and hidden elements left out; iterative.
std::string text_of(const GumboNode* root);

}  // namespace pep::html
