#include "generation_log.h"

namespace pep {

void GenerationLog::opened(const IndexStats& stats) {
  std::lock_guard lock(mutex_);
  if (!seen_.insert(stats.generation).second) return;
  out_ << "searchd: serving index generation " << stats.generation << " (id " << stats.id << ", " << stats.documents
       << " documents, " << stats.passages << " passages)" << std::endl;
}

}  // namespace pep
