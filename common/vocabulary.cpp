#include "vocabulary.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ascii_case.h"

namespace pep {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// section_headings.tsv's match column.
constexpr std::string_view kWhole = "whole", kContains = "contains";

bool valid_slug(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::ifstream open_or_throw(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw VocabularyError(file.string() + ": cannot read vocabulary file (pass --vocab DIR or set PEPSEARCH_VOCAB to a vocabulary directory such as corpus/vocab)");
  return in;
}

}  // namespace

// Calls `row(columns, where)` for each data line of a TSV file; `where` is "file:line: " for
// error messages. Comment ('#') and blank lines are skipped, CRLF endings accepted.
template <typename Row>
static void for_each_tsv_row(const std::filesystem::path& tsv, Row row) {
  std::ifstream in = open_or_throw(tsv);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    row(split(line, '\t'), tsv.string() + ":" + std::to_string(n) + ": ");
  }
}

std::vector<Concept> load_concepts(const std::filesystem::path& tsv) {
  std::vector<Concept> out;
  for_each_tsv_row(tsv, [&out](const std::vector<std::string>& cols, const std::string& where) {
    if (cols.size() < 2 || cols.size() > 4)
      throw VocabularyError(where + "expected 'slug<TAB>name<TAB>alias|alias<TAB>parent', got " + std::to_string(cols.size()) + " column(s)");
    Concept c{trim(cols[0]), trim(cols[1]), {}, cols.size() == 4 ? trim(cols[3]) : ""};
    if (!valid_slug(c.slug)) throw VocabularyError(where + "slug '" + c.slug + "' must be lowercase letters, digits and '-'");
    if (c.name.empty()) throw VocabularyError(where + "empty display name");
    if (cols.size() >= 3 && !(cols.size() == 4 && trim(cols[2]).empty()))
      for (auto& a : split(cols[2], '|')) {
        a = trim(a);
        if (a.empty()) throw VocabularyError(where + "empty alias (check for '||' or a trailing '|')");
        c.aliases.push_back(a);
      }
    for (const auto& prev : out)
      if (prev.slug == c.slug) throw VocabularyError(where + "duplicate slug '" + c.slug + "'");
    if (!c.parent.empty() && !valid_slug(c.parent)) throw VocabularyError(where + "parent '" + c.parent + "' must be a slug");
    out.push_back(std::move(c));
  });
  for (const auto& c : out) {
    if (c.parent.empty()) continue;
    if (std::none_of(out.begin(), out.end(), [&](const Concept& p) { return p.slug == c.parent; }))
      throw VocabularyError(tsv.string() + ": the parent '" + c.parent + "' of '" + c.slug + "' is not a slug of this file");
    if (with_ancestors(out, c.slug).size() > out.size())
      throw VocabularyError(tsv.string() + ": the parents of '" + c.slug + "' make a cycle");
  }
  return out;
}

std::vector<std::string> with_ancestors(const std::vector<Concept>& concepts, const std::string& slug) {
  std::vector<std::string> out{slug};
  // Bounded: a cycle (refused when loading) stops after one pass more than the list's length.
  for (size_t step = 0; step <= concepts.size(); ++step) {
    auto it = std::find_if(concepts.begin(), concepts.end(), [&](const Concept& c) { return c.slug == out.back(); });
    if (it == concepts.end() || it->parent.empty()) break;
    out.push_back(it->parent);
  }
  return out;
}

std::vector<FindingCue> load_finding_cues(const std::filesystem::path& tsv) {
  std::vector<FindingCue> out;
  for_each_tsv_row(tsv, [&out](const std::vector<std::string>& cols, const std::string& where) {
    if (cols.size() != 2) throw VocabularyError(where + "expected 'finding<TAB>phrase'");
    const std::optional<Finding> f = parse_finding(trim(cols[0]));
    if (!f || *f == Finding::unstated) throw VocabularyError(where + "finding must be 'positive', 'null' or 'negative', got '" + trim(cols[0]) + "'");
    FindingCue cue{*f, trim(cols[1])};
    if (cue.phrase.empty() || cue.phrase != ascii_lower(cue.phrase)) throw VocabularyError(where + "write the phrase in lower case");
    out.push_back(std::move(cue));
  });
  return out;
}

TrialWords load_trial_words(const std::filesystem::path& tsv) {
  TrialWords out;
  for_each_tsv_row(tsv, [&out](const std::vector<std::string>& cols, const std::string& where) {
    if (cols.size() != 2) throw VocabularyError(where + "expected 'kind<TAB>phrase'");
    const std::string kind = trim(cols[0]), phrase = trim(cols[1]);
    if (phrase.empty()) throw VocabularyError(where + "empty phrase");
    if (kind == "design") out.designs.push_back(phrase);
    else if (kind == "participants") out.participants.push_back(phrase);
    else throw VocabularyError(where + "kind must be 'design' or 'participants', got '" + kind + "'");
  });
  return out;
}

std::vector<std::string> load_lines(const std::filesystem::path& file) {
  std::ifstream in = open_or_throw(file);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

std::string_view to_string(GradeScaleKind kind) { return kind == GradeScaleKind::tier ? "tier" : "word"; }

std::optional<GradeScaleKind> parse_grade_scale_kind(std::string_view spelling) {
  for (GradeScaleKind k : {GradeScaleKind::tier, GradeScaleKind::word})
    if (to_string(k) == spelling) return k;
  return std::nullopt;
}

std::vector<GradeScaleEntry> load_grade_scale(const std::filesystem::path& tsv) {
  std::vector<GradeScaleEntry> out;
  for_each_tsv_row(tsv, [&out](const std::vector<std::string>& cols, const std::string& where) {
    if (cols.size() != 3) throw VocabularyError(where + "expected 'kind<TAB>label<TAB>grade'");
    const std::string kind = trim(cols[0]);
    const std::optional<GradeScaleKind> parsed = parse_grade_scale_kind(kind);
    if (!parsed) throw VocabularyError(where + "kind must be 'tier' or 'word', got '" + kind + "'");
    GradeScaleEntry e{*parsed, trim(cols[1]), trim(cols[2])};
    if (e.grade.size() != 1 || e.grade[0] < 'a' || e.grade[0] > 'd') throw VocabularyError(where + "grade must be one of a, b, c, d");
    if (e.label.empty()) throw VocabularyError(where + "empty label");
    out.push_back(std::move(e));
  });
  return out;
}

std::string_view to_string(HeadingKind kind) {
  switch (kind) {
    case HeadingKind::kFaq: return "faq";
    case HeadingKind::kReference: return "reference";
    case HeadingKind::kOverview: return "overview";
  }
  return "faq";
}

std::optional<HeadingKind> parse_heading_kind(std::string_view spelling) {
  for (HeadingKind k : {HeadingKind::kFaq, HeadingKind::kReference, HeadingKind::kOverview})
    if (to_string(k) == spelling) return k;
  return std::nullopt;
}

std::vector<SectionHeading> load_section_headings(const std::filesystem::path& tsv) {
  std::vector<SectionHeading> out;
  for_each_tsv_row(tsv, [&out](const std::vector<std::string>& cols, const std::string& where) {
    if (cols.size() != 3) throw VocabularyError(where + "expected 'kind<TAB>match<TAB>heading'");
    const std::string kind = trim(cols[0]), match = trim(cols[1]);
    SectionHeading h;
    const std::optional<HeadingKind> parsed = parse_heading_kind(kind);
    if (!parsed) throw VocabularyError(where + "kind must be 'faq', 'reference' or 'overview', got '" + kind + "'");
    h.kind = *parsed;
    if (match != kWhole && match != kContains) throw VocabularyError(where + "match must be 'whole' or 'contains', got '" + match + "'");
    h.whole = match == kWhole;
    h.text = trim(cols[2]);
    if (h.text.empty()) throw VocabularyError(where + "empty heading");
    if (h.text != ascii_lower(h.text)) throw VocabularyError(where + "write the heading in lower case (matching ignores case)");
    out.push_back(std::move(h));
  });
  return out;
}

bool SegmenterWords::opens_question(std::string_view text) const {
  for (const auto& w : question_openers)
    if (text.size() > w.size() && text[w.size()] == ' ' && text.compare(0, w.size(), w) == 0) return true;
  return false;
}

bool SegmenterWords::heading_is(HeadingKind kind, std::string_view heading) const {
  const std::string l = ascii_lower(std::string(heading));
  for (const auto& h : section_headings)
    if (h.kind == kind && (h.whole ? l == h.text : l.find(h.text) != std::string::npos)) return true;
  return false;
}

Vocabulary Vocabulary::load(const std::filesystem::path& dir) {
  Vocabulary v;
  v.compounds = load_concepts(dir / "compounds.tsv");
  v.indications = load_concepts(dir / "indications.tsv");
  v.evidence = load_concepts(dir / "evidence.tsv");
  v.terms = load_concepts(dir / "terms.tsv");
  v.consumer_terms = load_concepts(dir / "consumer_terms.tsv");
  v.grade_scale = load_grade_scale(dir / "grade_scale.tsv");
  v.stopwords = load_lines(dir / "stopwords.list");
  v.question_filler = load_lines(dir / "question_filler.list");
  for (const auto& f : v.question_filler)
    if (f != ascii_lower(f)) throw VocabularyError((dir / "question_filler.list").string() + ": write '" + f + "' in lower case (matching ignores case)");
  v.boilerplate = load_lines(dir / "boilerplate.list");
  v.segmenter.question_openers = load_lines(dir / "question_openers.list");
  v.segmenter.section_headings = load_section_headings(dir / "section_headings.tsv");
  v.segmenter.publisher_cues = load_lines(dir / "publisher_cues.list");
  v.result_units = load_lines(dir / "result_units.list");
  v.finding_cues = load_finding_cues(dir / "findings.tsv");
  v.trial_words = load_trial_words(dir / "trial_words.tsv");
  for (const auto& u : v.result_units)
    if (u != ascii_lower(u)) throw VocabularyError((dir / "result_units.list").string() + ": write '" + u + "' in lower case (matching ignores case)");
  return v;
}

namespace {
nlohmann::json concepts_json(const std::vector<Concept>& cs) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : cs) {
    a.push_back({{"slug", c.slug}, {"name", c.name}, {"aliases", c.aliases}});
    if (!c.parent.empty()) a.back()["parent"] = c.parent;
  }
  return a;
}
std::vector<Concept> concepts_from(const nlohmann::json& a) {
  std::vector<Concept> out;
  for (const auto& j : a)
    out.push_back({j.at("slug"), j.at("name"), j.at("aliases").get<std::vector<std::string>>(), j.value("parent", std::string())});
  return out;
}
// The indexer's word lists are stored too, though the search side never reads them: the
// manifest's vocabulary digest is the SHA-256 of this JSON, so a change to any list changes it.
nlohmann::json indexer_lists_json(const Vocabulary& v) {
  nlohmann::json grades = nlohmann::json::array();
  for (const auto& e : v.grade_scale) grades.push_back({e.kind, e.label, e.grade});
  nlohmann::json headings = nlohmann::json::array();
  for (const auto& h : v.segmenter.section_headings)
    headings.push_back({to_string(h.kind), h.whole ? kWhole : kContains, h.text});
  nlohmann::json cues = nlohmann::json::array();
  for (const auto& c : v.finding_cues) cues.push_back({to_string(c.finding), c.phrase});
  return {{"grade_scale", grades},
          {"finding_cues", cues},
          {"trial_designs", v.trial_words.designs},
          {"trial_participants", v.trial_words.participants},
          {"question_openers", v.segmenter.question_openers},
          {"section_headings", headings},
          {"publisher_cues", v.segmenter.publisher_cues},
          {"result_units", v.result_units}};
}
}  // namespace

std::string Vocabulary::to_json() const {
  nlohmann::json j{{"compounds", concepts_json(compounds)},
                   {"indications", concepts_json(indications)},
                   {"evidence", concepts_json(evidence)},
                   {"terms", concepts_json(terms)},
                   {"consumer_terms", concepts_json(consumer_terms)},
                   {"stopwords", stopwords},
                   {"question_filler", question_filler},
                   {"boilerplate", boilerplate},
                   {"indexer", indexer_lists_json(*this)}};
  return j.dump();
}

Vocabulary Vocabulary::from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  Vocabulary v;
  v.compounds = concepts_from(j.at("compounds"));
  v.indications = concepts_from(j.at("indications"));
  v.evidence = concepts_from(j.at("evidence"));
  v.terms = concepts_from(j.at("terms"));
  v.consumer_terms = concepts_from(j.at("consumer_terms"));
  v.stopwords = j.at("stopwords").get<std::vector<std::string>>();
  // An index of this schema built before the list existed has none: its queries keep their filler.
  v.question_filler = j.value("question_filler", std::vector<std::string>{});
  v.boilerplate = j.at("boilerplate").get<std::vector<std::string>>();
  return v;
}

ConceptMatcher::ConceptMatcher(const std::vector<Concept>& concepts, const TextAnalyzer& analyzer)
    : concepts_(concepts), analyzer_(analyzer) {
  for (size_t i = 0; i < concepts_.size(); ++i) {
    std::vector<std::string> names = concepts_[i].aliases;
    names.push_back(concepts_[i].name);
    for (const auto& name : names) {
      const MatchKeys m = match_keys(analyzer_.analyze(name), analyzer_);
      if (m.size() > 0) patterns_.push_back({m.stems, i});
    }
  }
  // Longest first, so "renal cell carcinoma" wins over a shorter alias at the same place.
  std::stable_sort(patterns_.begin(), patterns_.end(),
                   [](const Pattern& a, const Pattern& b) { return a.keys.size() > b.keys.size(); });
  for (size_t i = 0; i < patterns_.size(); ++i) {
    const size_t h = std::hash<std::string>{}(patterns_[i].keys[0]);
    by_first_key_[h].push_back(i);
    first_key_bits_[(h % kFirstKeyBits) / 64] |= uint64_t{1} << (h % 64);
  }
}

MatchKeys match_keys(const std::vector<Word>& words, const TextAnalyzer& analyzer) {
  MatchKeys m;
  for (size_t i = 0; i < words.size(); ++i) {
    auto add = [&](const std::string& form, bool first) {
      m.hashes.push_back(std::hash<std::string_view>{}(m.stems.emplace_back(analyzer.stem(form))));
      m.word_of.push_back(i);
      m.starts_word.push_back(first);
    };
    if (words[i].parts.empty()) add(words[i].form, true);
    else
      for (size_t p = 0; p < words[i].parts.size(); ++p) add(words[i].parts[p], p == 0);
  }
  return m;
}

MatchKeys match_keys(const NumberedWords& words, const FormTable& forms) {
  MatchKeys m;
  const FormIds& ids = words.ids;
  m.forms = &forms;
  m.form_ids.reserve(ids.size());
  m.hashes.reserve(ids.size());
  m.word_of.reserve(ids.size());
  m.starts_word.reserve(ids.size());
  words.for_each_word([&](size_t w, uint32_t form_id, std::span<const uint32_t> part_ids) {
    auto add = [&](uint32_t id, bool first) {
      m.form_ids.push_back(id);
      m.hashes.push_back(forms.stem_hash(id));
      m.word_of.push_back(w);
      m.starts_word.push_back(first);
    };
    if (part_ids.empty()) add(form_id, true);
    for (size_t p = 0; p < part_ids.size(); ++p) add(part_ids[p], p == 0);
  });
  return m;
}

std::vector<ConceptMatch> ConceptMatcher::find(const MatchKeys& m) const {
  const size_t size = m.size();
  const auto& word_of = m.word_of;
  const auto& starts_word = m.starts_word;
  std::vector<ConceptMatch> out;
  size_t matched_until = 0;  // matches go left to right and do not overlap
  for (size_t start = 0; start < size; ++start) {
    if (!starts_word[start] || start < matched_until) continue;
    const size_t h = m.hashes[start];
    if (!(first_key_bits_[(h % kFirstKeyBits) / 64] >> (h % 64) & 1)) continue;
    const auto candidates = by_first_key_.find(h);
    if (candidates == by_first_key_.end()) continue;
    for (size_t pattern_index : candidates->second) {
      const Pattern& pat = patterns_[pattern_index];
      const size_t n = pat.keys.size();
      if (start + n > size) continue;
      // A match must end on a word boundary: "ta1" must not match inside "beta1".
      if (start + n < size && !starts_word[start + n]) continue;
      size_t same = 0;
      while (same < n && pat.keys[same] == m.key(start + same)) ++same;
      if (same < n) continue;
      out.push_back({&concepts_[pat.concept_index], word_of[start], word_of[start + n - 1]});
      matched_until = start + n;
      break;
    }
  }
  return out;
}

}  // namespace pep
