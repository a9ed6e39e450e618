// GenerationLog: says on a stream (searchd's stderr) which index generation searchd serves, once
// per generation however many engines open it: "searchd: serving index generation gen-4 (id
// 3fa2..., 3 documents, 65 passages)". EnginePool's on_open calls opened() for every engine that
// opens or switches; the first engine to open a generation not seen before logs it. Thread-safe.
#pragma once

#include <mutex>
#include <ostream>
#include <set>
#include <string>

#include "query_engine.h"

namespace pep {

class GenerationLog {
 public:
  explicit GenerationLog(std::ostream& out) : out_(out) {}
  void opened(const IndexStats& stats);

 private:
  std::ostream& out_;
  std::mutex mutex_;
  std::set<std::string> seen_;  // generation names already logged
};

}  // namespace pep
