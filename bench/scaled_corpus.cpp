#include "scaled_corpus.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace pep::bench {

size_t write_scaled_corpus(const std::filesystem::path& source, const std::filesystem::path& target, size_t scale,
                           size_t limit) {
  std::ifstream in(source);
  if (!in) throw std::runtime_error("cannot read corpus " + source.string());
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line) && (limit == 0 || lines.size() < limit))
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
  if (lines.empty()) throw std::runtime_error(source.string() + " holds no JSONL records");
  std::ofstream out(target);
  for (size_t k = 0; k < scale; ++k)
    for (const auto& l : lines) {
      if (k == 0) {
        out << l << "\n";
        continue;
      }
      nlohmann::json j = nlohmann::json::parse(l, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string()) {
        out << l << "\n";  // pepindex reports it as it would in the original
        continue;
      }
      j["id"] = j["id"].get<std::string>() + "~copy" + std::to_string(k);
      out << j.dump() << "\n";
    }
  if (!out) throw std::runtime_error("cannot write " + target.string());
  return lines.size() * scale;
}

}  // namespace pep::bench
