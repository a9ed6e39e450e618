// Every passage carries H terms for the content words of its document's title and of its section
// heading (index_schema.h), which the heading boost reads. The parser numbers titles and headings
// once and the writer makes the terms from those numbers; this holds the index to the terms the
// analyzer gives for the title and section stored in each passage's record.
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

TEST_CASE("each passage's heading terms are its title's and its section's content words, stemmed") {
  const auto shared = shared_dir();
  TempDir tmp;
  std::string corpora = " --corpus " + shell_quote(corpus_dir().string());
  if (shared) corpora += " --corpus " + shell_quote((*shared / "corpus").string());
  const auto index = tmp / "index";
  REQUIRE(run(pepindex_bin() + " build --threads 2" + corpora + " --index " + shell_quote(index.string())).exit_code == 0);
  const auto path = live_index_path(index);
  Generation gen(path, Verify::kSizes);
  const Xapian::Database& db = gen.database();
  const Vocabulary vocab = Vocabulary::from_json(db.get_metadata(std::string(schema::kMetaVocabulary)));
  const std::set<std::string> stopwords(vocab.stopwords.begin(), vocab.stopwords.end());
  const TextAnalyzer analyzer;

  // What the analyzer makes of each record's title and section.
  std::vector<std::set<std::string>> expected(gen.size() + 1);
  size_t with_section = 0;
  for (uint32_t id = 1; id <= gen.size(); ++id) {
    const PassageRecord rec = gen.record(id);
    with_section += !rec.passage.section.empty();
    for (const std::string& heading : {rec.source.title, rec.passage.section})
      for (const Word& w : analyzer.analyze(heading)) {
        if (w.parts.empty() && stopwords.count(w.form)) continue;  // "What are the symptoms of ..."
        expected[id].insert(std::string(schema::kHeadingPrefix) + analyzer.stem(w.form));
        for (const auto& part : w.parts) expected[id].insert(std::string(schema::kHeadingPrefix) + analyzer.stem(part));
      }
  }

  // What the index holds, read from the H terms' posting lists (the index keeps no termlists).
  std::vector<std::set<std::string>> indexed(gen.size() + 1);
  const std::string prefix(schema::kHeadingPrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) indexed[*p].insert(*t);

  size_t terms = 0;
  for (uint32_t id = 1; id <= gen.size(); ++id) {
    INFO("passage " << id);
    REQUIRE(indexed[id] == expected[id]);
    terms += indexed[id].size();
  }
  CHECK(gen.size() > 100);
  CHECK(with_section * 2 > gen.size());  // most passages sit under a section heading
  CHECK(terms > gen.size() * 3);
}
