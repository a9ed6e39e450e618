#include "query_builder.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "index_schema.h"
#include "positional_filter.h"

namespace pep {
namespace {

const std::string kZ(schema::kStemPrefix);
const std::string kH(schema::kHeadingPrefix);
const std::string kW(schema::kStopPrefix);

bool alphabetic(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
}

size_t edit_distance(const std::string& a, const std::string& b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// A matched word is marked in snippets as written, by its stem, and by its pieces.
void highlight_word(HighlightTerms& h, const Word& w, const TextAnalyzer& a) {
  h.forms.insert(w.form);
  h.stems.insert(a.stem(w.form));
  for (const auto& p : w.parts) {
    h.forms.insert(p);
    h.stems.insert(a.stem(p));
  }
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

RankingParams RankingParams::parse(const std::string& spec) {
  RankingParams r;
  size_t start = 0;
  while (start < spec.size()) {
    size_t end = spec.find(',', start);
    if (end == std::string::npos) end = spec.size();
    const std::string item = spec.substr(start, end - start);
    const size_t eq = item.find('=');
    if (eq == std::string::npos) throw std::invalid_argument("ranking: expected key=value, got '" + item + "'");
    const std::string key = item.substr(0, eq);
    const double v = std::stod(item.substr(eq + 1));
    if (key == "k1") r.k1 = v;
    else if (key == "b") r.b = v;
    else if (key == "alias") r.alias = v;
    else if (key == "phrase") r.phrase = v;
    else if (key == "near") r.near = v;
    else if (key == "heading") r.heading = v;
    else if (key == "result") r.result = v;
    else throw std::invalid_argument("ranking: unknown key '" + key + "' (k1, b, alias, phrase, near, heading, result)");
    start = end + 1;
  }
  return r;
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const Vocabulary& vocabulary, const TermDictionary& forms,
                           const TextAnalyzer& analyzer, PositionStore& positions)
    : db_(db), forms_(forms), analyzer_(analyzer), positions_(positions), concepts_([&] {
        std::vector<Concept> all = vocabulary.compounds;
        all.insert(all.end(), vocabulary.indications.begin(), vocabulary.indications.end());
        all.insert(all.end(), vocabulary.terms.begin(), vocabulary.terms.end());
        return all;
      }(), analyzer) {
  stopwords_.insert(vocabulary.stopwords.begin(), vocabulary.stopwords.end());
}

std::string QueryBuilder::correct(const std::string& form) const {
  if (form.size() < 5 || !alphabetic(form)) return "";
  const size_t limit = form.size() >= 8 ? 2 : 1;
  std::string best;
  size_t best_d = limit + 1;
  uint64_t best_count = 0;
  for (const auto& e : forms_.with_prefix(form.substr(0, 1))) {
    if (!alphabetic(e.form) || stopwords_.count(e.form)) continue;  // stop words are dropped from queries
    const size_t d = edit_distance(form, e.form, limit);
    if (d > limit) continue;
    if (d < best_d || (d == best_d && e.count > best_count)) {
      best = e.form;
      best_d = d;
      best_count = e.count;
    }
  }
  return best;
}

std::vector<QueryBuilder::Piece> QueryBuilder::pieces(const std::vector<Word>& words) const {
  std::vector<Piece> out;
  for (const Word& w : words) {
    if (w.parts.empty()) out.push_back({w.form, stopwords_.count(w.form) == 0});
    else
      for (const auto& p : w.parts) out.push_back({p, true});  // the index gives every piece a position
  }
  return out;
}

// Stems in order, as the index holds them. Stop words have no positions in the index, so they
// are left out and widen the window instead: "treatment of cancer" is "treatment" then "cancer"
// within three positions.
QueryBuilder::PhraseParts QueryBuilder::phrase_parts(const std::vector<Piece>& pieces) const {
  size_t first = 0, last = pieces.size();
  while (first < last && !pieces[first].positional) ++first;
  while (last > first && !pieces[last - 1].positional) --last;
  std::vector<std::string> terms;
  for (size_t i = first; i < last; ++i)
    if (pieces[i].positional) terms.push_back(kZ + analyzer_.stem(pieces[i].form));
  if (terms.empty()) {  // only stop words: no positions to check, all of them must occur
    std::vector<Xapian::Query> stops;
    for (const auto& p : pieces) stops.push_back(stop_word(p.form));
    if (stops.empty()) return {};
    return {Xapian::Query(Xapian::Query::OP_AND, stops.begin(), stops.end()), Xapian::Query(), {}};
  }
  if (terms.size() == 1) return {Xapian::Query(terms[0]), Xapian::Query(), terms};
  return {Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
          positional_filter(positions_, terms, static_cast<Xapian::termcount>(last - first), true), terms};
}

Xapian::Query QueryBuilder::phrase(const std::vector<Piece>& pieces) const {
  PhraseParts p = phrase_parts(pieces);
  if (p.check.empty()) return p.weighted;
  return Xapian::Query(Xapian::Query::OP_FILTER, p.weighted, p.check);
}

// The query for one analyzed word: its stem, or for a compound ("IM-862") the joined form's
// stem or the pieces as a phrase, so "IM862", "IM-862" and "IM 862" meet.
Xapian::Query QueryBuilder::word_query(const Word& w) const {
  Xapian::Query stem(kZ + analyzer_.stem(w.form));
  if (w.parts.empty()) return stem;
  return Xapian::Query(Xapian::Query::OP_OR, stem, phrase(pieces({w})));
}

Xapian::Query QueryBuilder::stop_word(const std::string& form) const {
  const std::string stem = analyzer_.stem(form);
  const std::string terms[] = {kW + stem, kZ + stem};
  return Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(terms), std::end(terms));
}

// The index words that complete `prefix` (search as you type): the stems of the 30 most frequent,
// searched as one synonym group, so a prefix scores like one word.
std::vector<std::string> QueryBuilder::completions(const std::string& prefix) const {
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

BuiltQuery QueryBuilder::build(const std::string& text, const RankingParams& rank) const {
  BuiltQuery out;
  std::vector<Word> words = analyzer_.analyze(text);
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  if (words.empty()) return out;
  // Each word of a stop-word-only query reads a long posting list: search each once, and the first few.
  if (std::all_of(words.begin(), words.end(), [&](const Word& w) { return stopwords_.count(w.form) > 0; })) {
    std::set<std::string> seen;
    std::vector<Word> distinct;
    for (auto& w : words)
      if (distinct.size() < kMaxStopWordQueryWords && seen.insert(w.form).second) distinct.push_back(std::move(w));
    words = std::move(distinct);
  }
  const bool typing_last_word = !text.empty() && !std::isspace(static_cast<unsigned char>(text.back())) &&
                                words.back().end == text.size();

  // "Quoted text" must match as a phrase, the way every search box treats quotes.
  std::vector<Xapian::Query> required;
  std::vector<bool> quoted(words.size(), false);
  for (const auto& [qb, qe] : quoted_spans(text)) {
    std::vector<Word> inside;
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i].begin < qb || words[i].begin >= qe) continue;
      quoted[i] = true;
      inside.push_back(words[i]);
      highlight_word(out.highlight, words[i], analyzer_);
    }
    if (Xapian::Query q = phrase(pieces(inside)); !q.empty()) required.push_back(q);
  }

  const auto matches = concepts_.find(words);
  std::vector<bool> in_concept(words.size(), false);
  for (const auto& m : matches)
    for (size_t i = m.first_word; i <= m.last_word; ++i) in_concept[i] = true;
  const bool all_stop = std::all_of(words.begin(), words.end(), [&](const Word& w) { return stopwords_.count(w.form) > 0; });

  std::vector<Xapian::Query> terms, headings;
  std::vector<std::string> phrase_words, shown;
  // The Z terms `terms` is the union of, while it is one (BuiltQuery::union_terms).
  std::vector<std::string> union_terms;
  bool only_union = required.empty() && !all_stop;
  bool corrected = false;
  for (size_t i = 0; i < words.size(); ++i) {
    Word w = words[i];
    if (quoted[i]) continue;      // part of a required phrase, above
    if (in_concept[i]) continue;  // a named compound or indication is searched as all its aliases, below
    if (!all_stop && stopwords_.count(w.form)) {
      shown.push_back(w.form);
      continue;
    }
    const bool known = forms_.contains(w.form) || db_.term_exists(kZ + analyzer_.stem(w.form));
    if (!known && w.parts.empty()) {
      if (i + 1 == words.size() && typing_last_word && alphabetic(w.form)) {
        if (std::vector<std::string> stems = completions(w.form); !stems.empty()) {
          terms.emplace_back(Xapian::Query::OP_SYNONYM, stems.begin(), stems.end());
          union_terms.insert(union_terms.end(), stems.begin(), stems.end());
          out.highlight.prefixes.push_back(w.form);
          shown.push_back(w.form);
          continue;
        }
      }
      if (std::string fix = correct(w.form); !fix.empty()) {
        w.form = fix;
        corrected = true;
      }
    }
    shown.push_back(w.form);
    // In a query of only stop words, they are searched (stop_word()); that is the one place.
    terms.push_back(all_stop && w.parts.empty() ? stop_word(w.form) : word_query(w));
    union_terms.push_back(kZ + analyzer_.stem(w.form));
    only_union = only_union && w.parts.empty();
    headings.emplace_back(kH + analyzer_.stem(w.form));
    phrase_words.push_back(w.form);
    highlight_word(out.highlight, w, analyzer_);
  }

  // Every alias of a named compound, indication or term: "Zadaxin" finds thymalfasin passages,
  // "VEGF" finds "vascular endothelial growth factor".
  for (const auto& m : matches) {
    const Concept& c = *m.concept_;
    std::vector<std::string> names = c.aliases;
    names.push_back(c.name);
    std::vector<Xapian::Query> alternatives, matches_one;
    bool checked = false;  // some alias has a position check
    std::set<std::vector<std::string>> seen;  // "thymosin alpha-1" and "thymosin α1" are one alternative
    for (const auto& name : names) {
      const std::vector<Word> name_words = analyzer_.analyze(name);
      std::vector<std::string> key;
      for (const Word& w : name_words) {
        highlight_word(out.highlight, w, analyzer_);
        key.push_back(w.form);
      }
      if (!seen.insert(key).second) continue;
      PhraseParts p = phrase_parts(pieces(name_words));
      if (p.weighted.empty()) continue;
      alternatives.push_back(p.weighted);
      only_union = only_union && p.terms.size() == 1;
      if (p.terms.size() == 1) union_terms.push_back(p.terms[0]);
      matches_one.push_back(p.check.empty() ? p.weighted : p.check);
      checked = checked || !p.check.empty();
    }
    // OP_SYNONYM scores the aliases as one term: "thymalfasin (Zadaxin)" is not worth two hits,
    // and a rare alias is not worth more than a common one. The position checks of multi-word
    // aliases cannot sit inside it (positional_filter.h), so they filter the group: a passage
    // matches when one alias holds as a phrase.
    Xapian::Query group(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
    if (checked)
      group = Xapian::Query(Xapian::Query::OP_FILTER, group, Xapian::Query(Xapian::Query::OP_OR, matches_one.begin(), matches_one.end()));
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, group, rank.alias);
    for (size_t i = m.first_word; i <= m.last_word; ++i) {
      shown.push_back(words[i].form);
      phrase_words.push_back(words[i].form);
      headings.emplace_back(kH + analyzer_.stem(words[i].form));
    }
  }
  if (terms.empty() && required.empty()) return out;

  // Required phrases decide what matches; the other words only rank within that.
  Xapian::Query main = terms.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  if (!required.empty()) {
    const Xapian::Query must(Xapian::Query::OP_AND, required.begin(), required.end());
    main = main.empty() ? must : Xapian::Query(Xapian::Query::OP_AND_MAYBE, must, main);
  }
  std::vector<Xapian::Query> boosts;
  // Positional boosts read position lists for every candidate holding all the words, which made
  // them the slowest part of broad queries (docs/ranking.md); they are off unless asked for.
  std::vector<std::string> phrase_stems;
  if (rank.phrase > 0 || rank.near > 0)
    for (const auto& f : phrase_words) phrase_stems.push_back(kZ + analyzer_.stem(f));
  if (phrase_stems.size() >= 2 && rank.phrase > 0)
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        positional_query(positions_, phrase_stems, static_cast<Xapian::termcount>(phrase_stems.size()), true),
                        rank.phrase);
  if (phrase_stems.size() >= 2 && rank.near > 0)
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        positional_query(positions_, phrase_stems, static_cast<Xapian::termcount>(phrase_stems.size() + 6), false),
                        rank.near);
  if (!headings.empty())
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, headings.begin(), headings.end()), rank.heading);
  if (rank.result > 0)
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query((new Xapian::ValueWeightPostingSource(schema::kResultStrengthSlot))->release()), rank.result);
  out.matching = main;
  if (only_union && !union_terms.empty()) out.union_terms = union_terms;
  out.query = boosts.empty() ? main
                             : Xapian::Query(Xapian::Query::OP_AND_MAYBE, main, Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
  if (corrected) {
    for (const auto& s : shown) out.corrected += (out.corrected.empty() ? "" : " ") + s;
  }
  return out;
}

}  // namespace pep
