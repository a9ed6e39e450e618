// program_version: what `--version` prints for pepindex, pepsearch and searchd: the program's
// version (CMake's project VERSION), the index schema it reads and writes (index_schema.h) and
// the git commit it was built from, taken when the build was configured ("unknown" outside git).
// Layout of the text, one item per line:
//   <program> <version>
//   index schema <N>
//   commit <hash>
// No errors; stateless and thread-safe.
#pragma once

#include <string>

namespace pep {

std::string program_version_text(const std::string& program);

}  // namespace pep
