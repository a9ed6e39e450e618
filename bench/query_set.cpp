#include "query_set.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

namespace pep::bench {
namespace {

// Words a reader rarely searches for on their own; the generator skips them as query words.
const std::set<std::string>& filler() {
  static const std::set<std::string> words{
      "about", "above", "after", "again", "all", "also", "and", "any", "are", "because", "been", "before", "being",
      "between", "both", "but", "can", "could", "did", "does", "doing", "down", "during", "each", "few", "for",
      "from", "further", "had", "has", "have", "having", "her", "here", "hers", "him", "his", "how", "into", "its",
      "itself", "just", "may", "more", "most", "not", "now", "off", "once", "only", "other", "our", "out", "over",
      "own", "same", "she", "should", "some", "such", "than", "that", "the", "their", "them", "then", "there",
      "these", "they", "this", "those", "through", "too", "under", "until", "very", "was", "were", "what", "when",
      "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "is", "it", "of",
      "on", "or", "in", "to", "as", "at", "be", "by", "an", "if", "no", "so", "we", "do", "up", "one", "many",
      "much", "often", "use", "used", "see", "get", "called", "known", "include", "including", "like", "people"};
  return words;
}

// Lower-cased ASCII letter runs: the generator's notion of a word (simple on purpose, so the set
// does not depend on either engine's analysis).
std::vector<std::string> tokens_of(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + " ") {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      cur.push_back(static_cast<char>(c | 0x20));
    } else {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    }
  }
  return out;
}

bool content(const std::string& w) { return w.size() >= 3 && !filler().count(w); }

struct Draw {
  std::mt19937_64 rng;
  size_t below(size_t n) { return n ? static_cast<size_t>(rng() % n) : 0; }
};

// Kinds in a fixed cycle of 20 so the mix is exact for any count.
QueryKind kind_at(size_t i) {
  static constexpr QueryKind cycle[20] = {
      QueryKind::word,        QueryKind::two_words, QueryKind::phrase,    QueryKind::word,   QueryKind::prefix,
      QueryKind::three_words, QueryKind::two_words, QueryKind::word,      QueryKind::phrase, QueryKind::two_words,
      QueryKind::prefix,      QueryKind::word,      QueryKind::three_words, QueryKind::two_words, QueryKind::word,
      QueryKind::phrase,      QueryKind::prefix,    QueryKind::two_words, QueryKind::three_words, QueryKind::word};
  return cycle[i % 20];
}

// Draws the words of one query of `kind` from `tokens`; empty when the passage cannot give them.
std::string draw_words(QueryKind kind, const std::vector<std::string>& tokens, Draw& d) {
  std::vector<size_t> content_at;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (content(tokens[i])) content_at.push_back(i);
  switch (kind) {
    case QueryKind::word:
      return content_at.empty() ? "" : tokens[content_at[d.below(content_at.size())]];
    case QueryKind::two_words:
    case QueryKind::three_words: {
      const size_t k = kind == QueryKind::two_words ? 2 : 3;
      std::set<std::string> distinct;
      for (size_t i : content_at) distinct.insert(tokens[i]);
      if (distinct.size() < k) return "";
      std::vector<size_t> picked;  // positions, kept in passage order
      std::set<std::string> used;
      while (picked.size() < k) {
        const size_t at = content_at[d.below(content_at.size())];
        if (used.insert(tokens[at]).second) picked.push_back(at);
      }
      std::sort(picked.begin(), picked.end());
      std::string out;
      for (size_t at : picked) out += (out.empty() ? "" : " ") + tokens[at];
      return out;
    }
    case QueryKind::phrase: {
      // Two or three running words, starting and ending on a content word ("quality of life").
      const size_t len = 2 + d.below(2);
      for (int tries = 0; tries < 20 && tokens.size() >= len; ++tries) {
        const size_t start = d.below(tokens.size() - len + 1);
        if (!content(tokens[start]) || !content(tokens[start + len - 1])) continue;
        std::string out;
        for (size_t i = start; i < start + len; ++i) out += (out.empty() ? "" : " ") + tokens[i];
        return out;
      }
      return "";
    }
    case QueryKind::prefix: {
      // The first 3-5 letters of a word of 6 or more, after one whole word half of the time.
      std::vector<size_t> long_at;
      for (size_t i : content_at)
        if (tokens[i].size() >= 6) long_at.push_back(i);
      if (long_at.empty()) return "";
      const std::string& word = tokens[long_at[d.below(long_at.size())]];
      std::string out = word.substr(0, 3 + d.below(3));
      if (d.below(2) && !content_at.empty()) out = tokens[content_at[d.below(content_at.size())]] + " " + out;
      return out;
    }
  }
  return "";
}

}  // namespace

const char* kind_name(QueryKind kind) {
  switch (kind) {
    case QueryKind::word: return "word";
    case QueryKind::two_words: return "two_words";
    case QueryKind::three_words: return "three_words";
    case QueryKind::phrase: return "phrase";
    case QueryKind::prefix: return "prefix";
  }
  return "?";
}

std::vector<BenchQuery> generate_query_set(const std::vector<PassageRecord>& passages, size_t count, uint64_t seed) {
  if (passages.empty()) throw std::invalid_argument("no passages to draw queries from");
  std::vector<size_t> with_facets;
  for (size_t i = 0; i < passages.size(); ++i)
    for (const auto& [name, values] : passages[i].passage.facets)
      if (!values.empty()) {
        with_facets.push_back(i);
        break;
      }
  Draw d{std::mt19937_64(seed)};
  std::vector<BenchQuery> out;
  out.reserve(count);
  size_t failures = 0;
  while (out.size() < count) {
    BenchQuery q;
    q.kind = kind_at(out.size());
    // One query in 4 is filtered; which slot of the 20-cycle that falls on rotates every cycle, so
    // every kind is measured with and without a filter.
    const bool filtered = (out.size() % 20 + out.size() / 20) % 4 == 3 && !with_facets.empty();
    const PassageRecord& p = passages[filtered ? with_facets[d.below(with_facets.size())] : d.below(passages.size())];
    q.text = draw_words(q.kind, tokens_of(p.passage.text), d);
    if (q.text.empty()) {
      if (++failures > 100 * count + 1000) throw std::invalid_argument("the passages hold too few words to draw queries from");
      continue;
    }
    if (filtered) {
      std::vector<std::pair<std::string, std::string>> pairs;
      for (const auto& [name, values] : p.passage.facets)
        for (const auto& v : values) pairs.emplace_back(name, v);
      const auto& [name, value] = pairs[d.below(pairs.size())];
      q.filters[name] = {value};
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<std::string> broad_words(const std::vector<PassageRecord>& passages, size_t n) {
  std::map<std::string, size_t> df;
  for (const auto& p : passages) {
    std::vector<std::string> words = tokens_of(p.passage.text);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (const auto& w : words)
      if (content(w)) ++df[w];
  }
  std::vector<std::pair<std::string, size_t>> ranked(df.begin(), df.end());
  const size_t keep = std::min(n, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < keep; ++i) out.push_back(ranked[i].first);
  return out;
}

std::string typed_text(const BenchQuery& q) { return q.kind == QueryKind::phrase ? "\"" + q.text + "\"" : q.text; }

std::string fts5_match(const BenchQuery& q) {
  switch (q.kind) {
    case QueryKind::phrase: return fts5_phrase_query(q.text);
    case QueryKind::prefix: return fts5_prefix_query(q.text);
    default: return fts5_or_query(q.text);
  }
}

}  // namespace pep::bench
