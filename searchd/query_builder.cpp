#include "query_builder.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>

#include "index_schema.h"
#include "positional_filter.h"
#include "subject_key.h"

namespace pep {
namespace {

const std::string kZ(schema::kStemPrefix);
const std::string kH(schema::kHeadingPrefix);
const std::string kW(schema::kStopPrefix);
const std::string kS(schema::kSubjectPrefix);

// Longest run of query words looked up as a subject ("adult acute lymphoblastic leukemia" is 4).
constexpr size_t kMaxSubjectWords = 6;

// A fixed weight for the passages `filter` matches: a prior that does not grow with a term's rarity.
Xapian::Query fixed_weight(double weight, const Xapian::Query& filter) {
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()), filter);
}

// A matched word is marked in snippets as written, by its stem, and by its pieces.
void highlight_word(HighlightTerms& h, const QueryWord& w) {
  h.forms.insert(w.form);
  h.stems.insert(w.stem);
  for (size_t i = 0; i < w.word.parts.size(); ++i) {
    h.forms.insert(w.word.parts[i]);
    h.stems.insert(w.piece_stems[i]);
  }
}

// A word's stems in a subject key: a compound's pieces, else its stem (subject_key.h).
void add_subject_stems(std::string& key, const QueryWord& w) {
  if (w.piece_stems.empty()) add_to_subject_key(key, w.stem);
  for (const auto& stem : w.piece_stems) add_to_subject_key(key, stem);
}

// A compound as its pieces joined by hyphens, as a reader writes it ("glutamyl-tryptophan").
std::string joined_pieces(const QueryWord& w) {
  std::string out;
  for (const auto& p : w.word.parts) out += (out.empty() ? "" : "-") + p;
  return out;
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
    else if (key == "subject") r.subject = v;
    else if (key == "overview") r.overview = v;
    else throw std::invalid_argument("ranking: unknown key '" + key + "' (k1, b, alias, phrase, near, heading, result, subject, overview)");
    start = end + 1;
  }
  return r;
}

// What the passes of build() collect, in query order.
struct QueryBuilder::Parts {
  explicit Parts(HighlightTerms& h) : highlight(h) {}
  std::vector<Xapian::Query> required;  // quoted phrases: they decide what matches
  std::vector<Xapian::Query> hints;     // quoted phrases in a question: boosts (add_quoted)
  bool quotes_are_hints = false;
  std::vector<Xapian::Query> terms;     // the words and alias groups, ORed
  std::vector<Xapian::Query> headings;  // H terms of the searched words
  std::vector<std::string> phrase_stems;  // Z terms of the searched words, for the phrase boosts
  std::vector<std::string> shown;         // the query as corrected, word by word
  std::vector<std::string> union_terms;   // the Z terms `terms` is the union of, while it is one
  bool only_union = false;
  bool corrected = false;
  HighlightTerms& highlight;
};

QueryBuilder::QueryBuilder(const Xapian::Database& db, const Vocabulary& vocabulary, const TermDictionary& forms,
                           const TextAnalyzer& analyzer, PositionStore& positions, const EnglishWords* english)
    : db_(db), positions_(positions), analyser_(db, vocabulary, forms, analyzer, english) {}

// The subjects the query names (subject_key.h): each run of its content words, and each alias of
// a name it found, whose key some passage has as a subject. A subject's weight is rank.subject
// times the share of the content words it covers; a query that is one subject and nothing else
// ("what is diabetes", "gout") also prefers that subject's overview passages.
std::vector<Xapian::Query> QueryBuilder::subject_boosts(const QueryAnalysis& a, const RankingParams& rank) const {
  std::vector<const QueryWord*> content;
  for (const QueryWord& w : a.words)
    if (w.role == Role::word || w.role == Role::compound || w.role == Role::quoted || w.role == Role::concept_name) content.push_back(&w);
  if (content.empty() || rank.subject <= 0) return {};
  std::map<size_t, std::set<std::string>> by_words;  // content words covered -> S terms that exist
  auto consider = [&](const std::string& key, size_t words) {
    if (!key.empty() && db_.term_exists(kS + key)) by_words[words].insert(kS + key);
  };
  for (size_t i = 0; i < content.size(); ++i) {
    std::string key;
    for (size_t n = 1; n <= kMaxSubjectWords && i + n <= content.size(); ++n) {
      add_subject_stems(key, *content[i + n - 1]);
      consider(key, n);
    }
  }
  for (const auto& m : a.concepts) {
    size_t words = 0;
    for (size_t i = m.first_word; i <= m.last_word; ++i) words += a.words[i].role == Role::concept_name;
    for (const auto& alias : analyser_.alias_words(*m.concept_)) {
      std::string key;
      for (const auto& w : alias)
        if (!analyser_.is_stop_word(w.form) || !w.word.parts.empty()) add_subject_stems(key, w);
      consider(key, words);
    }
  }
  std::vector<Xapian::Query> out;
  for (const auto& [words, terms] : by_words) {
    const Xapian::Query any(Xapian::Query::OP_OR, terms.begin(), terms.end());
    const double share = static_cast<double>(std::min(words, content.size())) / static_cast<double>(content.size());
    out.push_back(fixed_weight(rank.subject * share, any));
    if (words >= content.size() && rank.overview > 0)
      out.push_back(fixed_weight(rank.overview, Xapian::Query(Xapian::Query::OP_AND, any, Xapian::Query(std::string(schema::kOverviewTerm)))));
  }
  return out;
}

std::vector<QueryBuilder::Piece> QueryBuilder::pieces(const std::vector<const QueryWord*>& words) const {
  std::vector<Piece> out;
  for (const QueryWord* w : words) {
    if (w->word.parts.empty()) out.push_back({w->form, w->stem, !analyser_.is_stop_word(w->form)});
    else
      for (size_t i = 0; i < w->word.parts.size(); ++i)
        out.push_back({w->word.parts[i], w->piece_stems[i], true});  // the index gives every piece a position
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
    if (pieces[i].positional) terms.push_back(kZ + pieces[i].stem);
  if (terms.empty()) {  // only stop words: no positions to check, all of them must occur
    std::vector<Xapian::Query> stops;
    for (const auto& p : pieces) stops.push_back(stop_word(p.stem));
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

// The query for one word: its stem, or for a compound ("IM-862") the joined form's stem or the
// pieces as a phrase, so "IM862", "IM-862" and "IM 862" meet.
Xapian::Query QueryBuilder::word_query(const QueryWord& w) const {
  Xapian::Query stem(w.term);
  if (w.word.parts.empty()) return stem;
  return Xapian::Query(Xapian::Query::OP_OR, stem, phrase(pieces({&w})));
}

Xapian::Query QueryBuilder::stop_word(const std::string& stem) const {
  const std::string terms[] = {kW + stem, kZ + stem};
  return Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(terms), std::end(terms));
}

// Quoted text must match as a phrase when the query is nothing but quoted phrases ("\"immune
// response\""); in a question with other words a quote is a hint, not a requirement: its words are
// searched like the others (add_words) and the phrase ranks the passages holding it first, so
// 'what is "ataxia telangiectasia"' finds what the same question without quotes finds.
void QueryBuilder::add_quoted(const QueryAnalysis& a, Parts& parts) const {
  parts.quotes_are_hints = std::any_of(a.words.begin(), a.words.end(), [](const QueryWord& w) {
    return w.role == Role::word || w.role == Role::compound || w.role == Role::concept_name || w.role == Role::completion;
  });
  for (const auto& span : a.quoted) {
    std::vector<const QueryWord*> inside;
    for (size_t i : span) {
      inside.push_back(&a.words[i]);
      highlight_word(parts.highlight, a.words[i]);
    }
    if (Xapian::Query q = phrase(pieces(inside)); !q.empty()) (parts.quotes_are_hints ? parts.hints : parts.required).push_back(q);
  }
}

// The words searched on their own; quoted ones are in a required phrase (or, as hints, searched
// here too), named ones in an alias group.
void QueryBuilder::add_words(const QueryAnalysis& a, Parts& parts) const {
  for (const QueryWord& w : a.words) {
    switch (w.role) {
      case Role::quoted:
        if (!parts.quotes_are_hints || analyser_.is_stop_word(w.form)) continue;
        break;
      case Role::concept_name:
        continue;
      case Role::stop_word:
        parts.shown.push_back(w.form);
        continue;
      case Role::completion:
        parts.terms.emplace_back(Xapian::Query::OP_SYNONYM, w.completions.begin(), w.completions.end());
        parts.union_terms.insert(parts.union_terms.end(), w.completions.begin(), w.completions.end());
        parts.highlight.prefixes.push_back(w.form);
        parts.shown.push_back(w.form);
        continue;
      case Role::word:
      case Role::compound:
      case Role::searched_stop_word:
        break;
    }
    parts.corrected = parts.corrected || w.corrected;
    parts.shown.push_back(w.corrected && !w.word.parts.empty() ? joined_pieces(w) : w.form);
    // In a query of only stop words, they are searched (stop_word()); that is the one place.
    parts.terms.push_back(w.role == Role::searched_stop_word ? stop_word(w.stem) : word_query(w));
    parts.union_terms.push_back(w.term);
    parts.only_union = parts.only_union && w.word.parts.empty();
    parts.headings.emplace_back(kH + w.stem);
    parts.phrase_stems.push_back(w.term);
    highlight_word(parts.highlight, w);
  }
}

// Every alias of a named compound, indication or term: "Zadaxin" finds thymalfasin passages,
// "VEGF" finds "vascular endothelial growth factor".
Xapian::Query QueryBuilder::concept_group(const Concept& c, Parts& parts) const {
  std::vector<Xapian::Query> alternatives, matches_one;
  bool checked = false;  // some alias has a position check
  for (const auto& name_words : analyser_.alias_words(c)) {
    std::vector<const QueryWord*> refs;
    for (const auto& w : name_words) {
      highlight_word(parts.highlight, w);
      refs.push_back(&w);
    }
    PhraseParts p = phrase_parts(pieces(refs));
    if (p.weighted.empty()) continue;
    alternatives.push_back(p.weighted);
    parts.only_union = parts.only_union && p.terms.size() == 1;
    if (p.terms.size() == 1) parts.union_terms.push_back(p.terms[0]);
    matches_one.push_back(p.check.empty() ? p.weighted : p.check);
    checked = checked || !p.check.empty();
  }
  // OP_SYNONYM scores the aliases as one term: "thymalfasin (Zadaxin)" is not worth two hits,
  // and a rare alias is not worth more than a common one. The position checks of multi-word
  // aliases cannot sit inside it (positional_filter.h), so they filter the group: a passage
  // matches when one alias holds as a phrase.
  Xapian::Query group(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
  if (!checked) return group;
  return Xapian::Query(Xapian::Query::OP_FILTER, group, Xapian::Query(Xapian::Query::OP_OR, matches_one.begin(), matches_one.end()));
}

void QueryBuilder::add_concepts(const QueryAnalysis& a, double alias_weight, Parts& parts) const {
  for (const auto& m : a.concepts) {
    parts.terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, concept_group(*m.concept_, parts), alias_weight);
    for (size_t i = m.first_word; i <= m.last_word; ++i) {
      const QueryWord& w = a.words[i];
      parts.shown.push_back(w.form);
      parts.phrase_stems.push_back(w.term);
      parts.headings.emplace_back(kH + w.stem);
    }
  }
}

std::vector<Xapian::Query> QueryBuilder::boosts(const Parts& parts, const RankingParams& rank) const {
  std::vector<Xapian::Query> boosts;
  // Positional boosts read position lists for every candidate holding all the words, which made
  // them the slowest part of broad queries (docs/ranking.md); they are off unless asked for.
  const std::vector<std::string>& stems = parts.phrase_stems;
  const auto n = static_cast<Xapian::termcount>(stems.size());
  if (stems.size() >= 2 && rank.phrase > 0)
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, positional_query(positions_, stems, n, true), rank.phrase);
  if (stems.size() >= 2 && rank.near > 0)
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, positional_query(positions_, stems, n + 6, false), rank.near);
  if (!parts.headings.empty())
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query(Xapian::Query::OP_OR, parts.headings.begin(), parts.headings.end()), rank.heading);
  for (const auto& hint : parts.hints) boosts.push_back(hint);
  if (rank.result > 0)
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                        Xapian::Query((new Xapian::ValueWeightPostingSource(schema::kResultStrengthSlot))->release()), rank.result);
  return boosts;
}

BuiltQuery QueryBuilder::build(const std::string& text, const RankingParams& rank) const {
  BuiltQuery out;
  const QueryAnalysis a = analyser_.analyse(text);
  Parts parts(out.highlight);
  add_quoted(a, parts);
  parts.only_union = parts.required.empty() && !a.stop_words_only;
  add_words(a, parts);
  add_concepts(a, rank.alias, parts);
  if (parts.terms.empty() && parts.required.empty()) return out;

  // Required phrases decide what matches; the other words only rank within that.
  Xapian::Query main = parts.terms.empty() ? Xapian::Query() : Xapian::Query(Xapian::Query::OP_OR, parts.terms.begin(), parts.terms.end());
  if (!parts.required.empty()) {
    const Xapian::Query must(Xapian::Query::OP_AND, parts.required.begin(), parts.required.end());
    main = main.empty() ? must : Xapian::Query(Xapian::Query::OP_AND_MAYBE, must, main);
  }
  std::vector<Xapian::Query> boost = boosts(parts, rank);
  for (auto& q : subject_boosts(a, rank)) boost.push_back(std::move(q));
  out.matching = main;
  if (parts.only_union && !parts.union_terms.empty()) out.union_terms = parts.union_terms;
  out.query = boost.empty() ? main
                            : Xapian::Query(Xapian::Query::OP_AND_MAYBE, main, Xapian::Query(Xapian::Query::OP_OR, boost.begin(), boost.end()));
  if (parts.corrected)
    for (const auto& s : parts.shown) out.corrected += (out.corrected.empty() ? "" : " ") + s;
  for (const QueryWord& w : a.words)
    if (w.unknown) out.unknown.push_back(w.word.form);
  return out;
}

}  // namespace pep
