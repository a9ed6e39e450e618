// pepeval end to end: the relevance floor on the shared judged queries (the CI regression gate of
// issue 5), and the command's contract on a judged file written here over the bundled corpus.
#include <nlohmann/json.hpp>

#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

std::string pepeval_bin() { return PEPEVAL_BIN; }

}  // namespace

TEST_CASE("pepeval: pepsearch keeps MRR@10 >= 0.90 on the shared judged queries, FTS5 measured beside it") {
  auto shared = shared_dir();
  if (!shared) return;
  TempDir tmp;
  const auto out = tmp / "eval.json";
  const auto r = run(pepeval_bin() + " --corpus " + shell_quote((*shared / "corpus").string()) + " --queries " +
                     shell_quote((*shared / "eval" / "queries.tsv").string()) + " --facets " +
                     shell_quote((*shared / "eval" / "facets.tsv").string()) + " --min-mrr 0.90 --json " +
                     shell_quote(out.string()));
  INFO(r.out);
  const json j = json::parse(read_file(out));
  CHECK(j["queries"].size() > 0);
  CHECK(j["fts5"]["mrr_at_10"].get<double>() > 0.0);  // the comparison really ran
  for (const auto& f : j["facets"]) {
    INFO(f.dump());
    CHECK(f["pass"].get<bool>());
  }
  CHECK(j["pepsearch"]["mrr_at_10"].get<double>() >= 0.90);
  CHECK(r.exit_code == 0);
}

TEST_CASE("pepeval: per-query ranks, metrics, --min-mrr exit code and usage errors") {
  TempDir tmp;
  write_file(tmp / "q.tsv",
             "# id, query, filters, docs, anchors\n"
             "a1\tVEGF lowering\t-\tmonographs/thymogen.md\tVEGF\n"
             "a2\tVEGF lowering\tcompound=thymogen\tmonographs/thymogen.md\tVEGF\n"
             "a3\tVEGF lowering\t-\tmonographs/thymogen.md\tno passage says this\n");
  const std::string base = pepeval_bin() + " --corpus " + shell_quote(corpus_dir().string()) + " --queries " +
                           shell_quote((tmp / "q.tsv").string());
  const auto ok = run(base + " --json " + shell_quote((tmp / "r.json").string()));
  INFO(ok.out);
  REQUIRE(ok.exit_code == 0);
  CHECK(ok.out.find("MRR@10") != std::string::npos);
  CHECK(ok.out.find("Success@3") != std::string::npos);
  const json j = json::parse(read_file(tmp / "r.json"));
  REQUIRE(j["queries"].size() == 3);
  CHECK(j["queries"][0]["pepsearch_rank"] == 1);
  CHECK(j["queries"][1]["pepsearch_rank"] == 1);
  CHECK(j["queries"][1]["filters"] == "compound=thymogen");
  CHECK(j["queries"][2]["pepsearch_rank"].is_null());  // '-' in the table
  CHECK(j["queries"][2]["fts5_rank"].is_null());
  CHECK(j["queries"][0]["fts5_rank"].is_number());
  CHECK(j["pepsearch"]["mrr_at_10"].get<double>() == Approx(2.0 / 3));
  CHECK(j["pepsearch"]["success_at_3"].get<double>() == Approx(2.0 / 3));

  CHECK(run(base + " --min-mrr 0.5").exit_code == 0);
  CHECK(run(base + " --min-mrr 0.9").exit_code == 1);
  CHECK(run(pepeval_bin() + " --queries " + shell_quote((tmp / "q.tsv").string())).exit_code == 2);  // no --index/--corpus
  CHECK(run(base + " --index " + shell_quote((tmp / "idx").string())).exit_code == 2);              // both
  CHECK(run(base + " --facets " + shell_quote((tmp / "missing.tsv").string())).exit_code == 2);
  write_file(tmp / "bad.tsv", "x1\tonly two columns\n");
  CHECK(run(pepeval_bin() + " --corpus " + shell_quote(corpus_dir().string()) + " --queries " +
            shell_quote((tmp / "bad.tsv").string())).exit_code == 2);
}

TEST_CASE("pepeval --medquad: consumer questions and known items judged by record, Success@1 beside FTS5") {
  TempDir tmp;
  write_file(tmp / "m.jsonl",
             "{\"id\": \"G_1_Sec1\", \"title\": \"Gout — What is (are) Gout ?\", \"text\": \"Gout is a painful form of arthritis "
             "caused by uric acid crystals in a joint.\", \"focus\": \"Gout\", \"question\": \"What is (are) Gout ?\", \"qtype\": \"information\"}\n"
             "{\"id\": \"G_1_Sec2\", \"title\": \"Gout — What are the treatments for Gout ?\", \"text\": \"Gout treatment: medicines lower uric acid "
             "and ease the pain of an attack.\", \"focus\": \"Gout\", \"question\": \"What are the treatments for Gout ?\", \"qtype\": \"treatment\"}\n"
             "{\"id\": \"S_2_Sec1\", \"title\": \"Shingles — What is (are) Shingles ?\", \"text\": \"Shingles is a painful rash caused "
             "by the chickenpox virus waking up.\", \"focus\": \"Shingles\", \"question\": \"What is (are) Shingles ?\", \"qtype\": \"information\"}\n");
  write_file(tmp / "c.tsv", "# id, query, records\nc1\tgout treatment\tG_1_Sec2\nc2\tshingles rash\tS_2_Sec1\nc3\tgout\tnone_such\n");
  write_file(tmp / "q.tsv", "a1\tVEGF lowering\t-\tmonographs/thymogen.md\tVEGF\n");
  const auto r = run(pepeval_bin() + " --corpus " + shell_quote(corpus_dir().string()) + " --queries " +
                     shell_quote((tmp / "q.tsv").string()) + " --medquad " + shell_quote((tmp / "m.jsonl").string()) +
                     " --consumer " + shell_quote((tmp / "c.tsv").string()) + " --known-items 0 --json " +
                     shell_quote((tmp / "r.json").string()));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Success@1") != std::string::npos);
  CHECK(r.out.find("known-item (3 queries)") != std::string::npos);
  const json j = json::parse(read_file(tmp / "r.json"));
  const json& consumer = j["record_sets"]["consumer"];
  REQUIRE(consumer["queries"].size() == 3);
  CHECK(consumer["queries"][0]["pepsearch_rank"] == 1);
  CHECK(consumer["queries"][1]["pepsearch_rank"] == 1);
  CHECK(consumer["queries"][2]["pepsearch_rank"].is_null());
  CHECK(consumer["queries"][0]["fts5_rank"].is_number());
  CHECK(consumer["pepsearch"]["success_at_1"].get<double>() == Approx(2.0 / 3));
  const json& known = j["record_sets"]["known-item"];
  CHECK(known["queries"].size() == 3);
  CHECK(known["pepsearch"]["mrr_at_10"].get<double>() > 0.0);
  CHECK(run(pepeval_bin() + " --corpus " + shell_quote(corpus_dir().string()) + " --queries " + shell_quote((tmp / "q.tsv").string()) +
            " --consumer " + shell_quote((tmp / "c.tsv").string())).exit_code == 2);  // --consumer needs --medquad
}

TEST_CASE("pepeval: consumer questions on MedQuAD keep MRR@10 >= 0.75 and Success@1 >= 0.65, ahead of FTS5") {
  auto shared = shared_dir();
  if (!shared) return;
  TempDir tmp;
  write_file(tmp / "q.tsv", "a1\tVEGF lowering\t-\tmonographs/thymogen.md\tVEGF\n");
  const auto r = run(pepeval_bin() + " --corpus " + shell_quote(corpus_dir().string()) + " --queries " +
                     shell_quote((tmp / "q.tsv").string()) + " --medquad " +
                     shell_quote((*shared / "data" / "medquad" / "medquad.jsonl").string()) + " --consumer " +
                     shell_quote((source_dir() / "bench" / "eval" / "consumer_questions.tsv").string()) +
                     " --known-items 300 --json " + shell_quote((tmp / "r.json").string()));
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(read_file(tmp / "r.json"));
  const json& consumer = j["record_sets"]["consumer"];
  CHECK(consumer["queries"].size() >= 100);
  CHECK(consumer["pepsearch"]["mrr_at_10"].get<double>() >= 0.75);
  CHECK(consumer["pepsearch"]["success_at_1"].get<double>() >= 0.65);
  CHECK(consumer["pepsearch"]["mrr_at_10"].get<double>() > consumer["fts5"]["mrr_at_10"].get<double>());
  const json& known = j["record_sets"]["known-item"];
  CHECK(known["pepsearch"]["mrr_at_10"].get<double>() > known["fts5"]["mrr_at_10"].get<double>());
}
