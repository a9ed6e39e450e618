// Fuzzes searchd's request parameter handling: the input is a raw query string, decoded the way
// httplib does for a request, then parse_search_params / parse_suggest_params; a request they
// accept is run against a small index, as the daemon would. ParamError (a 400) and QueryError
// are documented refusals; anything else escaping is a bug.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_index.h"
#include "query_engine.h"
#include "request_params.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pep::QueryEngine engine(pep::fuzz::build_small_index());
  const std::string query_string(reinterpret_cast<const char*>(data), size);
  httplib::Params decoded;
  httplib::detail::parse_query_text(query_string, decoded);
  const pep::QueryParams params(decoded.begin(), decoded.end());
  try {
    const pep::SearchRequest req = pep::parse_search_params(params);
    (void)engine.search(req);
  } catch (const pep::ParamError&) {
  } catch (const pep::QueryError&) {
  }
  try {
    const pep::SuggestRequest s = pep::parse_suggest_params(params);
    (void)engine.suggest(s.prefix, s.limit);
  } catch (const pep::ParamError&) {
  }
  return 0;
}
