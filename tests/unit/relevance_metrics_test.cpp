// The arithmetic pepeval reports and the rules it judges by: ranks, MRR@10, Success@3, the
// NFKC case-insensitive anchor match, the judged-file parsing, and FTS5 query quoting.
#include <catch2/catch.hpp>

#include "fts5_index.h"
#include "judged_queries.h"
#include "record_queries.h"
#include "relevance_judge.h"
#include "relevance_report.h"
#include "test_env.h"

using namespace pep::bench;

TEST_CASE("first_relevant_rank is 1-based and ignores anything past the cutoff") {
  CHECK(first_relevant_rank({true, false}) == 1);
  CHECK(first_relevant_rank({false, false, true}) == 3);
  CHECK(first_relevant_rank({}) == 0);
  CHECK(first_relevant_rank({false, false}) == 0);
  std::vector<bool> eleventh(11, false);
  eleventh[10] = true;
  CHECK(first_relevant_rank(eleventh) == 0);
  eleventh[9] = true;
  CHECK(first_relevant_rank(eleventh) == 10);
}

TEST_CASE("MRR@10 averages reciprocal ranks with misses as zero; Success@3 counts ranks 1-3") {
  const Metrics m = summarize({1, 2, 4, 0});
  CHECK(m.queries == 4);
  CHECK(m.mrr_at_10 == Approx((1.0 + 0.5 + 0.25 + 0) / 4));
  CHECK(m.success_at_3 == Approx(0.5));
  CHECK(summarize({3}).success_at_3 == 1.0);
  CHECK(summarize({3}).mrr_at_10 == Approx(1.0 / 3));
  CHECK(summarize({11}).mrr_at_10 == 0.0);  // past the cutoff is a miss
  CHECK(summarize({}).mrr_at_10 == 0.0);
  const RelevanceReport r = make_report({{"a", "x", "-", 1, 0}, {"b", "y", "-", 0, 2}}, {});
  CHECK(r.pepsearch.mrr_at_10 == Approx(0.5));
  CHECK(r.fts5.mrr_at_10 == Approx(0.25));
  CHECK(r.fts5.success_at_3 == Approx(0.5));
  CHECK(summarize({1, 2, 1, 0}).success_at_1 == Approx(0.5));
  const RecordSetReport set = make_record_set("consumer", {{"c1", "x", "-", 1, 3}, {"c2", "y", "-", 2, 0}}, true);
  CHECK(set.pepsearch.success_at_1 == Approx(0.5));
  CHECK(set.pepsearch.mrr_at_10 == Approx(0.75));
  CHECK(set.fts5.success_at_1 == 0.0);
}

TEST_CASE("record-judged sets: consumer TSV rows, known items sampled every k-th record, passage ids to records") {
  pep::test::TempDir tmp;
  pep::test::write_file(tmp / "c.tsv", "# comment\nc1\twhat is gout\tA_1|B_2\n");
  const auto c = load_record_queries(tmp / "c.tsv");
  REQUIRE(c.size() == 1);
  CHECK(c[0].query == "what is gout");
  CHECK(c[0].records == std::vector<std::string>{"A_1", "B_2"});
  pep::test::write_file(tmp / "bad.tsv", "c1\tno records column\n");
  CHECK_THROWS_AS(load_record_queries(tmp / "bad.tsv"), EvalFileError);

  std::string jsonl;
  for (int i = 0; i < 10; ++i)
    jsonl += "{\"id\": \"R" + std::to_string(i) + "\", \"text\": \"t\", \"question\": \"q" + std::to_string(i) + "?\"}\n";
  jsonl += "{\"id\": \"no-question\", \"text\": \"t\"}\n";
  pep::test::write_file(tmp / "m.jsonl", jsonl);
  CHECK(load_known_items(tmp / "m.jsonl", 0).size() == 10);  // the record without a question is not a query
  const auto sample = load_known_items(tmp / "m.jsonl", 4);  // every 3rd: R0 R3 R6 R9
  REQUIRE(sample.size() == 4);
  CHECK(sample[1].query == "q3?");
  CHECK(sample[1].records == std::vector<std::string>{"R3"});
  CHECK(sample[3].id == "R9");
  CHECK(record_of_passage("GARD_0001_Sec2#3") == "GARD_0001_Sec2");
}

TEST_CASE("anchors match case-insensitively after NFKC") {
  CHECK(contains_anchor("Results: ＩＭ８６２ lowered VEGF", "im862"));
  CHECK(contains_anchor("HAZARD RATIO 0.99", "hazard ratio 0.99"));
  CHECK(contains_anchor("the ﬁrst trial", "first"));  // ligature folds
  CHECK_FALSE(contains_anchor("hazard ratio 0.98", "hazard ratio 0.99"));
  const RelevanceJudge judge({"a.txt", "b.txt"}, {"Glu-Trp", "glutamyl"});
  CHECK(judge.relevant("b.txt", "the GLU-TRP dipeptide"));
  CHECK_FALSE(judge.relevant("c.txt", "the Glu-Trp dipeptide"));  // right text, wrong document
  CHECK_FALSE(judge.relevant("a.txt", "a tryptophan dipeptide"));
}

TEST_CASE("judged-file fields parse: lists, filters, '-' for none") {
  CHECK(split_list("a|b||c", '|') == std::vector<std::string>{"a", "b", "c"});
  CHECK(parse_filters("-").empty());
  const auto f = parse_filters("compound=thymogen;compound=thymosin-alpha-1;grade=A");
  CHECK(f.at("compound") == std::vector<std::string>{"thymogen", "thymosin-alpha-1"});
  CHECK(f.at("grade") == std::vector<std::string>{"a"});
  CHECK_THROWS_AS(parse_filters("compound"), EvalFileError);
}

TEST_CASE("FTS5 queries OR the typed words, quoted so punctuation is literal") {
  CHECK(fts5_or_query("T-cell exhaustion PD-1") == "\"T-cell\" OR \"exhaustion\" OR \"PD-1\"");
  CHECK(fts5_or_query("say \"NEAR\" - AND") == "\"say\" OR \"NEAR\" OR \"AND\"");
  CHECK(fts5_or_query(" - ").empty());
  CHECK(fts5_phrase_query("heart attack") == "\"heart attack\"");
  CHECK(fts5_prefix_query("heart atta") == "\"heart\" OR \"atta\"*");
}
