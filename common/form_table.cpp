#include "form_table.h"

#include <tsl/robin_map.h>

#include <functional>

namespace pep {

// Open addressing with the hash kept beside each key, and short forms stored inline: a lookup
// touches one or two cache lines where std::unordered_map chased three or four pointers (the
// build's hottest lookup: ~5% faster MedQuAD builds, 11 alternating runs).
struct FormTable::Lookup {
  // Transparent, so a form is looked up as the analyzer's view of it, without a string made first.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  tsl::robin_map<std::string, uint32_t, Hash, std::equal_to<>, std::allocator<std::pair<std::string, uint32_t>>,
                 /*StoreHash=*/true>
      ids;
};

FormTable::FormTable(const TextAnalyzer& analyzer) : analyzer_(analyzer), lookup_(std::make_unique<Lookup>()) {}
FormTable::~FormTable() = default;

uint32_t FormTable::id(std::string_view form) {
  auto& ids = lookup_->ids;
  if (auto it = ids.find(form); it != ids.end()) return it->second;
  const auto id = static_cast<uint32_t>(size());
  if ((id & (kChunkSize - 1)) == 0) chunks_.push_back(std::make_unique<FormInfo[]>(kChunkSize));
  FormInfo& added = chunks_.back()[id & (kChunkSize - 1)];
  added.form = std::string(form);
  added.stem = analyzer_.stem(added.form);
  stem_hashes_.push_back(std::hash<std::string>{}(added.stem));
  ids.emplace(added.form, id);
  return id;
}

NumberedWords FormTable::number(std::string_view text) {
  struct Numbering : WordVisitor {
    FormTable& table;
    NumberedWords out;
    explicit Numbering(FormTable& t) : table(t) {}
    void word(std::string_view form, const std::vector<std::string>& parts) override {
      out.ids.push_back(table.id(form));
      for (const auto& part : parts) out.ids.push_back(table.id(part));
      out.parts.push_back(static_cast<uint32_t>(parts.size()));
    }
  } numbering(*this);
  analyzer_.visit(text, numbering);
  return std::move(numbering.out);
}

}  // namespace pep
