// Phrases and proximity checked against the position store (positional_filter.h) match exactly the
// passages a brute-force reading of their text says they should, on a real index: each passage's
// text is analysed again and every (position, term) is laid out as index_schema.h says (word i
// at position i, a compound's pieces at consecutive positions, stop words without one).
#include <catch2/catch.hpp>

#include <xapian.h>

#include <random>
#include <set>

#include "index_location.h"
#include "generation.h"
#include "index_schema.h"
#include "passage_record.h"
#include "position_store.h"
#include "positional_filter.h"
#include "test_env.h"
#include "text_analyzer.h"
#include "vocabulary.h"

using namespace pep;
using namespace pep::test;

namespace {

using Laid = std::vector<std::pair<uint32_t, std::string>>;  // (position, Z term)

Laid lay_out(const std::string& text, const TextAnalyzer& analyzer, const std::set<std::string>& stop) {
  Laid out;
  uint32_t pos = 0;
  auto z = [&](const std::string& form) { return std::string(schema::kStemPrefix).append(analyzer.stem(form)); };
  for (const Word& w : analyzer.analyze(text)) {
    ++pos;
    // Terms over 64 bytes (sequences, base64) are not indexed at all.
    auto add = [&](uint32_t p, std::string term) {
      if (term.size() <= 64) out.emplace_back(p, std::move(term));
    };
    if (!stop.count(w.form) || !w.parts.empty()) add(pos, z(w.form));
    for (size_t k = 0; k < w.parts.size(); ++k) add(pos + static_cast<uint32_t>(k), z(w.parts[k]));
    if (!w.parts.empty()) pos += static_cast<uint32_t>(w.parts.size() - 1);
  }
  return out;
}

// Every choice of one position per term, tried exhaustively (phrases here have 2 or 3 terms).
bool brute_force(const Laid& laid, const std::vector<std::string>& terms, uint32_t window, bool ordered) {
  std::vector<std::vector<uint32_t>> at(terms.size());
  for (const auto& [p, t] : laid)
    for (size_t i = 0; i < terms.size(); ++i)
      if (t == terms[i]) at[i].push_back(p);
  std::vector<uint32_t> chosen;
  std::function<bool(size_t)> pick = [&](size_t i) -> bool {
    if (i == terms.size()) {
      if (ordered)
        for (size_t k = 1; k < chosen.size(); ++k)
          if (chosen[k] <= chosen[k - 1]) return false;
      const auto [lo, hi] = std::minmax_element(chosen.begin(), chosen.end());
      return *hi - *lo < window;
    }
    for (uint32_t p : at[i]) {
      chosen.push_back(p);
      const bool ok = pick(i + 1);
      chosen.pop_back();
      if (ok) return true;
    }
    return false;
  };
  return pick(0);
}

}  // namespace

TEST_CASE("phrases and proximity from the position store match what the passages' text says") {
  TempDir tmp;
  std::string corpora = " --corpus " + shell_quote(corpus_dir().string());
  if (const auto shared = shared_dir()) corpora += " --corpus " + shell_quote((*shared / "corpus").string());
  REQUIRE(run(pepindex_bin() + " build" + corpora + " --index " + shell_quote((tmp / "index").string())).exit_code == 0);
  const auto path = live_index_path(tmp / "index");
  Generation gen(path, Verify::kSizes);
  const Xapian::Database& db = gen.database();
  PositionStore& positions = gen.positions();
  REQUIRE(positions.size() == db.get_lastdocid());

  const TextAnalyzer analyzer;
  const Vocabulary vocab = Vocabulary::load(vocab_dir());
  const std::set<std::string> stop(vocab.stopwords.begin(), vocab.stopwords.end());
  std::vector<Laid> laid(db.get_lastdocid() + 1);
  for (Xapian::docid d = 1; d <= db.get_lastdocid(); ++d) laid[d] = lay_out(gen.record(d).passage.text, analyzer, stop);

  // Phrases taken from the passages themselves (consecutive terms, terms with a gap, the same
  // terms reversed) and terms of two different passages; tight and wider windows.
  std::mt19937 rng(7);
  size_t checked = 0, matched = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const Laid& src = laid[1 + rng() % db.get_lastdocid()];
    if (src.size() < 6) continue;
    const size_t i = rng() % (src.size() - 5);  // room for 3 terms a step of 2 apart
    const size_t n = 2 + rng() % 2;
    std::vector<std::string> terms;
    for (size_t k = 0; k < n; ++k) terms.push_back(src[i + k * (1 + trial % 2)].second);
    if (trial % 5 == 3) std::reverse(terms.begin(), terms.end());
    if (const Laid& other = laid[1 + rng() % db.get_lastdocid()]; trial % 7 == 6 && !other.empty()) terms[0] = other.front().second;
    if (std::set<std::string>(terms.begin(), terms.end()).size() < terms.size()) continue;
    const uint32_t window = static_cast<uint32_t>(n + trial % 4);
    const bool ordered = trial % 3 != 0;

    Xapian::Enquire enquire(db);
    enquire.set_query(positional_query(positions, terms, window, ordered));
    std::set<Xapian::docid> got;
    for (const auto& m : enquire.get_mset(0, db.get_doccount())) got.insert(m);
    std::set<Xapian::docid> expected;
    for (Xapian::docid d = 1; d <= db.get_lastdocid(); ++d)
      if (brute_force(laid[d], terms, window, ordered)) expected.insert(d);
    INFO("terms " << terms[0] << " " << terms[1] << (n > 2 ? " " + terms[2] : "") << ", window " << window << (ordered ? ", in order" : ", any order"));
    REQUIRE(got == expected);
    // Beside another term Xapian drives the filter with check() and skip_to() rather than next().
    const std::string other = src[rng() % src.size()].second;
    Xapian::Enquire both(db);
    both.set_query(Xapian::Query(Xapian::Query::OP_AND, positional_query(positions, terms, window, ordered), Xapian::Query(other)));
    std::set<Xapian::docid> got_both;
    for (const auto& m : both.get_mset(0, db.get_doccount())) got_both.insert(m);
    std::set<Xapian::docid> expected_both;
    for (Xapian::docid d : expected)
      for (const auto& [p, t] : laid[d])
        if (t == other) {
          expected_both.insert(d);
          break;
        }
    INFO("with " << other);
    REQUIRE(got_both == expected_both);
    ++checked;
    matched += !got.empty();
  }
  CHECK(checked > 300);
  // Many phrases come from a passage, so the check saw real matches (about half of them match:
  // gaps, reversals and borrowed terms make the rest; 49% once the bundled HTML and PDF joined).
  CHECK(matched > checked / 3);
}
