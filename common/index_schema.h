// The index schema: every term prefix, value slot and facet name that the indexer writes and the
// searcher reads. Change it here and bump kSchemaVersion; both sides read only this file.
#pragma once

#include <array>
#include <string_view>

namespace pep::schema {

inline constexpr int kSchemaVersion = 11;

// Terms.
//   Z<stem>      English stems of the passage text, with their wdfs: what BM25 ranks on ("im862"
//                and "40.6" stem to themselves). A compound is indexed whole and in pieces
//                ("IM-862": im862, im, 862). Their positions, for phrases, are not in Xapian but
//                in kPositionStoreFile.
//   W<stem>      stop words (corpus/vocab/stopwords.list) written as words, with their wdfs: kept
//                apart from the Z terms, so that ordinary queries, which drop stop words, never
//                match them, while a piece of a compound that is a stop word (the "a" of
//                "vitamin-a") stays a Z term. A query of only stop words searches W and Z of each
//                word as one synonym. They have no positions: phrases skip them.
//   H<stem>      stems of the section heading and document title: a heading says what a passage is about
//   S<key>       the passage's subjects (subject_key.h): the record's subject (JSONL "focus"), else the
//                document title, and the section heading, each whole and in its pieces; a key is the
//                subject's content stems joined by spaces ("Shigh blood pressur"). Boolean (wdf 0):
//                a query whose words name a subject ranks its passages first (query_builder.cpp)
//   Koverview    the passage is an overview of its subject (a JSONL record of qtype "information", a
//                section under an overview heading, section_headings.tsv): boolean, a prior for
//                queries that are only a subject ("what is diabetes")
//   XC/XI/XG/XE  facet values: compound, indication, grade, evidence type
// A passage's Xapian document length is the sum of its Z, W and H wdfs.
// Word forms as written are not terms: they live in the kMetaForms dictionary (term_dictionary.h).
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kStopPrefix = "W";
inline constexpr std::string_view kHeadingPrefix = "H";
inline constexpr std::string_view kSubjectPrefix = "S";
inline constexpr std::string_view kOverviewTerm = "Koverview";

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

// The generation's evidence claims (common/evidence_store.h): JSON Lines, in passage order.
inline constexpr std::string_view kEvidenceFile = "evidence.jsonl";

// Metadata keys on the database.
inline constexpr std::string_view kMetaSchema = "pepsearch.schema";
inline constexpr std::string_view kMetaBuiltAt = "pepsearch.built_at";
inline constexpr std::string_view kMetaDocuments = "pepsearch.documents";
inline constexpr std::string_view kMetaVocabulary = "pepsearch.vocabulary";
// Every word form with its number of occurrences (TermDictionary::encode); shards' are summed.
inline constexpr std::string_view kMetaForms = "pepsearch.forms";

inline const Facet* find_facet(std::string_view name) {
  for (const auto& f : kFacets)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace pep::schema
