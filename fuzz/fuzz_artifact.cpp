// Fuzzes the generation artifact reader (indexer/generation_artifact.h), the file a deploy copies
// between machines: any bytes (a tar, compressed with zstd or not) must verify or be refused with
// an IndexError, never crash, and unpacking into a directory must write only the files the
// manifest names. Seeds: artifacts packed from the project's corpus (scripts/fuzz.sh).
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "error.h"
#include "generation_artifact.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fs::path scratch = [] {
    char tmpl[] = "/tmp/fuzz_artifact.XXXXXX";
    return fs::path(::mkdtemp(tmpl));
  }();
  const fs::path input = scratch / "input.tar";
  const fs::path into = scratch / "into";
  {
    FILE* f = std::fopen(input.c_str(), "wb");
    if (!f) std::abort();
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  fs::remove_all(into);
  fs::create_directory(into);
  try {
    const pep::Manifest m = pep::read_artifact(input, into);
    // Accepted: exactly the manifest's files (and the manifest) were written.
    size_t written = 0;
    for (const auto& e : fs::directory_iterator(into)) {
      (void)e;
      ++written;
    }
    if (written != m.files.size() + 1) std::abort();
  } catch (const pep::IndexError&) {
  }
  return 0;
}
