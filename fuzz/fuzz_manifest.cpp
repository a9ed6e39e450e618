// Fuzzes the generation manifest parser (common/manifest.h) with whole texts and with damaged
// copies of a valid generation.json (fuzz_patch.h): parsing must give a manifest or an
// IndexError, never a crash or a sanitizer report; a manifest it accepts serialises back to the
// same manifest.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "digest.h"
#include "error.h"
#include "fuzz_patch.h"
#include "manifest.h"

namespace {

const std::string& valid_manifest() {
  static const std::string text = [] {
    pep::Manifest m;
    m.schema = 8;
    m.passages = 196;
    m.documents = 7;
    m.vocabulary_sha256 = pep::sha256_hex("vocabulary");
    m.build = {{"threads", "2"}, {"strict", "false"}};
    m.files = {{"passages.store", 65198, pep::sha256_hex("a")}, {"postlist.glass", 81920, pep::sha256_hex("b")}};
    m.inputs = {{"corpus/monographs/thymogen.md", 4100, pep::sha256_hex("c")}};
    return pep::manifest_to_json(m);
  }();
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = pep::fuzz::apply_input(valid_manifest(), data, size);
  try {
    const pep::Manifest m = pep::parse_manifest(text, "generation.json");
    if (!(pep::parse_manifest(pep::manifest_to_json(m), "generation.json") == m)) std::abort();
  } catch (const pep::IndexError&) {
  }
  return 0;
}
