// The search side's request and response: plain values shared by the query engine, the
// pepsearch CLI and the searchd HTTP daemon. response_json.h is their one JSON encoding.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "passage_record.h"

namespace pep {

struct SearchRequest {
  std::string query;
  std::map<std::string, std::vector<std::string>> filters;  // facet name -> values (OR within, AND across)
  int page = 1;         // 1-based
  int per_page = 10;
  bool snippets = true;
  bool facet_counts = true;
};

struct SnippetPiece {
  std::string text;
  bool match = false;
};

struct SearchResult {
  PassageRecord record;
  double score = 0;
  std::vector<SnippetPiece> snippet;
};

struct FacetCount {
  std::string value;
  size_t count = 0;
};

struct SearchResponse {
  std::string query;
  std::string corrected_query;  // non-empty when unknown words were searched as corrected
  size_t total = 0;             // estimated matches (exact for small result sets)
  int page = 1;
  int per_page = 10;
  std::vector<SearchResult> results;
  std::map<std::string, std::vector<FacetCount>> facets;
};

}  // namespace pep
