// Stop words written as words are W terms, apart from the Z terms (index_schema.h). A query of
// only stop words searches each as the synonym of its W and Z terms and must find exactly the
// passages whose text holds a word or compound piece with the stop word's stem, whatever the
// number of build threads; the passages' Xapian lengths count every word; and such a query
// reaches them through pepsearch, ranked by BM25Weight.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <nlohmann/json.hpp>
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

std::set<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  std::set<Xapian::docid> out;
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto m = mset.begin(); m != mset.end(); ++m) out.insert(*m);
  return out;
}

}  // namespace

TEST_CASE("stop words are found as W and Z terms, with any number of build threads") {
  const auto shared = shared_dir();
  TempDir tmp;
  std::string corpora = " --corpus " + shell_quote(corpus_dir().string());
  if (shared) corpora += " --corpus " + shell_quote((*shared / "corpus").string());
  const TextAnalyzer analyzer;
  for (const int threads : {1, 3}) {
    const auto index = tmp / ("index-" + std::to_string(threads));
    REQUIRE(run(pepindex_bin() + " build --threads " + std::to_string(threads) + corpora + " --index " + shell_quote(index.string())).exit_code == 0);
    const auto path = live_index_path(index);
    Generation gen(path, Verify::kSizes);
    const Xapian::Database& db = gen.database();
    const Vocabulary vocab = Vocabulary::from_json(db.get_metadata(std::string(schema::kMetaVocabulary)));
    REQUIRE(vocab.stopwords.size() > 20);

    // Per passage, the stems of its words and of their pieces, and how many of its words are
    // stop words, read back from the stored text.
    const std::set<std::string> stopwords(vocab.stopwords.begin(), vocab.stopwords.end());
    std::vector<std::set<std::string>> stems(gen.size() + 1);
    std::vector<Xapian::termcount> word_count(gen.size() + 1, 0);
    for (uint32_t id = 1; id <= gen.size(); ++id)
      for (const Word& w : analyzer.analyze(gen.record(id).passage.text)) {
        stems[id].insert(analyzer.stem(w.form));
        for (const auto& part : w.parts) stems[id].insert(analyzer.stem(part));
        // A compound counts as itself and its pieces; words too long to be terms (64 bytes with
        // the prefix: URLs, base64) count as nothing.
        auto counted = [&](const std::string& form) { return analyzer.stem(form).size() + 1 <= 64 ? 1u : 0u; };
        word_count[id] += counted(w.form);
        for (const auto& part : w.parts) word_count[id] += counted(part);
      }

    // Xapian's document length is the sum of the wdfs of every word (Z and W terms) and of the
    // H terms, so BM25 sees stop words in a passage's length.
    std::vector<Xapian::termcount> lengths(gen.size() + 1, 0), expected_lengths = word_count;
    for (auto t = db.allterms_begin(std::string(schema::kHeadingPrefix)); t != db.allterms_end(std::string(schema::kHeadingPrefix)); ++t)
      for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) expected_lengths[*p] += p.get_wdf();
    for (Xapian::docid id = 1; id <= db.get_lastdocid(); ++id) lengths[id] = db.get_doclength(id);
    CHECK(lengths == expected_lengths);

    size_t found = 0, as_terms = 0;
    for (const auto& word : vocab.stopwords) {
      const std::string stem = analyzer.stem(word);
      const std::string zterm = std::string(schema::kStemPrefix) + stem;
      std::set<Xapian::docid> expected;
      for (uint32_t id = 1; id < stems.size(); ++id)
        if (stems[id].count(stem)) expected.insert(id);
      INFO(threads << " thread(s), stop word '" << word << "'");
      const std::string terms[] = {std::string(schema::kStopPrefix) + stem, zterm};
      CHECK(matches(db, Xapian::Query(Xapian::Query::OP_SYNONYM, std::begin(terms), std::end(terms))) == expected);
      found += expected.size();
      as_terms += db.get_termfreq(zterm);  // pieces of compounds, and other words with that stem
    }
    CHECK(found > 1000);  // the common ones ("the", "of", "and") are in most passages
    // Written as words they are not Z terms: nearly all of it came from the W terms.
    CHECK(as_terms * 10 < found);
  }
}

TEST_CASE("a query of only stop words ranks passages that hold them all, through pepsearch") {
  TempDir tmp;
  write_file(tmp / "c" / "a.txt", "First\nThe trial of the peptide was done in the clinic of the city.\n");
  write_file(tmp / "c" / "b.txt", "Second\nPeptide levels fell in the second week.\n");
  write_file(tmp / "c" / "c.txt", "Third\nFew filler words: peptide levels fell, which is rare.\n");
  REQUIRE(run(pepindex_bin() + " build --threads 2 --corpus " + shell_quote((tmp / "c").string()) + " --index " +
              shell_quote((tmp / "index").string()))
              .exit_code == 0);
  auto search = [&](const std::string& q) {
    const auto r = run(pepsearch_bin() + " --json --index " + shell_quote((tmp / "index").string()) + " " + shell_quote(q));
    return r.out.empty() ? nlohmann::json{{"total", -1}} : nlohmann::json::parse(r.out);  // exit 1 still prints the JSON
  };
  const auto the = search("the");
  REQUIRE(the["total"] == 2);
  // "the" four times outweighs once.
  CHECK(the["results"][0]["text"].get<std::string>().find("clinic of the city") != std::string::npos);
  const auto of_the = search("\"of the\"");
  REQUIRE(of_the["total"] == 1);
  CHECK(of_the["results"][0]["text"].get<std::string>().find("trial of the peptide") != std::string::npos);
  // Anywhere else a stop word is dropped, and never offered as a spelling correction. (Nor as a
  // completion, but that shows in no result: a stop word's Z term holds only compound pieces.)
  CHECK(search("the peptide")["total"] == 3);
  const auto whichh = search("whichh");  // "which" is the only word one edit away
  CHECK(whichh["total"] == 0);
  CHECK(whichh.value("corrected_query", "") != "which");
}
