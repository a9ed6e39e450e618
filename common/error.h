// The one error type of an index on disk, shared by the stores, the generation module and the
// programs' run_main. An IndexError means: the index is missing, of another schema, or damaged;
// its message names the file and says what to do (kRebuildHint when a rebuild is the fix).
// Header only, no state; safe to throw from any thread.
#pragma once

#include <stdexcept>
#include <string_view>

namespace pep {

struct IndexError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The advice every "damaged" message ends with.
inline constexpr std::string_view kRebuildHint = "rebuild the index with pepindex build";

}  // namespace pep
