// The monograph model: plain structs for each step of the data flow
//   Document -> (PassageSegmenter) Passage -> (taggers) Passage with facets -> index.
// Nothing here does work; every type is a value that can be copied, compared and printed. The
// kinds are enums; monograph.cpp alone maps each to its spelling (what users see in JSON and in
// `pepindex inspect`, and what the passage store keeps) and back: to_string, and parse_* returning
// std::nullopt for a spelling that names no enumerator. Depends only on the standard library and
// the plain NumberedWords value; no errors, no state, thread-safe as any value.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "numbered_words.h"

namespace pep {

// What a document was read as. html is read as Markdown lines, pdf as plain text with page starts.
enum class DocumentFormat { txt, md, jsonl, html, pdf };

// What a passage is: a paragraph, a table row with its header, an FAQ question with its answer,
// a bullet with its lead-in, a list of labelled facts.
enum class PassageKind { paragraph, table_row, faq, bullet, facts };

// What a passage says a compound did for an indication (EvidenceClaim): it helped, made no
// difference, did harm, or the passage does not say.
enum class Finding { positive, null, negative, unstated };

std::string_view to_string(DocumentFormat format);  // "txt", "md", "jsonl", "html", "pdf"
std::string_view to_string(PassageKind kind);       // "paragraph", "table_row", "faq", "bullet", "facts"
std::optional<DocumentFormat> parse_document_format(std::string_view spelling);
std::optional<PassageKind> parse_passage_kind(std::string_view spelling);
std::string_view to_string(Finding finding);        // "positive", "null", "negative", "unstated"
std::optional<Finding> parse_finding(std::string_view spelling);

// One source document as read from disk, before any understanding.
struct Document {
  std::string id;         // JSONL "id"; for a file, its path relative to its --corpus root
  std::string path;       // file path relative to its --corpus root
  DocumentFormat format = DocumentFormat::txt;
  std::string title;      // may be empty until the segmenter finds one
  std::string subtitle;
  std::string publisher;
  std::string url;
  std::string compound;   // subject compound slug when the source declares it (md front matter)
  std::string subject;    // what the record is about (JSONL "focus"); "" = the title says it
  bool overview = false;  // the record is an overview of its subject (JSONL "qtype": "information")
  // Facet values the source declares for every passage, facet name -> slugs (an HTML page's
  // data-pepsearch-indication / <meta name="pepsearch:evidence">, ...); the compound is `compound`.
  std::map<std::string, std::vector<std::string>> declared_facets;
  std::vector<std::string> aliases;
  std::string text;       // body (front matter removed), valid UTF-8
  size_t body_offset = 0; // byte offset of `text` inside the file, so passage offsets are file offsets
                          // (HTML and PDF: offsets into `text`, the text the reader made of the file)
  std::string author;     // PDF metadata
  std::string modified;   // HTML article:modified_time or <time datetime>, as written
  // Deep-link targets, by offset into `text`, ascending: from that offset on, passages are under
  // the fragment (an element id; "" where a heading without an id starts). HTML only.
  std::vector<std::pair<size_t, std::string>> anchors;
  // Offsets into `text` where page 2, 3, ... begin. PDF only.
  std::vector<size_t> page_starts;
};

// One entry of a document's reference list.
struct Reference {
  int number = 0;
  std::string text;       // the entry as written, whitespace-collapsed
  std::string authors;
  std::string title;
  std::string journal;    // journal and year as written ("J Clin Oncol 2005;23(5):990-998")
  int year = 0;
  std::string pmid;
  std::string doi;
  std::string url;
  std::string type;       // RCT, Review, Animal, ... as the source labels it
};

// Facet values on a passage: facet name (see index_schema.h) -> lowercase slugs.
using FacetValues = std::map<std::string, std::vector<std::string>>;

// A unit a reader can quote and act on: a paragraph, a table row with its header, an FAQ question
// with its answer, a bullet with its lead-in.
struct Passage {
  PassageKind kind = PassageKind::paragraph;
  std::string section;    // nearest heading ("" before the first one)
  std::string text;       // as shown to readers: citation markers removed, whitespace collapsed
  size_t begin = 0;       // byte range in the source file
  size_t end = 0;
  FacetValues facets;
  std::string grade_label;        // the source's own wording of the grade(s), e.g. "A (negative)"
  std::string lead_in;            // a bullet's lead-in line, an FAQ item's question
  // Table rows and fact lists: column header (or label) -> cell, in source order.
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<int> citations;     // reference numbers this passage cites
  double result_strength = 0;     // 0..1: how much the passage states an explicit result (ResultDetector)
  // Where a reader opens the passage: the URL fragment after '#' ("evidence", "page=4",
  // ":~:text=..."), "" when the source has none; and its page (PDF), 0 when unpaged. (deep_links.h)
  std::string anchor;
  int page = 0;
  // The passage is an overview of its subject (its document is one, or its section heading is an
  // overview heading): indexed as schema::kOverviewTerm, not stored in the record.
  bool overview = false;
};

// A trial as a passage states it; "" and 0 where the text does not say.
struct TrialInfo {
  std::string name;    // "ETASS", "TESTS"
  std::string design;  // "Phase 3", "double-blind", "retrospective", as written
  int n = 0;           // participants
  int year = 0;
  bool operator==(const TrialInfo&) const = default;
};

// One statement of evidence: what one passage says about one (compound, indication) pair
// (indexer/evidence_claims.h makes them; common/evidence_store.h stores them in the generation).
// Grades are pepsearch's a-d; "" where the source gives none.
struct EvidenceClaim {
  std::string compound;     // slug
  std::string indication;   // slug, the most specific the passage names
  std::string grade;        // "a".."d" or ""
  std::string grade_label;  // the source's wording ("Grade B", "[T1–T2]"), "" without a grade
  std::string evidence;     // evidence-type slug or ""
  Finding finding = Finding::unstated;
  std::optional<TrialInfo> trial;
  std::vector<int> references;  // the passage's cited reference numbers
  size_t passage = 0;       // index into ParsedDocument::passages
  // Filled by IndexWriter when written (passage_record.h's id, section and deep link, the source).
  std::string passage_id, section, url, source_id, monograph, publisher;
  bool operator==(const EvidenceClaim&) const = default;
};

// What the segmenter made of a document: its passages and everything needed to explain them.
struct ParsedDocument {
  Document doc;
  std::vector<std::string> headings;
  std::vector<Passage> passages;
  std::vector<Reference> references;
  std::vector<std::string> dropped;   // boilerplate lines left out of the index
  std::vector<std::string> warnings;  // things an editor should look at
  // passage_forms[i] is the words of passages[i].text, numbered in the FormTable of the
  // MonographParser that parsed the document (FormTable::number): computed once, after the text is
  // final, and shared by the taggers and the IndexWriter (analysis is the largest cost of a build).
  // Empty until then; whoever changes a passage's text must refresh it. Meaningful only beside
  // that parser, as its IndexWriter is.
  std::vector<NumberedWords> passage_forms;
  // The words of the title and of every passage's section heading, numbered in the same table, by
  // heading text: the facet tagger reads the indications and compounds they name, and the
  // IndexWriter their heading terms. Filled by MonographParser once the title is final.
  std::map<std::string, NumberedWords, std::less<>> heading_forms;
  // The grades the document's own evidence table (or tier list) gives each indication slug, with
  // the wording that said so: filled by GradeTagger.
  struct Graded {
    std::vector<std::string> grades;  // a-d
    std::vector<std::string> labels;  // the cells or markers that said so
  };
  std::map<std::string, Graded> graded_indications;
  // Evidence claims of the passages (EvidenceClaims, after the taggers).
  std::vector<EvidenceClaim> claims;
};

}  // namespace pep
