// Fuzzes QueryEngine::search with arbitrary SearchRequest fields against a small index.
// Input layout: byte 0 -> page, byte 1 -> per_page (both may be out of range), then lines:
// the first is the query, each further "name=value" line a facet filter (unknown names too).
// QueryError is the engine's documented refusal; anything else escaping is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_index.h"
#include "query_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pep::QueryEngine engine(pep::fuzz::build_small_index());
  if (size < 2) return 0;
  pep::SearchRequest req;
  req.page = static_cast<int>(data[0]) - 8;      // -8..247: exercises both bounds
  req.per_page = static_cast<int>(data[1]) - 8;  // likewise
  const std::string rest(reinterpret_cast<const char*>(data + 2), size - 2);
  size_t pos = rest.find('\n');
  req.query = rest.substr(0, pos);
  while (pos != std::string::npos) {
    const size_t start = pos + 1;
    pos = rest.find('\n', start);
    const std::string line = rest.substr(start, pos == std::string::npos ? std::string::npos : pos - start);
    const size_t eq = line.find('=');
    if (eq != std::string::npos) req.filters[line.substr(0, eq)].push_back(line.substr(eq + 1));
  }
  req.snippets = (data[0] & 1) == 0;
  req.facet_counts = (data[1] & 1) == 0;
  try {
    (void)engine.search(req);
  } catch (const pep::QueryError&) {
  }
  return 0;
}
