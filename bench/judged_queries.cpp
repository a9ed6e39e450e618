#include "judged_queries.h"

#include <cctype>
#include <fstream>

namespace pep::bench {
namespace {

// Calls `row` with the tab-separated columns of every line that is neither blank nor a comment.
template <typename Row>
void read_rows(const std::filesystem::path& file, size_t columns, Row row) {
  std::ifstream in(file);
  if (!in) throw EvalFileError("cannot read " + file.string());
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    size_t start = 0;
    while (true) {
      const size_t tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (cols.size() != columns)
      throw EvalFileError(file.string() + ":" + std::to_string(line_no) + ": expected " + std::to_string(columns) +
                          " tab-separated columns, found " + std::to_string(cols.size()));
    row(cols);
  }
}

}  // namespace

std::vector<std::string> split_list(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::map<std::string, std::vector<std::string>> parse_filters(const std::string& text) {
  std::map<std::string, std::vector<std::string>> out;
  if (text == "-") return out;
  for (const auto& item : split_list(text, ';')) {
    const size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
      throw EvalFileError("filter '" + item + "' is not name=value");
    // Facet values are lowercase slugs; the file may write "grade=C" as a reader would, and the
    // CLI and searchd lower-case what readers pass, so pepeval does too.
    std::string value = item.substr(eq + 1);
    for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out[item.substr(0, eq)].push_back(std::move(value));
  }
  return out;
}

std::vector<JudgedQuery> load_judged_queries(const std::filesystem::path& file) {
  std::vector<JudgedQuery> out;
  read_rows(file, 5, [&](const std::vector<std::string>& c) {
    JudgedQuery q{c[0], c[1], {}, split_list(c[3], '|'), split_list(c[4], '|')};
    try {
      q.filters = parse_filters(c[2]);
    } catch (const EvalFileError& e) {
      throw EvalFileError(file.string() + ": query " + c[0] + ": " + e.what());
    }
    if (q.docs.empty() || q.anchors.empty())
      throw EvalFileError(file.string() + ": query " + c[0] + " has no docs or no anchors");
    out.push_back(std::move(q));
  });
  if (out.empty()) throw EvalFileError(file.string() + " holds no judged queries");
  return out;
}

std::vector<FacetExpectation> load_facet_expectations(const std::filesystem::path& file) {
  std::vector<FacetExpectation> out;
  read_rows(file, 6, [&](const std::vector<std::string>& c) {
    out.push_back({c[0], c[1], c[2], c[3], c[4], split_list(c[5], '|')});
  });
  return out;
}

}  // namespace pep::bench
