// Every row of ../shared/eval/facets.tsv holds, checked through `pepsearch --json`.
#include <nlohmann/json.hpp>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "test_env.h"

using namespace pep::test;

namespace {
std::string nfkc_lower(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  std::string out;
  n->normalize(icu::UnicodeString::fromUTF8(s), status).toUTF8String(out);
  return out;
}
std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, sep)) out.push_back(item);
  return out;
}
}  // namespace

TEST_CASE("facets.tsv: the first result from the doc with the anchor carries the expected facet values") {
  auto shared = shared_dir();
  if (!shared) return;
  TempDir tmp;
  build_index(*shared / "corpus", tmp / "index");
  std::ifstream in(*shared / "eval" / "facets.tsv");
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split(line, '\t');
    REQUIRE(cols.size() == 6);
    const std::string &id = cols[0], &query = cols[1], &doc = cols[2], &anchor = cols[3], &facet = cols[4];
    INFO(id << " " << query);
    const auto r = run(pepsearch_bin() + " --json --limit 100 --index " + shell_quote((tmp / "index").string()) + " " + shell_quote(query));
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    const nlohmann::json* hit = nullptr;
    for (const auto& res : j["results"])
      if (res["source"]["path"] == doc && nfkc_lower(res["text"]).find(nfkc_lower(anchor)) != std::string::npos) {
        hit = &res;
        break;
      }
    REQUIRE(hit != nullptr);
    const auto& got = (*hit)["facets"][facet];
    for (const auto& want : split(cols[5], '|')) {
      INFO("expects " << facet << "=" << want << ", got " << got.dump());
      CHECK(std::find(got.begin(), got.end(), want) != got.end());
    }
    ++rows;
  }
  CHECK(rows == 14);
}
