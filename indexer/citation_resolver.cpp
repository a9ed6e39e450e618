#include "citation_resolver.h"

#include <algorithm>
#include <regex>
#include <set>

namespace pep {
namespace {

void best_split(const std::string& d, size_t pos, int prev, int n, std::vector<int>& cur, std::vector<int>& best) {
  if (pos == d.size()) {
    if (best.empty() || cur.size() < best.size()) best = cur;
    return;
  }
  for (size_t len = 1; len <= 3 && pos + len <= d.size(); ++len) {
    if (d[pos] == '0') break;
    const int v = std::stoi(d.substr(pos, len));
    if (v <= prev || v > n) continue;
    cur.push_back(v);
    best_split(d, pos + len, v, n, cur, best);
    cur.pop_back();
  }
}

// Removes the space a deleted marker leaves before punctuation, and doubled spaces.
std::string tidy(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    if ((c == '.' || c == ',' || c == ';' || c == ':' || c == ')') && !out.empty() && out.back() == ' ') out.pop_back();
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Whether tidy() would change `s`: a space before a space or punctuation, or at the end. Most
// passages have neither, and the test is a memchr per space instead of a copy per byte.
bool needs_tidy(const std::string& s) {
  if (!s.empty() && s.back() == ' ') return true;
  for (size_t p = s.find(' '); p != std::string::npos && p + 1 < s.size(); p = s.find(' ', p + 1)) {
    const char next = s[p + 1];
    if (next == ' ' || next == '.' || next == ',' || next == ';' || next == ':' || next == ')') return true;
  }
  return false;
}

}  // namespace

CitationResolver::CitationResolver(const std::vector<Reference>& references) : references_(references) {
  for (const auto& r : references_) list_size_ = std::max(list_size_, r.number);
}

std::vector<int> CitationResolver::split_glued_numbers(const std::string& digits, int list_size) {
  std::vector<int> cur, best;
  if (digits.size() <= 8) best_split(digits, 0, 0, list_size, cur, best);
  return best;
}

ResolvedCitations CitationResolver::resolve(const std::string& text) const {
  ResolvedCitations out;
  std::set<int> cited;
  std::string s = text;

  // std::regex is slow on long passages, so each pass runs only where it can match.
  // 1. Bracketed numbers: always markers.
  static const std::regex kBracket(R"(\s*\[(\d{1,3}(?:\s*[-,]\s*\d{1,3})*)\])");
  if (s.find('[') != std::string::npos) {
    std::string rebuilt;
    auto begin = s.cbegin();
    for (std::sregex_iterator it(s.begin(), s.end(), kBracket), end; it != end; ++it) {
      rebuilt.append(begin, (*it)[0].first);
      begin = (*it)[0].second;
      const std::string inner = (*it)[1].str();
      static const std::regex kNum(R"(\d+)");
      std::vector<int> nums;
      for (std::sregex_iterator n(inner.begin(), inner.end(), kNum), ne; n != ne; ++n) nums.push_back(std::stoi(n->str()));
      if (nums.size() == 2 && inner.find_first_of("-") != std::string::npos)
        for (int v = nums[0] + 1; v < nums[1] && v - nums[0] < 50; ++v) nums.push_back(v);
      for (int v : nums) {
        if (v >= 1 && v <= list_size_) cited.insert(v);
        else out.unresolved.push_back("[" + std::to_string(v) + "]");
      }
    }
    rebuilt.append(begin, s.cend());
    s = rebuilt;
  }

  // 2. Digits glued after punctuation; only checkable against a reference list.
  if (list_size_ > 0) {
    static const std::regex kGlued(R"(([A-Za-z)\]%"'])([.,]?)(\d{1,6})(?=\s|$))");
    static const std::regex kGluedAfterNumber(R"((\d)\.(\d{1,6})(?=\s+[A-Z]|\s*$))");
    for (const std::regex* re : {&kGlued, &kGluedAfterNumber}) {
      std::string rebuilt;
      auto begin = s.cbegin();
      for (std::sregex_iterator it(s.begin(), s.end(), *re), end; it != end; ++it) {
        const auto& m = *it;
        const std::string lead = m[1].str();
        const std::string punct = re == &kGlued ? m[2].str() : ".";
        const std::string digits = re == &kGlued ? m[3].str() : m[2].str();
        // A letter directly followed by digits ("IL6", "TLR9") is a name, not a citation.
        const bool letter_lead = std::isalpha(static_cast<unsigned char>(lead.back()));
        bool marker = !(letter_lead && punct.empty());
        std::vector<int> nums = marker ? split_glued_numbers(digits, list_size_) : std::vector<int>{};
        if (nums.empty()) continue;
        rebuilt.append(begin, m[0].first);
        rebuilt += lead + (punct == "," ? "," : punct);
        begin = m[0].second;
        cited.insert(nums.begin(), nums.end());
      }
      rebuilt.append(begin, s.cend());
      s = rebuilt;
    }
  }

  // 3. Author-year mentions that match an entry.
  static const std::regex kAuthorYear(R"(\b([A-Z][a-z]+)(?: et al\.?)?,? \(?((?:19|20)\d\d)\)?)");
  if (!references_.empty()) {
    for (std::sregex_iterator it(s.begin(), s.end(), kAuthorYear), end; it != end; ++it) {
      const std::string surname = (*it)[1].str();
      const int year = std::stoi((*it)[2].str());
      for (const auto& r : references_)
        if (r.year == year && r.authors.rfind(surname, 0) == 0) cited.insert(r.number);
    }
  }

  out.text = needs_tidy(s) ? tidy(s) : std::move(s);
  out.citations.assign(cited.begin(), cited.end());
  return out;
}

}  // namespace pep
