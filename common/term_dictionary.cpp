#include "term_dictionary.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace pep {
namespace {

// Calls f(form, count) for each well-formed "form\tcount" line of `encoded`.
template <class F>
void for_each_line(std::string_view encoded, F f) {
  while (!encoded.empty()) {
    const size_t nl = encoded.find('\n');
    const std::string_view line = encoded.substr(0, nl);
    encoded.remove_prefix(nl == std::string_view::npos ? encoded.size() : nl + 1);
    const size_t tab = line.find('\t');
    if (tab == 0 || tab == std::string_view::npos) continue;
    uint64_t count = 0;
    const auto [end, ec] = std::from_chars(line.data() + tab + 1, line.data() + line.size(), count);
    if (ec != std::errc() || end != line.data() + line.size()) continue;
    f(line.substr(0, tab), count);
  }
}

std::string encode_sorted(const std::vector<std::pair<std::string_view, uint64_t>>& sorted) {
  std::string out;
  for (const auto& [form, count] : sorted) out.append(form).append("\t").append(std::to_string(count)).append("\n");
  return out;
}

}  // namespace

TermDictionary::TermDictionary(std::string_view encoded) {
  for_each_line(encoded, [&](std::string_view form, uint64_t count) { entries_.push_back({std::string(form), count}); });
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.form < b.form; });
  // Equal forms (a hand-edited or concatenated encoding) become one entry.
  std::vector<Entry> unique;
  for (auto& e : entries_) {
    if (!unique.empty() && unique.back().form == e.form) unique.back().count += e.count;
    else unique.push_back(std::move(e));
  }
  entries_ = std::move(unique);
}

std::string TermDictionary::encode(std::vector<std::pair<std::string_view, uint64_t>> counts) {
  std::erase_if(counts, [](const auto& c) { return c.first.empty() || c.first.find_first_of("\t\n") != std::string_view::npos; });
  std::sort(counts.begin(), counts.end());
  return encode_sorted(counts);
}

std::string TermDictionary::merge(const std::vector<std::string>& encodings) {
  std::map<std::string_view, uint64_t> sum;
  for (const auto& e : encodings) for_each_line(e, [&](std::string_view form, uint64_t count) { sum[form] += count; });
  return encode_sorted({sum.begin(), sum.end()});
}

bool TermDictionary::contains(std::string_view form) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), form, [](const Entry& e, std::string_view f) { return e.form < f; });
  return it != entries_.end() && it->form == form;
}

std::span<const TermDictionary::Entry> TermDictionary::with_prefix(std::string_view prefix) const {
  auto lo = std::lower_bound(entries_.begin(), entries_.end(), prefix, [](const Entry& e, std::string_view p) { return e.form < p; });
  auto hi = lo;
  while (hi != entries_.end() && std::string_view(hi->form).substr(0, prefix.size()) == prefix) ++hi;
  return {lo, hi};
}

}  // namespace pep
