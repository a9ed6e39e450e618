// EvidenceMap: the evidence claims of one generation (Generation::claims, made by
// indexer/evidence_claims.h) grouped into (compound, indication) pairs, with their agreement:
// the best grade, how many monographs (sources), and the conflict reasons — grades two or more
// steps apart, or a positive finding beside a null or negative one. Pairs are sorted by compound
// then indication label; a pair's claims keep the index's order (monograph, then passage).
// `/api/evidence`, `pepsearch --evidence-map` and the "evidence" of a search all read it, and
// evidence_json / pair_json are their one JSON encoding (docs/searchd.md).
//
// Filters: a compound slug, an indication slug (which takes in the indications under it, per
// indications.tsv's parent column), both or neither. The map knows nothing of unknown slugs:
// the QueryEngine refuses those (unknown_facet_value) before asking. Built once per opened
// index, read-only after: safe to share between readers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "search_types.h"
#include "vocabulary.h"

namespace pep {

struct EvidenceAxis {
  std::string value, label, parent;  // parent: indications only, "" at the top
};

// What /api/evidence answers: the pairs that pass the filters, and the compounds and indications
// the whole index has, with or without claims, so a map shows the corpus at a glance
// (indications with their ancestors, so the tree can be drawn).
struct EvidenceAnswer {
  std::vector<EvidencePair> pairs;
  std::vector<EvidenceAxis> compounds;
  std::vector<EvidenceAxis> indications;
};

class EvidenceMap {
 public:
  // `compounds` and `indications`: slugs the index's passages are tagged with, listed on the axes
  // beside those the claims name.
  EvidenceMap(const std::vector<EvidenceClaim>& claims, const Vocabulary& vocab, const std::vector<std::string>& compounds = {},
              const std::vector<std::string>& indications = {});

  // "" = any. An indication takes in its descendants.
  EvidenceAnswer answer(const std::string& compound, const std::string& indication) const;
  // The pair itself (no descendants), nullptr when the index has no claim for it.
  const EvidencePair* pair(const std::string& compound, const std::string& indication) const;

 private:
  std::vector<EvidencePair> pairs_;
  std::vector<EvidenceAxis> compounds_, indications_;
  const std::vector<Concept> indication_concepts_;
};

// Agreement of a pair's claims (fills grade, sources and conflict_reasons from claims).
void agree(EvidencePair& pair);

nlohmann::json pair_json(const EvidencePair& pair);
// pair_json's object read back (pepsearch --server); throws nlohmann::json exceptions if it is not one.
EvidencePair pair_from_json(const nlohmann::json& j);
nlohmann::json evidence_json(const EvidenceAnswer& answer);
// evidence_json's object read back; throws nlohmann::json exceptions if it is not one.
EvidenceAnswer evidence_answer_from_json(const nlohmann::json& j);

}  // namespace pep
