// The Z and W terms a build gives Xapian are exactly what the passages' stored text says: for
// every stem, the passages whose words or compound pieces have it, with its number of occurrences
// as wdf, and for every stop word written as a word its own W term, with one build thread or
// several (shards compacted in order). xapian-delve, Xapian's own tool, sees the same terms.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <map>
#include <set>

#include "index_location.h"
#include "generation.h"
#include "index_schema.h"
#include "passage_record.h"
#include "test_env.h"
#include "text_analyzer.h"
#include "vocabulary.h"

using namespace pep;
using namespace pep::test;

namespace {

using Postings = std::map<std::string, std::map<Xapian::docid, Xapian::termcount>>;

// Per Z and W term, per passage, its wdf, from the stored text.
Postings expected_postings(const std::filesystem::path& path, const Xapian::Database& db, const TextAnalyzer& analyzer) {
  const Vocabulary vocab = Vocabulary::from_json(db.get_metadata(std::string(schema::kMetaVocabulary)));
  const std::set<std::string> stopwords(vocab.stopwords.begin(), vocab.stopwords.end());
  Generation gen(path, Verify::kSizes);
  REQUIRE(gen.size() == db.get_lastdocid());
  Postings expected;
  for (uint32_t id = 1; id <= gen.size(); ++id)
    for (const Word& w : analyzer.analyze(gen.record(id).passage.text)) {
      auto count = [&](std::string_view prefix, const std::string& form) {
        const std::string term = std::string(prefix) + analyzer.stem(form);
        if (std::string(schema::kStemPrefix).append(analyzer.stem(form)).size() <= 64) ++expected[term][id];  // longer: noise
      };
      if (w.parts.empty() && stopwords.count(w.form)) count(schema::kStopPrefix, w.form);
      else count(schema::kStemPrefix, w.form);
      for (const auto& part : w.parts) count(schema::kStemPrefix, part);
    }
  return expected;
}

// Per term with `prefix`, per passage, its wdf, as Xapian holds them.
void read_postings(const Xapian::Database& db, std::string_view prefix, Postings& into) {
  for (auto t = db.allterms_begin(std::string(prefix)); t != db.allterms_end(std::string(prefix)); ++t) {
    auto& list = into[*t];
    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) list[*p] = p.get_wdf();
  }
}

}  // namespace

TEST_CASE("a build's Z and W terms hold every stem and stop word of every passage with its wdf, with any number of build threads") {
  TempDir tmp;
  std::string corpora = " --corpus " + shell_quote(corpus_dir().string());
  if (const auto shared = shared_dir()) corpora += " --corpus " + shell_quote((*shared / "corpus").string());
  const TextAnalyzer analyzer;
  for (const int threads : {1, 3}) {
    INFO(threads << " thread(s)");
    const auto index = tmp / ("index-" + std::to_string(threads));
    REQUIRE(run(pepindex_bin() + " build --threads " + std::to_string(threads) + corpora + " --index " + shell_quote(index.string())).exit_code == 0);
    const auto path = live_index_path(index);
    const Xapian::Database db(path.string());
    const Postings expected = expected_postings(path, db, analyzer);
    REQUIRE(expected.size() > 1000);
    REQUIRE(expected.count(std::string(schema::kStopPrefix) + "the") == 1);

    Postings got;
    read_postings(db, schema::kStemPrefix, got);
    read_postings(db, schema::kStopPrefix, got);
    CHECK(got.size() == expected.size());
    for (const auto& [term, list] : expected) {
      INFO(term);
      const auto it = got.find(term);
      REQUIRE(it != got.end());
      CHECK(it->second == list);
      CHECK(db.get_termfreq(term) == list.size());
    }
  }
}

TEST_CASE("xapian-delve shows a passage's stem terms in a built generation") {
  if (run("command -v xapian-delve >/dev/null").exit_code != 0)
    FAIL("xapian-delve is missing: install xapian-tools (bash scripts/install-deps.sh --test)");
  TempDir tmp;
  const auto index = tmp / "index";
  REQUIRE(run(pepindex_bin() + " build --corpus " + shell_quote(corpus_dir().string()) + " --index " + shell_quote(index.string())).exit_code == 0);
  const auto path = live_index_path(index);
  Generation gen(path, Verify::kSizes);
  const Xapian::Database& db = gen.database();
  // A passage that says "thymalfasin", found from the stored text, not from the index.
  Xapian::docid said = 0;
  for (uint32_t id = 1; id <= gen.size() && !said; ++id)
    if (gen.record(id).passage.text.find("thymalfasin") != std::string::npos) said = id;
  REQUIRE(said != 0);
  const std::string term = std::string(schema::kStemPrefix) + TextAnalyzer().stem("thymalfasin");
  // delve -t lists the term's postings, one "docid" each (the index keeps no termlists, so it reads
  // a term's documents, not a document's terms), with its frequency.
  const auto out = run("xapian-delve -1 -t " + shell_quote(term) + " " + shell_quote(path.string()));
  REQUIRE(out.exit_code == 0);
  INFO(out.out);
  CHECK(out.out.find("termfreq " + std::to_string(db.get_termfreq(term))) != std::string::npos);
  CHECK(out.out.find("\n" + std::to_string(said) + "\n") != std::string::npos);
}
