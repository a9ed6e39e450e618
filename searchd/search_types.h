// The search side's request and response: plain values shared by the query engine, the
// pepsearch CLI and the searchd HTTP daemon. response_json.h is their one JSON encoding.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "passage_record.h"

namespace pep {

// Ranking knobs, tuned on judged queries (docs/relevance.md). Weights scale a boost's BM25 score.
struct RankingParams {
  double k1 = 1.0;        // BM25 term-frequency saturation
  double b = 0;           // BM25 length normalisation: none, as the segmenter already bounds passage
                          // length; b = 0 also spares Xapian a document-length read per match
  double alias = 1.0;     // a compound/indication/term named in the query, matched by any alias
  double phrase = 0;      // the query words as an exact phrase (off: cost, no gain; docs/ranking.md)
  double near = 0;        // the query words within a few words of each other (off, as phrase)
  double heading = 0.6;   // query words in the passage's section heading or document title
  double result = 1.0;    // passages stating explicit results (numbers, grades): prior, in BM25 units
  double subject = 4.0;   // the query names the passage's subject (S terms): this times the share of
                          // the query's content words the subject covers, in BM25 units
  double overview = 2.0;  // the query is only a subject and the passage is its overview (Koverview)

  // "k1=1.2,b=0.4,..." -> params; throws std::invalid_argument naming a bad key.
  static RankingParams parse(const std::string& spec);
};

// How results are grouped: not at all (a flat list of passages), or by source document.
enum class GroupBy { none, source };

struct SearchRequest {
  std::string query;
  std::map<std::string, std::vector<std::string>> filters;  // facet name -> values (OR within, AND across)
  int page = 1;         // 1-based
  int per_page = 10;
  bool snippets = true;
  bool facet_counts = true;
  GroupBy group = GroupBy::none;
  int sub_limit = 3;    // grouped: at most this many further passages under each group's best
  bool full_text = false;  // results carry their whole text, not the capped one (response_json.h)
};

struct SnippetPiece {
  std::string text;
  bool match = false;
};

struct SearchResult {
  PassageRecord record;
  double score = 0;
  std::vector<SnippetPiece> snippet;
  // Grouped by source only: the source's next best matching passages (at most sub_limit), and
  // how many passages of the source match in all (the best one and its sub_results included).
  std::vector<SearchResult> sub_results;
  size_t sub_total = 0;
};

struct FacetCount {
  std::string value;
  size_t count = 0;
  std::string label;  // the value's display name (FacetLabels): "KPV" for kpv, "A" for grade a
  std::string parent; // indications: the broader indication's slug (indications.tsv), "" at the top
};

// Why the claims of a pair disagree: grades two or more steps apart (a and c), or a positive
// finding beside a null or negative one.
enum class ConflictReason { grades, findings };
std::string_view to_string(ConflictReason reason);  // "grades", "findings"

// What the sources say about one (compound, indication) pair (searchd/evidence_map.h).
struct EvidencePair {
  std::string compound, compound_label;
  std::string indication, indication_label;
  std::string grade;   // the best grade any claim gives, "" for none
  size_t sources = 0;  // distinct monographs
  std::vector<ConflictReason> conflict_reasons;  // empty: no conflict
  std::vector<EvidenceClaim> claims;
};

struct SearchResponse {
  std::string query;
  std::string corrected_query;  // non-empty when unknown words were searched as corrected
  std::vector<std::string> unknown_words;  // words as typed that the index lacks and nothing replaced
  size_t total = 0;             // estimated matches (exact for small result sets); always passages
  GroupBy group = GroupBy::none;
  size_t total_groups = 0;      // grouped: how many sources have a matching passage (exact)
  int page = 1;
  int per_page = 10;
  std::vector<SearchResult> results;
  std::map<std::string, std::vector<FacetCount>> facets;
  // The query names exactly one compound and one indication, and the index has claims for them.
  std::optional<EvidencePair> evidence;
};

}  // namespace pep
