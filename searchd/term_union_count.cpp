#include "term_union_count.h"

namespace pep {
namespace {

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

std::optional<std::vector<std::string>> union_terms(const Xapian::Query& query) {
  std::vector<std::string> terms;
  if (query.empty() || !collect_terms(query, terms) || terms.empty()) return std::nullopt;
  return terms;
}

Xapian::doccount count_term_union(const Xapian::Database& db, const std::vector<std::string>& terms,
                                  const FacetColumn::Filter& filter, FacetColumn::Counter& counter) {
  Xapian::doccount n = 0;
  auto take = [&](Xapian::docid did) {
    if (!filter.accepts(did)) return;
    counter.add(did);
    ++n;
  };
  if (terms.size() == 1) {  // one posting list is already a set in docid order
    for (auto it = db.postlist_begin(terms[0]), end = db.postlist_end(terms[0]); it != end; ++it) take(*it);
    return n;
  }
  std::vector<uint64_t> marked(static_cast<size_t>(db.get_lastdocid()) / 64 + 1, 0);
  for (const auto& t : terms)
    for (auto it = db.postlist_begin(t), end = db.postlist_end(t); it != end; ++it) {
      const Xapian::docid did = *it;
      marked[did / 64] |= uint64_t{1} << (did % 64);
    }
  for (size_t w = 0; w < marked.size(); ++w)
    for (uint64_t bits = marked[w]; bits != 0; bits &= bits - 1)
      take(static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
  return n;
}

}  // namespace pep
