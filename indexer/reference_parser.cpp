#include "reference_parser.h"

#include <algorithm>
#include <regex>

namespace pep {
namespace {

std::string trim(std::string s) {
  const size_t b = s.find_first_not_of(" \t.;");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t.;,");
  return s.substr(b, e - b + 1);
}

std::string first_match(const std::string& s, const std::regex& re, int group = 1) {
  std::smatch m;
  return std::regex_search(s, m, re) ? m[group].str() : std::string();
}

}  // namespace

Reference parse_reference_entry(int number, const std::string& entry_in, const std::string& type) {
  static const std::regex kPmid(R"((?:PMID:?\s*|pubmed\.ncbi\.nlm\.nih\.gov/)(\d{5,9}))", std::regex::icase);
  static const std::regex kDoi(R"((?:DOI:?\s*|doi\.org/|/doi/)(10\.\d{4,9}/[^\s|]+[^\s|.,;]))", std::regex::icase);
  static const std::regex kUrl(R"((https?://[^\s|]+|\b(?:[a-z0-9-]+\.)+(?:org|com|gov|net|io|edu|int)(?:/[^\s|]*)?))", std::regex::icase);
  static const std::regex kYear(R"(\b(19[5-9]\d|20[0-4]\d)\b)");
  static const std::regex kType(R"(\s*Type:\s*([A-Za-z -]+)\s*$)");
  static const std::regex kQuoted("\"([^\"]+)\"|\xE2\x80\x9C([^\xE2]+)\xE2\x80\x9D");

  Reference r;
  r.number = number;
  std::string entry = entry_in;
  r.type = type;
  std::smatch m;
  if (std::regex_search(entry, m, kType)) {
    r.type = trim(m[1].str());
    entry = m.prefix().str();
  }
  r.text = trim(entry);
  r.pmid = first_match(entry, kPmid);
  r.doi = first_match(entry, kDoi);
  const std::string year = first_match(entry, kYear);
  if (!year.empty()) r.year = std::stoi(year);

  // URL: an explicit one, else a bare domain path as scraped pages print them.
  if (std::regex_search(entry, m, kUrl)) {
    std::string u = m[1].str();
    while (!u.empty() && (u.back() == '.' || u.back() == ',' || u.back() == ')')) u.pop_back();
    if (u.find("://") == std::string::npos) u = "https://" + u;
    r.url = u;
  }
  if (r.url.empty() && !r.pmid.empty()) r.url = "https://pubmed.ncbi.nlm.nih.gov/" + r.pmid + "/";
  if (r.url.empty() && !r.doi.empty()) r.url = "https://doi.org/" + r.doi;

  // Authors, title, journal: "Authors. Title. Journal..." with the title quoted or not.
  std::string rest = entry;
  if (const size_t etal = entry.find("et al"); etal != std::string::npos && etal < 80) {
    size_t end = etal + 5;
    if (end < entry.size() && entry[end] == '.') ++end;
    r.authors = entry.substr(0, end);  // keeps the "." of "et al."
    r.authors.erase(0, r.authors.find_first_not_of(' '));
    rest = entry.substr(end);
  } else if (const size_t dot = entry.find(". "); dot != std::string::npos && dot < 100) {
    r.authors = trim(entry.substr(0, dot));
    rest = entry.substr(dot + 2);
  }
  if (std::regex_search(rest, m, kQuoted)) {
    r.title = trim(m[1].matched ? m[1].str() : m[2].str());
    rest = m.suffix().str();
  } else {
    const size_t dot = rest.find(". ");
    r.title = trim(rest.substr(0, dot));
    rest = dot == std::string::npos ? "" : rest.substr(dot + 2);
  }
  // The journal part ends where identifiers begin.
  std::string journal = rest;
  for (const char* stop : {"PMID", "pubmed.", "DOI", "doi", "http", "pmc.", "URL"}) {
    const size_t p = journal.find(stop);
    if (p != std::string::npos) journal = journal.substr(0, p);
  }
  if (std::regex_search(journal, m, kUrl)) journal = journal.substr(0, static_cast<size_t>(m.position(0)));
  r.journal = trim(journal);
  return r;
}

std::vector<Reference> parse_references(const std::vector<std::string>& numbered_lines,
                                        const std::vector<std::vector<std::string>>& table_rows) {
  std::vector<Reference> out;
  static const std::regex kNumbered(R"(^(\d{1,3})\.\s+(.*)$)");
  std::smatch m;
  for (const auto& line : numbered_lines)
    if (std::regex_match(line, m, kNumbered)) out.push_back(parse_reference_entry(std::stoi(m[1].str()), m[2].str()));
  for (const auto& row : table_rows) {
    if (row.size() < 2 || row[0].empty() || !std::all_of(row[0].begin(), row[0].end(), ::isdigit)) continue;
    out.push_back(parse_reference_entry(std::stoi(row[0]), row[1], row.size() > 2 ? row[2] : ""));
  }
  std::sort(out.begin(), out.end(), [](const Reference& a, const Reference& b) { return a.number < b.number; });
  return out;
}

}  // namespace pep
