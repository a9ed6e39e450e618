#include "scaled_corpus.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

namespace pep::bench {

std::vector<std::string> split_sentences(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i)
    if ((text[i] == '.' || text[i] == '?' || text[i] == '!') && text[i + 1] == ' ') {
      out.push_back(text.substr(start, i + 1 - start));
      start = i + 2;
    }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

std::string varied_text(const std::vector<std::vector<std::string>>& sentences, size_t i, size_t k) {
  const auto& own = sentences[i];
  if (own.empty()) return {};
  const size_t n = own.size();
  // Another record with sentences, different for every copy: a fixed odd stride walks the corpus.
  size_t pick = (i + k * 7919) % sentences.size();
  for (size_t tries = 0; tries < sentences.size() && (pick == i || sentences[pick].empty()); ++tries)
    pick = (pick + 1) % sentences.size();
  const auto& other = sentences[pick];
  const size_t dropped = k % n;
  std::string out;
  for (size_t s = 0; s < n; ++s) {
    const size_t at = (s + k) % n;
    const std::string& piece = at == dropped && !other.empty() ? other[(k + i) % other.size()] : own[at];
    if (piece.empty()) continue;
    out += (out.empty() ? "" : " ") + piece;
  }
  return out;
}

size_t write_scaled_corpus(const std::filesystem::path& source, const std::filesystem::path& target, size_t scale,
                           size_t limit) {
  std::ifstream in(source);
  if (!in) throw std::runtime_error("cannot read corpus " + source.string());
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line) && (limit == 0 || lines.size() < limit))
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
  if (lines.empty()) throw std::runtime_error(source.string() + " holds no JSONL records");
  // Parsed once; a record that is not an object with a string id and text is copied as it is.
  std::vector<std::optional<nlohmann::json>> records(lines.size());
  std::vector<std::vector<std::string>> sentences(lines.size());
  if (scale > 1)
    for (size_t i = 0; i < lines.size(); ++i) {
      nlohmann::json j = nlohmann::json::parse(lines[i], nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string()) continue;
      if (j.contains("text") && j["text"].is_string()) sentences[i] = split_sentences(j["text"].get<std::string>());
      records[i] = std::move(j);
    }
  std::filesystem::create_directories(target);
  std::ofstream out;
  size_t part = 0, bytes = 0;
  auto write = [&](const std::string& record) {
    if (!out.is_open() || bytes + record.size() + 1 > kPartBytes) {
      if (out.is_open() && !out.flush()) throw std::runtime_error("cannot write in " + target.string());
      out.close();
      char name[32];
      std::snprintf(name, sizeof name, "part-%04zu.jsonl", part++);
      out.open(target / name);
      bytes = 0;
    }
    out << record << "\n";
    bytes += record.size() + 1;
  };
  for (const auto& l : lines) write(l);
  for (size_t k = 1; k < scale; ++k)
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!records[i]) {
        write(lines[i]);
        continue;
      }
      nlohmann::json j = *records[i];
      j["id"] = j["id"].get<std::string>() + "~copy" + std::to_string(k);
      if (!sentences[i].empty()) j["text"] = varied_text(sentences, i, k);
      write(j.dump());
    }
  if (!out.flush()) throw std::runtime_error("cannot write in " + target.string());
  return lines.size() * scale;
}

}  // namespace pep::bench
