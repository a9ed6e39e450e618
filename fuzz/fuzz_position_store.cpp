// Fuzzes the position store reader (common/position_store.h) with whole files and with damaged
// copies of a valid store (fuzz_patch.h): opening, reading every record and looking keys up must
// end in positions or an IndexError, never a crash, a sanitizer report or a hang.
#include <cstdint>
#include <string>
#include <vector>

#include "error.h"
#include "fuzz_patch.h"
#include "position_store.h"

namespace {

const std::string& valid_store() {
  static const std::string bytes = [] {
    const auto file = pep::fuzz::scratch_file("valid.positions");
    pep::PositionStoreWriter w(file);
    for (uint32_t doc = 0; doc < 200; ++doc) {
      std::vector<pep::TermPosition> postings;
      for (uint32_t p = 0; p < doc % 40; ++p) postings.push_back({p * (doc % 5 + 1), pep::position_term_key("w" + std::to_string(p % 9))});
      w.add(std::move(postings));
    }
    w.finish();
    return pep::fuzz::read_bytes(file);
  }();
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto file = pep::fuzz::scratch_file("input.positions");
  pep::fuzz::write_bytes(file, pep::fuzz::apply_input(valid_store(), data, size));
  const std::vector<uint32_t> keys{pep::position_term_key("w1"), pep::position_term_key("w3")};
  std::vector<pep::TermPosition> all;
  std::vector<std::vector<uint32_t>> at;
  try {
    pep::PositionStore store(file);
    for (uint32_t id = 1; id <= store.size() && id <= 1000; ++id) {
      try {
        store.get(id, all);
        (void)store.find(id, keys, at);
      } catch (const pep::IndexError&) {
      }
    }
  } catch (const pep::IndexError&) {
  }
  return 0;
}
