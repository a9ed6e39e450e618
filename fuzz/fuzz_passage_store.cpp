// Fuzzes the passage store reader (common/passage_store.h) with whole files and with damaged
// copies of a valid store (fuzz_patch.h): opening and reading every record must end in a record
// or an IndexError, never a crash, a sanitizer report or a hang.
#include <cstdint>
#include <string>

#include "error.h"
#include "fuzz_patch.h"
#include "passage_store.h"

namespace {

const std::string& valid_store() {
  static const std::string bytes = [] {
    const auto file = pep::fuzz::scratch_file("valid.store");
    pep::PassageStoreWriter w(file);
    for (int i = 0; i < 300; ++i)
      w.add("{\"text\":\"thymosin alpha 1 in sepsis, trial " + std::to_string(i) + "\",\"grade\":\"b\"}" + std::string(i % 7, 'x'));
    w.finish();
    return pep::fuzz::read_bytes(file);
  }();
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto file = pep::fuzz::scratch_file("input.store");
  pep::fuzz::write_bytes(file, pep::fuzz::apply_input(valid_store(), data, size));
  try {
    pep::PassageStore store(file);
    for (uint32_t id = 1; id <= store.size() && id <= 1000; ++id) {
      try {
        (void)store.get(id);
      } catch (const pep::IndexError&) {
      }
    }
  } catch (const pep::IndexError&) {
  }
  return 0;
}
