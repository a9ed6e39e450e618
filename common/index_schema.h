// The index schema: every term prefix, value slot and facet name that the indexer writes and the
// searcher reads. Change it here and bump kSchemaVersion; both sides read only this file.
#pragma once

#include <array>
#include <string_view>

namespace pep::schema {

inline constexpr int kSchemaVersion = 8;

// Terms.
//   Z<stem>      English stems of the passage text, the only word terms: BM25 ranks on them ("im862"
//                and "40.6" stem to themselves). They are not Xapian terms: their postings are in
//                kStemPostingsFile, their positions, for phrases, in kPositionStoreFile. Stop
//                words (corpus/vocab/stopwords.list) written as words are not in those lists
//                (pieces of a compound, "vitamin-a", still are): their postings are in
//                kMetaStopPostings and they have no positions: phrases skip them.
//   S            one Xapian term per passage whose wdf is the number of its words (Z terms and
//                stop words): Xapian's document length is the sum of its terms' wdfs, so BM25
//                sees the lengths it saw when those words were Xapian terms
//   H<stem>      stems of the section heading and document title: a heading says what a passage is about
//   XC/XI/XG/XE  facet values: compound, indication, grade, evidence type
// Word forms as written are not terms: they live in the kMetaForms dictionary (term_dictionary.h).
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kHeadingPrefix = "H";
inline constexpr std::string_view kLengthTerm = "S";

struct Facet {
  std::string_view name;    // the name in the API, CLI flags and JSON
  std::string_view prefix;  // boolean term prefix
};

inline constexpr std::array<Facet, 4> kFacets{{
    {"compound", "XC"},
    {"indication", "XI"},
    {"grade", "XG"},
    {"evidence", "XE"},
}};

// Value slot holding every facet value of a passage as "<facet>=<value>", joined by
// kValueSeparator: facet counting reads one value per matching passage, not one per facet.
inline constexpr unsigned kFacetsSlot = 1;
inline constexpr char kValueSeparator = '\x1f';

// Value slot holding the passage's source document id (SourceInfo::id): Xapian collapses on it
// to rank sources by their best passage (searchd/result_groups.h).
inline constexpr unsigned kSourceSlot = 2;

// Value slot holding Passage::result_strength (Xapian::sortable_serialise), a ranking prior.
inline constexpr unsigned kResultStrengthSlot = 5;

// Passage records (passage_record.h) are not Xapian document data: they live in this file of the
// index directory, record k for document id k (passage_store.h).
inline constexpr std::string_view kPassageStoreFile = "passages.store";

// Positions of the Z terms (position_store.h), record k for document id k: Xapian's position
// table cost most of its build time and index bytes, for phrase checks on a few candidates.
inline constexpr std::string_view kPositionStoreFile = "positions.store";

// Postings of the Z terms (stem_postings.h): Xapian's writer spent about half of a build on them.
inline constexpr std::string_view kStemPostingsFile = "stems.postings";

// Metadata keys on the database.
inline constexpr std::string_view kMetaSchema = "pepsearch.schema";
inline constexpr std::string_view kMetaBuiltAt = "pepsearch.built_at";
inline constexpr std::string_view kMetaDocuments = "pepsearch.documents";
inline constexpr std::string_view kMetaVocabulary = "pepsearch.vocabulary";
// Every word form with its number of occurrences (TermDictionary::encode); shards' are summed.
inline constexpr std::string_view kMetaForms = "pepsearch.forms";
// Prefix of the stop words' postings, one entry per Z term (posting_list.h), e.g.
// "pepsearch.stop.Zthe". merge_shards renumbers them, as the compactor does documents.
inline constexpr std::string_view kMetaStopPostings = "pepsearch.stop.";

inline const Facet* find_facet(std::string_view name) {
  for (const auto& f : kFacets)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace pep::schema
