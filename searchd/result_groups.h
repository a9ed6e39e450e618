// Result groups: the matches of a query grouped by source document, for group=source. Xapian
// does the grouping: it collapses on the value slot holding each passage's source id
// (schema::kSourceSlot), so a page of groups is a page of the collapsed ranking (a source ranks
// by its best passage, and paging is over groups); a counting run over every match gives the
// exact number of sources and of matching passages per source, and the page's sources' passages;
// a second collapsed run over those passages keeps each source's next best ones.
//
// Data: docids and weights only; the caller turns them into records and snippets.
// Errors: Xapian errors pass through. Every schema 9 passage has its source slot (the engine
// opens no other schema), so there is no case of a missing slot to handle here.
// Threading: uses the given Database, so the caller's one-engine-per-thread rule applies.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace pep {

struct RankedHit {
  Xapian::docid docid = 0;
  double score = 0;
};

struct SourceGroup {
  std::string source_id;
  RankedHit best;
  std::vector<RankedHit> more;  // the source's next best matches, best first, at most sub_limit
  size_t matches = 0;           // the source's matching passages, `best` and `more` included
};

struct GroupedPage {
  std::vector<SourceGroup> groups;  // the requested page of groups, best passage's score first
  size_t total_groups = 0;          // sources with a matching passage
  size_t total_passages = 0;        // matching passages
};

struct GroupQuery {
  const Xapian::Database& db;
  const Xapian::Weight& weighting;
  Xapian::Query ranked;    // what orders the passages (facet filters applied)
  Xapian::Query matching;  // the same matches, unranked: what is counted
};

// `page` is 1-based; `per_page` groups per page; `sub_limit` >= 0 further passages per group.
GroupedPage group_by_source(const GroupQuery& query, int page, int per_page, int sub_limit);

}  // namespace pep
