#include "program_version.h"

#include "index_schema.h"

// Both come from CMake (common/CMakeLists.txt: the pepversion library, this file alone).
#ifndef PEPSEARCH_VERSION
#define PEPSEARCH_VERSION "unknown"
#endif
#ifndef PEPSEARCH_COMMIT
#define PEPSEARCH_COMMIT "unknown"
#endif

namespace pep {

std::string program_version_text(const std::string& program) {
  return program + " " PEPSEARCH_VERSION "\nindex schema " + std::to_string(schema::kSchemaVersion) +
         "\ncommit " PEPSEARCH_COMMIT;
}

}  // namespace pep
