// Subjects as a field (issue 24), through the real binaries: a query that names a record's whole
// subject ranks that record's passages above ones about another subject sharing the word; a query
// that is only a subject prefers the subject's overview; consumer words find the subject by its
// clinical name (corpus/vocab/consumer_terms.tsv).
#include <nlohmann/json.hpp>

#include "test_env.h"

using namespace pep::test;
using nlohmann::json;

namespace {

std::string record(const std::string& id, const std::string& focus, const std::string& question, const std::string& qtype,
                   const std::string& text) {
  return json({{"id", id}, {"title", focus + " — " + question}, {"text", text}, {"focus", focus}, {"question", question}, {"qtype", qtype}})
             .dump() + "\n";
}

std::string first_record(const std::filesystem::path& index, const std::string& query) {
  const auto r = run(pepsearch_bin() + " --index " + shell_quote(index.string()) + " --json " + shell_quote(query));
  INFO(query << ": " << r.out);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["results"][0]["source"]["id"].get<std::string>();
}

}  // namespace

TEST_CASE("subjects: the record about the named subject comes first, its overview for a bare subject") {
  TempDir tmp;
  write_file(tmp / "corpus" / "q.jsonl",
             record("MONO_1", "Monogenic Forms of Diabetes", "What is (are) Monogenic Forms of Diabetes ?", "information",
                    "Monogenic forms of diabetes are rare forms of diabetes. Neonatal diabetes and maturity-onset diabetes of the "
                    "young are monogenic diabetes, unlike type 1 diabetes or type 2 diabetes.") +
                 record("DIAB_2", "Diabetes", "What are the treatments for Diabetes ?", "treatment",
                        "Treatment means taking medicines, eating healthy food and being active to keep glucose in range for diabetes.") +
                 record("DIAB_1", "Diabetes", "What is (are) Diabetes ?", "information",
                        "Diabetes is a disease in which blood glucose levels are above normal for a long time.") +
                 record("EYE_1", "Conjunctivitis", "What is (are) Conjunctivitis ?", "information",
                        "Conjunctivitis is an inflammation of the thin clear tissue over the white of the eye, often from a virus.") +
                 record("EYE_2", "Eye Injuries", "What is (are) Eye Injuries ?", "information",
                        "A pink or red eye after a blow can be an eye injury; protect the eye during sports."));
  build_index(tmp / "corpus", tmp / "index");
  CHECK(first_record(tmp / "index", "what is diabetes") == "DIAB_1");
  CHECK(first_record(tmp / "index", "diabetes") == "DIAB_1");
  CHECK(first_record(tmp / "index", "treatment of diabetes") == "DIAB_2");
  CHECK(first_record(tmp / "index", "monogenic diabetes forms") == "MONO_1");
  CHECK(first_record(tmp / "index", "pink eye") == "EYE_1");  // consumer words: pink eye = conjunctivitis
}
