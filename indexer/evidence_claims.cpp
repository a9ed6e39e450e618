#include "evidence_claims.h"

#include <algorithm>
#include <map>

#include "ascii_case.h"
#include "result_detector.h"

namespace pep {
namespace {

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Where lower-case `phrase` occurs in lower-case `text` as whole words, from `from`; npos if not.
size_t find_words(const std::string& text, const std::string& phrase, size_t from = 0) {
  for (size_t at = text.find(phrase, from); at != std::string::npos; at = text.find(phrase, at + 1)) {
    const size_t end = at + phrase.size();
    if ((at == 0 || !word_char(text[at - 1])) && (end >= text.size() || !word_char(text[end]))) return at;
  }
  return std::string::npos;
}

int number(std::string digits) {
  digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
  return digits.size() > 9 ? 0 : std::stoi(digits);
}

std::string escaped(const std::string& s) {
  static const std::regex kSpecial(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(s, kSpecial, R"(\$&)");
}

std::string best_grade(const std::vector<std::string>& grades) {
  return grades.empty() ? "" : *std::min_element(grades.begin(), grades.end());
}

std::string joined(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& l : labels) out += (out.empty() ? "" : "; ") + l;
  return out;
}

// A trial the clause names continues the current one when their names or sizes agree, or when
// it says no more than a design.
bool same_trial(const TrialInfo& a, const TrialInfo& b) {
  if (!a.name.empty() && !b.name.empty()) return a.name == b.name;
  if (a.n > 0 && b.n > 0) return a.n == b.n;
  return (b.name.empty() && b.n == 0) || (a.name.empty() && a.n == 0);
}

// Whether two statements name one trial, for the claims: by name, else by size, else by design.
bool same_identity(const TrialInfo& a, const TrialInfo& b) {
  if (!a.name.empty() || !b.name.empty()) return a.name == b.name;
  if (a.n > 0 || b.n > 0) return a.n == b.n;
  return a.design == b.design;
}

void fill_missing(TrialInfo& into, const TrialInfo& from) {
  if (into.name.empty()) into.name = from.name;
  if (into.design.empty()) into.design = from.design;
  if (into.n == 0) into.n = from.n;
  if (into.year == 0) into.year = from.year;
}

// One (indication, trial) of a passage while its clauses are read.
struct Builder {
  std::string indication;
  std::optional<TrialInfo> trial;
  GradeStatement grades;
  int positive = 0, null = 0, negative = 0;
  Finding last = Finding::unstated;

  void count(Finding f) {
    if (f == Finding::positive) ++positive;
    if (f == Finding::null) ++null;
    if (f == Finding::negative) ++negative;
    if (f != Finding::unstated) last = f;
  }
  // The majority; null and negative side together against positive, negative when it has any.
  Finding finding() const {
    const int against = null + negative;
    if (positive == 0 && against == 0) return Finding::unstated;
    const Finding contrary = negative > 0 ? Finding::negative : Finding::null;
    if (positive > against) return Finding::positive;
    if (against > positive) return contrary;
    return last == Finding::positive ? Finding::positive : contrary;
  }
};

}  // namespace

struct EvidenceClaims::PassageState {
  std::vector<std::string> current;    // the indications the clauses speak of
  std::optional<TrialInfo> trial;      // the trial they speak of
  std::vector<Builder> builders;
  std::map<std::string, GradeStatement> stated;  // indication -> grades the passage states for it

  Builder& builder(const std::string& indication) {
    for (auto& b : builders)
      if (b.indication == indication && b.trial.has_value() == trial.has_value() && (!trial || same_identity(*b.trial, *trial))) {
        if (trial) fill_missing(*b.trial, *trial);
        return b;
      }
    builders.push_back({indication, trial, {}, 0, 0, 0, Finding::unstated});
    return builders.back();
  }
};

std::vector<std::string> split_clauses(const std::string& text) {
  static const std::regex kBreak(R"((?:[.;?!](?=\s))|(?=,\s(?:but|while|whereas)\s))");
  std::vector<std::string> out;
  size_t start = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), kBreak), end; it != end; ++it) {
    const size_t at = static_cast<size_t>(it->position()) + static_cast<size_t>(it->length());
    if (at > start) out.push_back(text.substr(start, at - start));
    start = at;
  }
  if (start < text.size()) out.push_back(text.substr(start));
  for (auto& c : out) {
    const size_t b = c.find_first_not_of(" ,");
    c = b == std::string::npos ? "" : c.substr(b);
  }
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

EvidenceClaims::EvidenceClaims(const Vocabulary& vocabulary, const FacetTagger& facets, const GradeTagger& grades)
    : vocab_(vocabulary), facets_(facets), grades_(grades), cues_(vocabulary.finding_cues) {
  std::stable_sort(cues_.begin(), cues_.end(), [](const FindingCue& a, const FindingCue& b) { return a.phrase.size() > b.phrase.size(); });
  std::string nouns;
  for (const auto& p : vocabulary.trial_words.participants) nouns += (nouns.empty() ? "" : "|") + escaped(p);
  if (nouns.empty()) nouns = "(?!)";  // no participants words: no sizes
  size_ = std::regex(R"((?:^|[^\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:-| )((?:[A-Za-z-]+ ){0,2})(?:)" + nouns + R"()\b)",
                     std::regex::icase);
}

Finding EvidenceClaims::finding_in(const std::string& clause) const {
  const std::string text = ascii_lower(clause);
  std::vector<bool> taken(text.size(), false);
  Builder tally;
  for (const auto& cue : cues_)
    for (size_t at = find_words(text, cue.phrase); at != std::string::npos; at = find_words(text, cue.phrase, at + 1)) {
      if (std::any_of(taken.begin() + static_cast<long>(at), taken.begin() + static_cast<long>(at + cue.phrase.size()),
                      [](bool t) { return t; }))
        continue;
      std::fill(taken.begin() + static_cast<long>(at), taken.begin() + static_cast<long>(at + cue.phrase.size()), true);
      tally.count(cue.finding);
    }
  return tally.finding();
}

std::optional<TrialInfo> EvidenceClaims::trial_in(const std::string& clause) const {
  TrialInfo t;
  std::smatch m;
  static const std::regex kName(
      R"(\b([A-Z][A-Z0-9]{2,})\b,?\s(?:(?:a|an|the)\s)?(?:[A-Za-z0-9-]+\s){0,4}?(?:trial|RCT|study|Phase)\b)");
  for (std::sregex_iterator it(clause.begin(), clause.end(), kName), end; it != end && t.name.empty(); ++it) {
    const std::string name = (*it)[1].str();
    const bool design_word = std::any_of(vocab_.trial_words.designs.begin(), vocab_.trial_words.designs.end(),
                                         [&](const std::string& d) { return ascii_lower(d) == ascii_lower(name); });
    const bool roman = name.find_first_not_of("IVX") == std::string::npos;  // "Phase III trial"
    const bool term = std::any_of(vocab_.terms.begin(), vocab_.terms.end(), [&](const Concept& c) { return c.name == name || std::count(c.aliases.begin(), c.aliases.end(), name); });
    if (!design_word && !roman && !term && !facets_.names_concept(name)) t.name = name;
  }
  static const std::regex kN(R"(\bn\s*=\s*(\d[\d,]*))");
  // "361 adult ICU patients", but not "thymosin alpha 1 in patients": no stop word between.
  for (std::sregex_iterator it(clause.begin(), clause.end(), size_), end; it != end && t.n == 0; ++it) {
    const std::string between = ascii_lower((*it)[2].str());
    const bool stop = std::any_of(vocab_.stopwords.begin(), vocab_.stopwords.end(),
                                  [&](const std::string& w) { return find_words(between, w) != std::string::npos; });
    if (!stop) t.n = number((*it)[1].str());
  }
  if (t.n == 0 && std::regex_search(clause, m, kN)) t.n = number(m[1].str());
  const std::string lower = ascii_lower(clause);
  size_t first = std::string::npos;
  for (const auto& d : vocab_.trial_words.designs) {
    const size_t at = find_words(lower, ascii_lower(d));
    if (at < first) first = at, t.design = clause.substr(at, d.size());
  }
  if (t.name.empty() && t.n == 0 && t.design.empty()) return std::nullopt;
  static const std::regex kYear(R"(\b(19[5-9]\d|20[0-4]\d)\b)");
  if (std::regex_search(clause, m, kYear)) t.year = std::stoi(m[1].str());
  return t;
}

void EvidenceClaims::read_clause(const std::string& clause, PassageState& state) const {
  if (clause.back() == '?') return;  // a question states nothing
  std::vector<std::string> named;
  for (const auto& mention : facets_.indication_mentions(clause)) {
    const bool describes_people = std::any_of(vocab_.trial_words.participants.begin(), vocab_.trial_words.participants.end(),
                                              [&](const std::string& w) { return ascii_lower(w) == mention.next_word; });
    if (!describes_people || state.current.empty()) add_unique(named, mention.slug);
  }
  if (!named.empty() && named != state.current) {
    state.current = named;
    state.trial.reset();
  }
  if (state.current.empty()) return;
  const std::optional<TrialInfo> trial = trial_in(clause);
  // "..., but the larger Phase 3 found none": a contrast opens another trial.
  static const std::regex kContrast(R"(^(?:but|while|whereas)\b)", std::regex::icase);
  if (trial) {
    if (state.trial && same_trial(*state.trial, *trial) && !std::regex_search(clause, kContrast)) fill_missing(*state.trial, *trial);
    else state.trial = trial;
  }
  // Figures only: a grade is not a result ("lowers VEGF (Grade B)" is not about this trial).
  Passage piece;
  piece.text = std::regex_replace(clause, std::regex("Grade "), "grade ");
  const bool figures = result_strength(piece, vocab_.result_units) > 0;
  // Only a clause that names the indication or a trial, or states figures, speaks of them: the
  // rest of a passage ("a caution against assuming benefit") is commentary.
  if (named.empty() && !trial && !figures) return;
  const GradeStatement grades = grades_.grades_in(clause);
  const Finding finding = finding_in(clause);
  if (!named.empty())
    for (const auto& ind : state.current) {
      for (const auto& g : grades.grades) add_unique(state.stated[ind].grades, g);
      for (const auto& l : grades.labels) add_unique(state.stated[ind].labels, l);
    }
  // A clause with only a grade grades the indication, not a trial of it.
  if (!trial && finding == Finding::unstated && !figures) return;
  for (const auto& ind : state.current) {
    Builder& b = state.builder(ind);
    b.count(finding);
    for (const auto& g : grades.grades) add_unique(b.grades.grades, g);
    for (const auto& l : grades.labels) add_unique(b.grades.labels, l);
  }
}

void EvidenceClaims::emit(ParsedDocument& doc, size_t passage, PassageState& state) const {
  const Passage& p = doc.passages[passage];
  // An indication the passage grades without a result of it is a claim of its own.
  for (const auto& stated : state.stated) {
    const std::string& ind = stated.first;  // a named copy: clang 14 cannot capture a structured binding
    if (!stated.second.grades.empty() &&
        std::none_of(state.builders.begin(), state.builders.end(), [&](const Builder& b) { return b.indication == ind; }))
      state.builders.push_back({ind, std::nullopt, {}, 0, 0, 0, Finding::unstated});
  }
  for (const auto& b : state.builders) {
    EvidenceClaim c;
    c.compound = doc.doc.compound;
    c.indication = b.indication;
    GradeStatement grades = b.grades;
    if (grades.grades.empty()) grades = state.stated[b.indication];
    if (grades.grades.empty())
      if (auto table = doc.graded_indications.find(b.indication); table != doc.graded_indications.end())
        grades = {table->second.grades, table->second.labels};
    c.grade = best_grade(grades.grades);
    if (!c.grade.empty()) c.grade_label = joined(grades.labels);
    if (auto ev = p.facets.find("evidence"); ev != p.facets.end() && !ev->second.empty()) c.evidence = ev->second.front();
    c.finding = b.finding();
    c.trial = b.trial;
    c.references = p.citations;
    c.passage = passage;
    c.section = p.section;
    doc.claims.push_back(std::move(c));
  }
}

void EvidenceClaims::extract(ParsedDocument& doc) const {
  doc.claims.clear();
  if (doc.doc.compound.empty()) return;
  for (size_t i = 0; i < doc.passages.size(); ++i) {
    const Passage& p = doc.passages[i];
    if (p.facets.find("indication") == p.facets.end()) continue;  // names no indication, nor does its heading
    PassageState state;
    state.current = facets_.indications_in(p.section);
    const GradeStatement row = grades_.row_grade(p);
    if (!row.grades.empty() && !p.fields.empty())
      for (const auto& ind : facets_.indications_in(p.fields.front().second)) state.stated[ind] = row;
    for (const auto& clause : split_clauses(p.text)) read_clause(clause, state);
    emit(doc, i, state);
  }
}

}  // namespace pep
