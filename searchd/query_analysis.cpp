#include "query_analysis.h"

#include <algorithm>
#include <cctype>

#include "index_schema.h"

namespace pep {
namespace {

const std::string kZ(schema::kStemPrefix);

bool alphabetic(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
}

// Edits between a and b, an adjacent swap counting one ("pnuemonia" -> "pneumonia"): the optimal
// string alignment distance; limit + 1 once it must exceed `limit`.
size_t edit_distance(const std::string& a, const std::string& b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Byte ranges inside double quotes (straight or curly); an unclosed quote runs to the end.
std::vector<std::pair<size_t, size_t>> quoted_spans(const std::string& text) {
  std::vector<std::pair<size_t, size_t>> spans;
  auto quote_at = [&](size_t i) -> size_t {  // length of a quote mark at i, or 0
    if (text[i] == '"') return 1;
    if (text.compare(i, 3, "\xE2\x80\x9C") == 0 || text.compare(i, 3, "\xE2\x80\x9D") == 0) return 3;
    return 0;
  };
  size_t open = std::string::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t n = quote_at(i);
    if (!n) continue;
    if (open == std::string::npos) {
      open = i + n;
    } else {
      spans.emplace_back(open, i);
      open = std::string::npos;
    }
    i += n - 1;
  }
  if (open != std::string::npos) spans.emplace_back(open, text.size());
  return spans;
}

}  // namespace

QueryAnalyser::QueryAnalyser(const Xapian::Database& db, const Vocabulary& vocabulary, const TermDictionary& forms,
                             const TextAnalyzer& analyzer, const EnglishWords* english)
    : db_(db), forms_(forms), analyzer_(analyzer), english_(english), concepts_([&] {
        std::vector<Concept> all = vocabulary.compounds;
        all.insert(all.end(), vocabulary.indications.begin(), vocabulary.indications.end());
        all.insert(all.end(), vocabulary.terms.begin(), vocabulary.terms.end());
        all.insert(all.end(), vocabulary.consumer_terms.begin(), vocabulary.consumer_terms.end());
        return all;
      }(), analyzer) {
  stopwords_.insert(vocabulary.stopwords.begin(), vocabulary.stopwords.end());
  for (const auto& phrase : vocabulary.question_filler) {
    std::vector<std::string> forms;
    for (const Word& w : analyzer_.analyze(phrase)) forms.push_back(w.form);
    if (!forms.empty()) filler_.push_back(std::move(forms));
  }
  std::stable_sort(filler_.begin(), filler_.end(), [](const auto& x, const auto& y) { return x.size() > y.size(); });
}

// Question filler ("where can i find information about") is dropped like stop words, but only
// where its words are plain words (not quoted, not part of a name) and only when a word that is
// neither filler nor a stop word is left to search.
void QueryAnalyser::mark_filler(QueryAnalysis& a) const {
  std::vector<bool> filler(a.words.size(), false);
  for (size_t i = 0; i < a.words.size(); ++i) {
    for (const auto& phrase : filler_) {
      if (i + phrase.size() > a.words.size()) continue;
      bool match = true;
      for (size_t k = 0; k < phrase.size() && match; ++k)
        match = a.words[i + k].role == Role::word && a.words[i + k].word.form == phrase[k];
      if (!match) continue;
      std::fill(filler.begin() + i, filler.begin() + i + phrase.size(), true);
      i += phrase.size() - 1;
      break;
    }
  }
  bool content_left = false;
  for (size_t i = 0; i < a.words.size(); ++i)
    content_left |= !filler[i] && (a.words[i].role != Role::word || !is_stop_word(a.words[i].word.form));
  if (!content_left) return;
  for (size_t i = 0; i < a.words.size(); ++i)
    if (filler[i]) a.words[i].role = Role::stop_word;
}

const std::vector<std::vector<QueryWord>>& QueryAnalyser::alias_words(const Concept& c) const {
  auto [it, fresh] = alias_words_.try_emplace(&c);
  if (!fresh) return it->second;
  std::vector<std::string> names = c.aliases;
  names.push_back(c.name);
  std::set<std::vector<std::string>> seen;
  for (const auto& name : names) {
    std::vector<QueryWord> words;
    std::vector<std::string> key;
    for (const Word& w : analyzer_.analyze(name)) {
      words.push_back(stemmed(w));
      key.push_back(w.form);
    }
    if (seen.insert(key).second) it->second.push_back(std::move(words));
  }
  return it->second;
}

QueryWord QueryAnalyser::stemmed(const Word& w) const {
  QueryWord q;
  q.word = w;
  q.form = w.form;
  q.stem = analyzer_.stem(w.form);
  q.term = kZ + q.stem;
  for (const auto& p : w.parts) q.piece_stems.push_back(analyzer_.stem(p));
  return q;
}

// The analysed words, at most kMaxQueryWords. Each word of a stop-word-only query reads a long
// posting list: such a query searches each word once, and only the first few.
std::vector<Word> QueryAnalyser::words(const std::string& text) const {
  std::vector<Word> words = analyzer_.analyze(text);
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  if (words.empty() || !std::all_of(words.begin(), words.end(), [&](const Word& w) { return is_stop_word(w.form); }))
    return words;
  std::set<std::string> seen;
  std::vector<Word> distinct;
  for (auto& w : words)
    if (distinct.size() < kMaxStopWordQueryWords && seen.insert(w.form).second) distinct.push_back(std::move(w));
  return distinct;
}

// "Quoted text" must match as a phrase, the way every search box treats quotes.
void QueryAnalyser::mark_quoted(const std::string& text, QueryAnalysis& a) const {
  for (const auto& [qb, qe] : quoted_spans(text)) {
    std::vector<size_t>& inside = a.quoted.emplace_back();
    for (size_t i = 0; i < a.words.size(); ++i) {
      if (a.words[i].word.begin < qb || a.words[i].word.begin >= qe) continue;
      a.words[i].role = Role::quoted;
      inside.push_back(i);
    }
  }
}

bool QueryAnalyser::known(const std::string& form) const {
  return forms_.contains(form) || db_.term_exists(kZ + analyzer_.stem(form));
}

// A word the index does not know: the last one, while it is being typed, is completed; another
// is corrected from the index's own vocabulary when a close enough word exists and the word is
// not English ("halal", "insisted" stay as typed); what stays is reported unknown. A compound
// ("thymosin alpah-1") has its unknown pieces corrected the same way.
void QueryAnalyser::resolve(QueryWord& w, bool typing) const {
  if (forms_.contains(w.form) || db_.term_exists(w.term)) return;
  if (!w.word.parts.empty()) {
    correct_pieces(w);
    return;
  }
  if (typing && alphabetic(w.form)) {
    w.completions = completions(w.form);
    if (!w.completions.empty()) {
      w.role = Role::completion;
      return;
    }
  }
  const std::string fix = english_ && english_->knows(w.word.form) ? std::string() : correct(w.form);
  if (fix.empty()) {
    w.unknown = true;
    return;
  }
  w.form = fix;
  w.stem = analyzer_.stem(fix);
  w.term = kZ + w.stem;
  w.corrected = true;
}

void QueryAnalyser::correct_pieces(QueryWord& w) const {
  std::vector<std::string> pieces = w.word.parts;
  bool changed = false;
  for (auto& piece : pieces) {
    if (known(piece) || (english_ && english_->knows(piece))) continue;
    if (std::string fix = correct(piece); !fix.empty()) {
      piece = fix;
      changed = true;
    }
  }
  if (!changed) return;
  std::string joined;
  for (const auto& piece : pieces) joined += (joined.empty() ? "" : "-") + piece;
  const std::vector<Word> again = analyzer_.analyze(joined);
  if (again.size() != 1) return;
  Word fixed = again[0];
  fixed.begin = w.word.begin;
  fixed.end = w.word.end;
  const Word typed = w.word;
  const Role role = w.role;
  w = stemmed(fixed);
  w.role = role;
  w.corrected = true;
  w.word.begin = typed.begin;
  w.word.end = typed.end;
}

QueryAnalysis QueryAnalyser::analyse(const std::string& text) const {
  QueryAnalysis a;
  const std::vector<Word> words = this->words(text);
  if (words.empty()) return a;
  a.stop_words_only = std::all_of(words.begin(), words.end(), [&](const Word& w) { return is_stop_word(w.form); });
  for (const Word& w : words) a.words.push_back(stemmed(w));
  mark_quoted(text, a);
  // A named compound or indication is searched as all its aliases (QueryBuilder).
  a.concepts = concepts_.find(words);
  for (const auto& m : a.concepts)
    for (size_t i = m.first_word; i <= m.last_word; ++i)
      if (a.words[i].role == Role::word) a.words[i].role = Role::concept_name;
  if (!a.stop_words_only) mark_filler(a);
  const bool typing = !std::isspace(static_cast<unsigned char>(text.back())) && words.back().end == text.size();
  for (size_t i = 0; i < a.words.size(); ++i) {
    QueryWord& w = a.words[i];
    if (w.role != Role::word) continue;
    if (!a.stop_words_only && is_stop_word(w.form)) {
      w.role = Role::stop_word;
      continue;
    }
    resolve(w, typing && i + 1 == a.words.size());
    if (w.role == Role::completion) continue;
    if (!w.word.parts.empty()) w.role = Role::compound;
    else if (a.stop_words_only) w.role = Role::searched_stop_word;
  }
  return a;
}

// The index word nearest `form` (edit distance 1 for 5-7 letters, 2 from 8), the most frequent on a
// tie; "" when none, or when the nearest is two letters shorter than typed: nobody types two
// letters too many ("methadone" is not "methane").
std::string QueryAnalyser::correct(const std::string& form) const {
  if (form.size() < 5 || !alphabetic(form)) return "";
  const size_t limit = form.size() >= 8 ? 2 : 1;
  std::string best;
  size_t best_d = limit + 1;
  uint64_t best_count = 0;
  for (const auto& e : forms_.with_prefix(form.substr(0, 1))) {
    if (!alphabetic(e.form) || stopwords_.count(e.form)) continue;  // stop words are dropped from queries
    const size_t d = edit_distance(form, e.form, limit);
    if (d > limit || e.form.size() + 2 <= form.size()) continue;
    if (d < best_d || (d == best_d && e.count > best_count)) {
      best = e.form;
      best_d = d;
      best_count = e.count;
    }
  }
  return best;
}

// The index words that complete `prefix` (search as you type): the stems of the 30 most frequent,
// searched as one synonym group, so a prefix scores like one word.
std::vector<std::string> QueryAnalyser::completions(const std::string& prefix) const {
  constexpr size_t kMaxCompletions = 30;
  std::vector<const TermDictionary::Entry*> found;
  // Not to stop words: they are dropped from queries, so completing to one would search nothing.
  for (const auto& e : forms_.with_prefix(prefix))
    if (!stopwords_.count(e.form)) found.push_back(&e);
  const size_t n = std::min(found.size(), kMaxCompletions);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n), found.end(),
                    [](const auto* a, const auto* b) { return a->count != b->count ? a->count > b->count : a->form < b->form; });
  std::set<std::string> stems;
  for (size_t i = 0; i < n; ++i) stems.insert(kZ + analyzer_.stem(found[i]->form));
  return {stems.begin(), stems.end()};
}

}  // namespace pep
