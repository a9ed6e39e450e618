// QueryAnalyser on a real index (the bundled corpus): each kind of word gets its role, its
// searched form, stem and Z term, the way QueryBuilder::build reads them.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "index_location.h"
#include "index_schema.h"
#include "position_store.h"
#include "query_builder.h"
#include "term_dictionary.h"
#include "vocabulary.h"
#include "test_env.h"

using namespace pep;
using namespace pep::test;

namespace {

// The bundled corpus indexed once per test, with the query builder searchd would make over it.
struct BundledIndex {
  TempDir tmp;
  std::filesystem::path path = [this] {
    build_index(corpus_dir(), tmp / "index");
    return live_index_path(tmp / "index");
  }();
  Xapian::Database db{path.string()};
  Vocabulary vocab = Vocabulary::from_json(db.get_metadata(std::string(schema::kMetaVocabulary)));
  TermDictionary forms{db.get_metadata(std::string(schema::kMetaForms))};
  TextAnalyzer analyzer;
  PositionStore positions{path / schema::kPositionStoreFile};
  QueryBuilder builder{db, vocab, forms, analyzer, positions};
};

}  // namespace

TEST_CASE("a query is analysed once into words with roles, stems and terms") {
  const BundledIndex index;
  const QueryBuilder& builder = index.builder;
  const std::string z(schema::kStemPrefix);

  const QueryAnalysis a = builder.analyse("placebu double-blind of \"immune response\" VEGF thym");
  REQUIRE(a.words.size() == 7);
  CHECK_FALSE(a.stop_words_only);

  const QueryWord& misspelt = a.words[0];
  CHECK(misspelt.role == Role::word);
  CHECK(misspelt.corrected);
  CHECK(misspelt.word.form == "placebu");
  CHECK(misspelt.form == "placebo");
  CHECK(misspelt.stem == index.analyzer.stem("placebo"));
  CHECK(misspelt.term == z + index.analyzer.stem("placebo"));

  const QueryWord& compound = a.words[1];
  CHECK(compound.role == Role::compound);
  CHECK(compound.form == "doubleblind");  // the joined form: "double blind" and "double-blind" meet
  CHECK(compound.word.parts == std::vector<std::string>{"double", "blind"});
  CHECK(compound.piece_stems == std::vector<std::string>{index.analyzer.stem("double"), index.analyzer.stem("blind")});

  CHECK(a.words[2].role == Role::stop_word);
  CHECK(a.words[3].role == Role::quoted);
  CHECK(a.words[4].role == Role::quoted);
  CHECK(a.quoted == std::vector<std::vector<size_t>>{{3, 4}});

  CHECK(a.words[5].role == Role::concept_name);
  REQUIRE(a.concepts.size() == 1);
  CHECK(a.concepts[0].first_word == 5);
  CHECK(a.concepts[0].last_word == 5);

  const QueryWord& typed = a.words[6];  // the last word, still being typed
  CHECK(typed.role == Role::completion);
  CHECK_FALSE(typed.completions.empty());
  CHECK(std::all_of(typed.completions.begin(), typed.completions.end(),
                    [&](const std::string& t) { return t.rfind(z + "thym", 0) == 0; }));
  // With a space after it the same word is finished: unknown, so corrected or searched as written.
  CHECK(builder.analyse("placebu thym ").words[1].role == Role::word);

  const QueryAnalysis stops = builder.analyse("of the of");
  CHECK(stops.stop_words_only);
  REQUIRE(stops.words.size() == 2);  // distinct stop words, each searched once
  CHECK(stops.words[0].role == Role::searched_stop_word);
  CHECK(stops.words[1].role == Role::searched_stop_word);
}

TEST_CASE("question filler around a subject is dropped unless nothing else is left") {
  const BundledIndex index;
  const QueryBuilder& builder = index.builder;
  REQUIRE_FALSE(index.vocab.question_filler.empty());

  // "information" is an indexed word: without the filler list it would be searched.
  const QueryAnalysis a = builder.analyse("Where can I find information about sepsis trials?");
  REQUIRE(a.words.size() == 8);
  for (size_t i = 0; i < 6; ++i) CHECK(a.words[i].role == Role::stop_word);
  CHECK(a.words[6].role != Role::stop_word);
  CHECK(a.words[7].role != Role::stop_word);
  // The same ranking as the subject alone (the filler is neither searched nor weighted).
  const auto ids = [&](const std::string& q) {
    const auto r = run(pepsearch_bin() + " --json --index " + shell_quote((index.tmp / "index").string()) + " " + shell_quote(q));
    const nlohmann::json answer = nlohmann::json::parse(r.out);
    std::vector<std::string> out;
    for (const auto& hit : answer.at("results")) out.push_back(hit.at("id").get<std::string>());
    return out;
  };
  const std::vector<std::string> subject = ids("sepsis trials");
  REQUIRE(subject.size() >= 3);
  CHECK(ids("where can I find information about sepsis trials") == subject);

  // Quoted or alone, the words are searched.
  const QueryAnalysis quoted = builder.analyse("\"information about\" sepsis");
  CHECK(quoted.words[0].role == Role::quoted);
  const QueryAnalysis alone = builder.analyse("information about");
  CHECK(alone.words[0].role != Role::stop_word);
}
