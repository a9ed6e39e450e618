// QueryBuilder: turns what a reader typed into a Xapian query, with the same TextAnalyzer the
// indexer used. QueryAnalyser (query_analysis.h) reads the query once into words with roles:
// filler words dropped, compound and indication names expanded to all their aliases (from the
// vocabulary stored in the index, so the searcher needs no synonym table of its own), unknown
// words corrected from the index's own vocabulary, an unknown last word a prefix (search as you
// type). The builder then assembles the Xapian query in passes: quoted phrases, words, alias
// groups, then heading and result boosts (phrase ones on request).
//
// Errors: Xapian and position store errors pass through. Threading: build() is const but reads
// the database and the position store: one builder per thread, like the Xapian objects it holds.
#pragma once

#include <xapian.h>

#include <optional>
#include <set>
#include <string>

#include "english_words.h"
#include "position_store.h"
#include "query_analysis.h"
#include "search_types.h"
#include "snippet_maker.h"
#include "term_dictionary.h"
#include "text_analyzer.h"
#include "vocabulary.h"

namespace pep {

struct BuiltQuery {
  Xapian::Query query;              // ranked: the matching terms plus phrase, heading and result boosts
  Xapian::Query matching;           // the same matches without boosts: cheap to count facets over
  std::string corrected;            // the query as corrected, "" when nothing was corrected
  std::vector<std::string> unknown; // words as typed that the index lacks and nothing replaced
  HighlightTerms highlight;         // what the snippets mark
  // The Z terms `matching` is the union of, when it is nothing else (no phrase, no AND, no stop
  // words): the facet counts then read their lists directly (term_union_count.h).
  std::optional<std::vector<std::string>> union_terms;
  bool empty() const { return query.empty(); }
};

class QueryBuilder {
 public:
  // `forms` is the index's word-form dictionary (schema::kMetaForms): prefixes and spelling;
  // `positions` its position store, which phrase queries check (positional_filter.h). The queries
  // are Xapian terms and operators, weighed by the BM25Weight the engine sets (k1, b from
  // RankingParams) — stop words, aliases and completions included.
  // `english` (may be null) tells real English words, which spelling leaves alone (english_words.h).
  QueryBuilder(const Xapian::Database& db, const Vocabulary& vocabulary, const TermDictionary& forms, const TextAnalyzer& analyzer,
               PositionStore& positions, const EnglishWords* english = nullptr);
  BuiltQuery build(const std::string& text, const RankingParams& ranking) const;

  // Longest accepted query, in bytes and in words; longer input is an error at the edges.
  static constexpr size_t kMaxQueryBytes = 1024;
  static constexpr size_t kMaxQueryWords = QueryAnalyser::kMaxQueryWords;
  static constexpr size_t kMaxStopWordQueryWords = QueryAnalyser::kMaxStopWordQueryWords;

  // The query read once, as build() reads it: its words, their roles, stems and terms.
  QueryAnalysis analyse(const std::string& text) const { return analyser_.analyse(text); }

 private:
  struct Piece {
    std::string form;
    std::string stem;
    bool positional;  // false for a stop word, which the index holds without positions
  };
  std::vector<Piece> pieces(const std::vector<const QueryWord*>& words) const;
  // A phrase as the query that weights it (its terms, ANDed) and the position check that decides
  // whether it matches (empty when there is nothing to check: one term, or only stop words).
  struct PhraseParts {
    Xapian::Query weighted;
    Xapian::Query check;
    std::vector<std::string> terms;  // the Z terms `weighted` is the AND of; empty for stop words only
  };
  PhraseParts phrase_parts(const std::vector<Piece>& pieces) const;
  Xapian::Query phrase(const std::vector<Piece>& pieces) const;
  // A stop word searched (only in a query of nothing but stop words): written as a word (W) or
  // as a compound's piece (Z), as one synonym.
  Xapian::Query stop_word(const std::string& stem) const;
  Xapian::Query word_query(const QueryWord& w) const;

  // What the passes collect, in query order (query_builder.cpp).
  struct Parts;
  void add_quoted(const QueryAnalysis& a, Parts& parts) const;
  void add_words(const QueryAnalysis& a, Parts& parts) const;
  void add_concepts(const QueryAnalysis& a, double alias_weight, Parts& parts) const;
  Xapian::Query concept_group(const Concept& c, Parts& parts) const;
  std::vector<Xapian::Query> boosts(const Parts& parts, const RankingParams& rank) const;
  std::vector<Xapian::Query> subject_boosts(const QueryAnalysis& a, const RankingParams& rank) const;

  const Xapian::Database& db_;
  PositionStore& positions_;
  QueryAnalyser analyser_;
};

}  // namespace pep
