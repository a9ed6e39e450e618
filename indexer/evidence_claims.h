// EvidenceClaims: the stage after the taggers that turns what passages state about the
// document's compound into EvidenceClaims (monograph.h), one per (passage, indication, trial).
//
// A passage is read clause by clause (sentences, split again at "; ", ", but", ", while"). A
// clause that names indications makes them the current ones (a name used to describe the
// participants, "HIV-positive patients", only when none is current); a clause that names a trial
// (an upper-case name before "trial"/"RCT"/"study"/"Phase", a size "361 adults" / "n=25", a
// design phrase, a year) makes it the current trial, until the indications change. A clause
// states something when it holds a grade ("Grade B", "[T1]", a table row's grade column), a
// trial, a finding cue or a reported figure (result_detector.h); it then counts for each current
// indication and the current trial. Each (indication, trial) of a passage with such clauses is a
// claim: its grade is the best its clauses state, else what the passage states for the
// indication, else the document's evidence table's (doc.graded_indications); its finding is the
// majority of its clauses' cues (findings.tsv, longest first; a tie goes to the later clause);
// the trial's words come from trial_words.tsv. Claims are made for the document's subject
// compound only (doc.doc.compound), and none for a document without one.
//
// No errors; const and stateless after construction (one per parser, like the taggers).
#pragma once

#include <regex>
#include <string>
#include <vector>

#include "facet_tagger.h"
#include "grade_tagger.h"
#include "monograph.h"
#include "vocabulary.h"

namespace pep {

class EvidenceClaims {
 public:
  // The taggers must outlive this object.
  EvidenceClaims(const Vocabulary& vocabulary, const FacetTagger& facets, const GradeTagger& grades);
  // Replaces doc.claims. Needs the facets, grades and citations set (after GradeTagger::tag).
  void extract(ParsedDocument& doc) const;

  // The pieces, public for the unit tests that pin them on sentences.
  Finding finding_in(const std::string& clause) const;
  // The trial a clause names; nullopt when it names none (no name, size or design).
  std::optional<TrialInfo> trial_in(const std::string& clause) const;

 private:
  struct PassageState;
  void read_clause(const std::string& clause, PassageState& state) const;
  void emit(ParsedDocument& doc, size_t passage, PassageState& state) const;

  const Vocabulary& vocab_;
  const FacetTagger& facets_;
  const GradeTagger& grades_;
  std::vector<FindingCue> cues_;  // longest phrase first
  std::regex size_;               // "361 adults", "202-patient": participants words from trial_words.tsv
};

// `text` in clauses: sentences, and their parts after "; ", ", but ", ", while ", ", whereas ".
std::vector<std::string> split_clauses(const std::string& text);

}  // namespace pep
