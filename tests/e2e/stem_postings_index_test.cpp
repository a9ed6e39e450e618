// The stems' postings a build writes (stem_postings.h) are exactly what the passages' stored text
// says: for every stem, the passages whose words or compound pieces have it, with its number of
// occurrences as wdf (stop words written as words are not counted: their postings are apart), with
// one build thread or several (shards joined and renumbered by merge_shards).
#include <catch2/catch.hpp>

#include <xapian.h>

#include <map>
#include <set>

#include "index_location.h"
#include "index_schema.h"
#include "passage_record.h"
#include "passage_store.h"
#include "stem_postings.h"
#include "test_env.h"
#include "text_analyzer.h"
#include "vocabulary.h"

using namespace pep;
using namespace pep::test;

TEST_CASE("a build's stem postings hold every stem of every passage with its wdf, with any number of build threads") {
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
    const Vocabulary vocab = Vocabulary::from_json(db.get_metadata(std::string(schema::kMetaVocabulary)));
    const std::set<std::string> stopwords(vocab.stopwords.begin(), vocab.stopwords.end());

    // Expected: per Z term, per passage, its wdf, from the stored text.
    PassageStore records(path / schema::kPassageStoreFile);
    REQUIRE(records.size() == db.get_lastdocid());
    std::map<std::string, std::map<uint32_t, uint32_t>> expected;
    for (uint32_t id = 1; id <= records.size(); ++id)
      for (const Word& w : analyzer.analyze(decode_record(records.get(id)).passage.text)) {
        auto count = [&](const std::string& form) {
          const std::string zterm = std::string(schema::kStemPrefix) + analyzer.stem(form);
          if (zterm.size() <= 64) ++expected[zterm][id];  // longer ones are noise, not indexed
        };
        if (!(w.parts.empty() && stopwords.count(w.form))) count(w.form);
        for (const auto& part : w.parts) count(part);
      }
    REQUIRE(expected.size() > 1000);

    const StemPostings stems(path / schema::kStemPostingsFile);
    CHECK(stems.terms() == expected.size());
    size_t compared = 0;
    for (uint32_t i = 0; i < stems.terms(); ++i) {
      const std::string term(stems.term_at(i));
      INFO(term);
      const StemPostings::List list = stems.find(term);
      std::map<uint32_t, uint32_t> got;
      uint32_t max_wdf = 0;
      for (const Posting& p : decode_postings(stems.read(list))) {
        got[p.docid] = p.wdf;
        max_wdf = std::max(max_wdf, p.wdf);
      }
      const auto it = expected.find(term);
      REQUIRE(it != expected.end());
      CHECK(got == it->second);
      CHECK(list.termfreq == got.size());
      CHECK(list.max_wdf == max_wdf);
      ++compared;
    }
    CHECK(compared == expected.size());
  }
}
