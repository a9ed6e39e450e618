#include "term_union_count.h"

#include <string>
#include <vector>

namespace pep {
namespace {

// The terms of a query made only of terms, OR, SYNONYM and weight scaling; false otherwise.
bool collect_terms(const Xapian::Query& q, std::vector<std::string>& terms) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      terms.push_back(*q.get_terms_begin());
      return true;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_SCALE_WEIGHT:
      for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (!collect_terms(q.get_subquery(i), terms)) return false;
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<Xapian::doccount> count_term_union(const Xapian::Database& db, const Xapian::Query& query,
                                                 const FacetColumn::Filter& filter, FacetColumn::Counter& counter) {
  std::vector<std::string> terms;
  if (query.empty() || !collect_terms(query, terms) || terms.empty()) return std::nullopt;
  Xapian::doccount n = 0;
  if (terms.size() == 1) {  // one posting list is already a set in docid order
    for (auto it = db.postlist_begin(terms[0]); it != db.postlist_end(terms[0]); ++it)
      if (filter.accepts(*it)) {
        counter.add(*it);
        ++n;
      }
    return n;
  }
  std::vector<uint64_t> marked(static_cast<size_t>(db.get_lastdocid()) / 64 + 1, 0);
  for (const auto& t : terms)
    for (auto it = db.postlist_begin(t); it != db.postlist_end(t); ++it) marked[*it / 64] |= uint64_t{1} << (*it % 64);
  for (size_t w = 0; w < marked.size(); ++w)
    for (uint64_t bits = marked[w]; bits != 0; bits &= bits - 1) {
      const auto did = static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits)));
      if (filter.accepts(did)) {
        counter.add(did);
        ++n;
      }
    }
  return n;
}

}  // namespace pep
