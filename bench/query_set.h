// The benchmark's query set: a fixed mix of what readers type, drawn reproducibly (fixed seed,
// std::mt19937_64, no std:: distributions, whose output differs between standard libraries) from
// the words of the indexed passages. docs/benchmark.md describes the mix; in short, per 20 queries:
// 6 single words, 5 two-word, 3 three-word, 3 phrases, 3 prefixes; one query in 4 (rotating over
// the kinds) also carries a facet filter (when the corpus has facet values) taken from the
// passage its words came from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fts5_index.h"
#include "passage_record.h"

namespace pep::bench {

enum class QueryKind { word, two_words, three_words, phrase, prefix };

const char* kind_name(QueryKind kind);

struct BenchQuery {
  QueryKind kind = QueryKind::word;
  std::string text;      // the words, space-separated (a prefix query ends with the partial word)
  FacetFilters filters;  // empty or one facet with one value
};

// Throws std::invalid_argument when the passages hold too few words to draw from.
std::vector<BenchQuery> generate_query_set(const std::vector<PassageRecord>& passages, size_t count, uint64_t seed);

// The `n` content words (as the generator reads words) found in the most passages, most first
// (ties by word): the broadest single-word queries of the corpus, where counting every match costs most.
std::vector<std::string> broad_words(const std::vector<PassageRecord>& passages, size_t n);

// What a reader types into pepsearch: the words, a phrase in double quotes.
std::string typed_text(const BenchQuery& q);
// The same query for FTS5: words OR-ed, a phrase as a phrase, a prefix as "word"*.
std::string fts5_match(const BenchQuery& q);

}  // namespace pep::bench
