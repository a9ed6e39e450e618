// stop_word_query: the Xapian query for one stop word, for the queries made of nothing but stop
// words ("what is the"), the only ones that search them. A stop word written as a word is not a
// Z term: its postings come from the index metadata (schema::kMetaStopPostings); written as a
// piece of a compound ("vitamin-a"), or another word with its stem, it is an ordinary Z term. A
// PostingSource reads both as one list (wdfs summed), so it matches what the Z term matched when
// stop words were terms. It weighs a passage by BM25's term weight with Lucene's always-positive
// idf and no length normalisation (reading every candidate's length would cost more than these
// queries are worth): log(1 + (N - n + 0.5) / (n + 0.5)) * 2.2 wdf / (1.2 + wdf).
#pragma once

#include <xapian.h>

#include <string>

#include "stem_postings.h"

namespace pep {

// `zterm` is the stop word's Z term (schema::kStemPrefix + stem); `stems` the index's Z terms'
// postings. Throws IndexError if the index's postings are damaged.
Xapian::Query stop_word_query(const Xapian::Database& db, const StemPostings& stems, const std::string& zterm);

}  // namespace pep
