// Vocabulary: the named things pepsearch recognises (compounds, indications), loaded from the
// TSV files under corpus/vocab/, and a matcher that finds them in analyzed text.
//
// File format (corpus/vocab/README.md): one concept per line, tab-separated
//   slug <TAB> display name <TAB> alias|alias|...
// '#' starts a comment line; blank lines are ignored. Slugs are lowercase [a-z0-9-].
// The word lists the segmenter reads (question openers, section headings, publisher cues) are
// loaded with them into SegmenterWords. A malformed line throws VocabularyError naming the file
// and line. Threading: loading is a plain function; a loaded Vocabulary is read-only values.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "form_table.h"
#include "monograph.h"
#include "text_analyzer.h"

namespace pep {

struct VocabularyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Concept {
  std::string slug;
  std::string name;
  std::vector<std::string> aliases;  // every other way of writing it (the name is implied)
  std::string parent;                // the broader concept's slug (an optional 4th column), "" at the top
};

// Throws VocabularyError for a malformed line, a duplicate slug, or a parent that is not a slug of
// the same file or that makes a cycle.
std::vector<Concept> load_concepts(const std::filesystem::path& tsv);
// `slug` and its ancestors in `concepts`, nearest first ({"hepatitis-b", "viral-hepatitis"}).
std::vector<std::string> with_ancestors(const std::vector<Concept>& concepts, const std::string& slug);

// A finding cue (findings.tsv): a lower-case phrase that says how a result came out.
struct FindingCue {
  Finding finding = Finding::unstated;
  std::string phrase;
};
std::vector<FindingCue> load_finding_cues(const std::filesystem::path& tsv);
// trial_words.tsv: phrases naming a trial's design, and the nouns that make a number its size.
struct TrialWords {
  std::vector<std::string> designs;
  std::vector<std::string> participants;
};
TrialWords load_trial_words(const std::filesystem::path& tsv);
// One entry per line, '#' comments; used for stop words and boilerplate lines.
std::vector<std::string> load_lines(const std::filesystem::path& file);

// All vocabularies an index is built with. The indexer stores them in the index (to_json) so the
// search side always expands queries with exactly the vocabulary the passages were tagged with.
// One row of grade_scale.tsv: a tier label ("T1") or a legend word ("preclinical") -> grade a-d.
// Its kind is spelled "tier" or "word" in the file; to_string / parse_grade_scale_kind map the two.
enum class GradeScaleKind { tier, word };
std::string_view to_string(GradeScaleKind kind);
std::optional<GradeScaleKind> parse_grade_scale_kind(std::string_view spelling);

struct GradeScaleEntry {
  GradeScaleKind kind = GradeScaleKind::tier;
  std::string label;
  std::string grade;
};

std::vector<GradeScaleEntry> load_grade_scale(const std::filesystem::path& tsv);

// Section headings that change how the segmenter reads what follows (section_headings.tsv).
// kOverview: a section that introduces its subject ("Summary", "Overview"): its passages are overviews.
enum class HeadingKind { kFaq, kReference, kOverview };
std::string_view to_string(HeadingKind kind);  // "faq", "reference", "overview", as the file spells them
std::optional<HeadingKind> parse_heading_kind(std::string_view spelling);
struct SectionHeading {
  HeadingKind kind = HeadingKind::kFaq;
  bool whole = true;  // true: the whole heading, lower-cased, equals `text`; false: contains it
  std::string text;   // lower case
};
std::vector<SectionHeading> load_section_headings(const std::filesystem::path& tsv);

// The English words the indexer's segmenter reads a document with: data, not code.
struct SegmenterWords {
  std::vector<std::string> question_openers;  // "Is", "What": a line starting "Is " opens a question
  std::vector<SectionHeading> section_headings;
  std::vector<std::string> publisher_cues;     // "by", "with a": "by True Heal Wellness" names a publisher

  // Whether `text` starts with a question opener followed by a space (case-sensitive).
  bool opens_question(std::string_view text) const;
  bool is_faq_heading(std::string_view heading) const { return heading_is(HeadingKind::kFaq, heading); }
  bool is_reference_heading(std::string_view heading) const { return heading_is(HeadingKind::kReference, heading); }
  bool heading_is(HeadingKind kind, std::string_view heading) const;
};

struct Vocabulary {
  std::vector<Concept> compounds;
  std::vector<Concept> indications;
  std::vector<Concept> evidence;         // evidence types (RCT, animal, ...)
  std::vector<Concept> terms;            // abbreviations and their spelled-out forms, for queries
  std::vector<Concept> consumer_terms;   // readers' words for subjects ("high blood pressure"), for queries
  std::vector<GradeScaleEntry> grade_scale;
  std::vector<std::string> stopwords;
  std::vector<std::string> question_filler;  // "where can i find information about": phrases dropped from queries
  std::vector<std::string> boilerplate;  // lines (or line prefixes ending in '*') that are not content
  SegmenterWords segmenter;              // question openers, section headings, publisher cues
  std::vector<std::string> result_units;  // "mg", "patients": a number before one is a reported figure
  std::vector<FindingCue> finding_cues;  // how an evidence claim's finding is judged (indexer only)
  TrialWords trial_words;                 // how a claim's trial is read (indexer only)

  static Vocabulary load(const std::filesystem::path& dir);
  std::string to_json() const;
  static Vocabulary from_json(const std::string& json);
};

struct ConceptMatch {
  const Concept* concept_;  // points into the matcher's concept list
  size_t first_word;        // index into the analyzed words
  size_t last_word;         // inclusive
};

// The stems of analysed words, piece by piece, as ConceptMatcher compares them. Computing them is
// most of the cost of a match: compute them once per text and give them to every matcher.
// Key i's hash is always at hand; its text (key(i)) is read only where a name may start.
struct MatchKeys {
  std::vector<size_t> hashes;     // std::hash of each key, computed once for every matcher
  std::vector<size_t> word_of;    // the word each key came from
  std::vector<uint8_t> starts_word;  // 1 where a key is the first piece of its word (bytes:
                                     // find() reads one per key, and vector<bool>'s bits cost 1.3%)
  // The keys' text: `stems` when made with a TextAnalyzer; else the stems of `form_ids` in `forms`.
  std::vector<std::string> stems;
  std::vector<uint32_t> form_ids;
  const FormTable* forms = nullptr;

  size_t size() const { return hashes.size(); }
  std::string_view key(size_t i) const { return forms ? std::string_view(forms->info(form_ids[i]).stem) : std::string_view(stems[i]); }
};
MatchKeys match_keys(const std::vector<Word>& words, const TextAnalyzer& analyzer);
// The same keys for words a FormTable has numbered (forms.number(text) for words =
// analyze(text)), without stemming or hashing anything again. The keys refer to `forms`, which
// must outlive them.
MatchKeys match_keys(const NumberedWords& words, const FormTable& forms);

// Finds concept names and aliases in analyzed text, on word pieces and stems, so "Thymosin
// Alpha-1", "thymosin alpha 1" and "thymosin α1" all match the alias "thymosin alpha-1".
// Longest match wins where names overlap.
class ConceptMatcher {
 public:
  ConceptMatcher(const std::vector<Concept>& concepts, const TextAnalyzer& analyzer);
  std::vector<ConceptMatch> find(const std::vector<Word>& words) const { return find(match_keys(words, analyzer_)); }
  std::vector<ConceptMatch> find(const MatchKeys& keys) const;
  const std::vector<Concept>& concepts() const { return concepts_; }

 private:
  struct Pattern {
    std::vector<std::string> keys;  // stems of the pieces
    size_t concept_index;
  };
  std::vector<Concept> concepts_;
  std::vector<Pattern> patterns_;
  // Hash of the first key -> indexes into patterns_ (longest first): find() only tries names that
  // can start here. Keyed by the hash MatchKeys carries, so four matchers over a passage hash each
  // key once; a collision only costs the comparison find() makes anyway.
  std::unordered_map<size_t, std::vector<size_t>> by_first_key_;
  // One bit per (hash mod 2^16) of a first key: most words start no name, and testing a bit is
  // far cheaper than the map lookup it spares (find() was 3.7% of a MedQuAD build's CPU).
  static constexpr size_t kFirstKeyBits = size_t{1} << 16;
  std::vector<uint64_t> first_key_bits_ = std::vector<uint64_t>(kFirstKeyBits / 64, 0);
  const TextAnalyzer& analyzer_;
};

}  // namespace pep
