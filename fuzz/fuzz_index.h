// A small index for the search-side fuzzers: the bundled corpus/, built once per process into a
// temporary directory that is removed at exit.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "data_dir.h"
#include "index_builder.h"
#include "vocabulary.h"

namespace pep::fuzz {

inline std::filesystem::path build_small_index() {
  namespace fs = std::filesystem;
  static const fs::path dir = fs::temp_directory_path() / ("pepsearch-fuzz-" + std::to_string(::getpid()));
  static const bool built = [] {
    BuildOptions options;
    options.corpora = {fs::path(PEPSEARCH_SOURCE_DIR) / "corpus"};
    options.index_dir = dir;
    options.vocabulary_dir = default_vocabulary_dir();
    build_index(options, nullptr);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(dir, ec);
    });
    return true;
  }();
  (void)built;
  return dir;
}

}  // namespace pep::fuzz
