// StemLeaves: the query leaves for Z terms (stems of passage text), whose postings are not Xapian
// terms but lists in the index's stem postings file (stem_postings.h). A leaf is a
// Xapian::PostingSource that walks the lists and weighs each passage with the BM25 formula
// Xapian's BM25Weight applies to a term (k1 and b from RankingParams, k2 = 0, k3 = 1,
// min_normlen 0.5, its idf clamp for terms in over a third of passages), so these leaves rank
// alongside Xapian's own terms (the H terms) exactly as Z terms did when Xapian held them.
//
// synonym() is OP_SYNONYM for these lists, which Xapian's OP_SYNONYM cannot read (a posting
// source has no wdf to sum): the passages holding any alternative (an alternative is a list of
// terms that must all occur), weighed as one term whose wdf is the sum of the matching terms'
// wdfs, and whose frequency is estimated as Xapian estimates OR and AND (independent terms).
// One difference from Xapian: a term repeated in a query does not get a raised query weight
// (Xapian's wqf); each leaf weighs as if the term occurred once.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "stem_postings.h"

namespace pep {

class StemLeaves {
 public:
  // `postings` must outlive the queries made here (they read it while Xapian runs them).
  StemLeaves(const StemPostings& postings, double k1, double b) : postings_(postings), k1_(k1), b_(b) {}

  Xapian::Query term(const std::string& zterm) const;
  // All of `zterms`, each weighed as term() does (Xapian's OP_AND sums them).
  Xapian::Query all(const std::vector<std::string>& zterms) const;
  // Empty when `alternatives` is.
  Xapian::Query synonym(const std::vector<std::vector<std::string>>& alternatives) const;

  const StemPostings& postings() const { return postings_; }

 private:
  const StemPostings& postings_;
  double k1_, b_;
};

}  // namespace pep
