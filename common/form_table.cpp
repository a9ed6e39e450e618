#include "form_table.h"

#include <functional>

namespace pep {

uint32_t FormTable::id(const std::string& form) {
  if (auto it = ids_.find(form); it != ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(forms_.size());
  std::string stem = analyzer_.stem(form);
  const size_t hash = std::hash<std::string>{}(stem);
  const FormInfo& added = forms_.emplace_back(FormInfo{form, std::move(stem), hash});
  ids_.emplace(added.form, id);
  return id;
}

FormIds FormTable::ids(const std::vector<Word>& words) {
  FormIds out;
  out.reserve(words.size());
  for (const Word& w : words) {
    out.push_back(id(w.form));
    for (const auto& part : w.parts) out.push_back(id(part));
  }
  return out;
}

}  // namespace pep
