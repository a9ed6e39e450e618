#include "grade_tagger.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "ascii_case.h"

namespace pep {
namespace {

// Grade letters standing alone in a table cell: "A negative / B for VEGF" -> a, b.
std::vector<std::string> letters_in_cell(const std::string& cell) {
  static const std::regex kLetter(R"((?:^|[^A-Za-z])([A-D])(?=$|[^A-Za-z]))");
  std::vector<std::string> out;
  for (std::sregex_iterator it(cell.begin(), cell.end(), kLetter), end; it != end; ++it)
    add_unique(out, ascii_lower((*it)[1].str()));
  return out;
}

struct TierScale {
  std::map<int, std::string> grade_of_tier;         // 1 -> "a"
  std::vector<std::pair<std::string, std::string>> legend_words;  // "preclinical" -> "c"
};

// Whether the legend regex below is worth running on `text`: it needs "T<digit>", spaces, "=",
// and a page with a legend writes " = " somewhere. Found from the '=' signs (rare) rather than
// with find(" = "), which calls memchr at every space, or std::regex over a whole document.
bool may_have_tier_legend(const std::string& text) {
  bool spaced_equals = false, tier_equals = false;
  for (size_t eq = text.find('='); eq != std::string::npos && !(spaced_equals && tier_equals); eq = text.find('=', eq + 1)) {
    if (eq > 0 && eq + 1 < text.size() && text[eq - 1] == ' ' && text[eq + 1] == ' ') spaced_equals = true;
    size_t k = eq;
    while (k > 0 && std::isspace(static_cast<unsigned char>(text[k - 1]))) --k;
    if (k >= 2 && text[k - 2] == 'T' && std::isdigit(static_cast<unsigned char>(text[k - 1]))) tier_equals = true;
  }
  return spaced_equals && tier_equals;
}

// The page's legend, e.g. "(T1 = strong RCT/meta-analysis, T2 = moderate, T3 = preclinical)".
TierScale read_tier_scale(const std::string& text, const Vocabulary& v) {
  TierScale scale;
  for (const auto& e : v.grade_scale)
    if (e.kind == GradeScaleKind::tier && e.label.size() >= 2 && e.label[0] == 'T') scale.grade_of_tier[std::stoi(e.label.substr(1))] = e.grade;
  static const std::regex kLegend(R"(\bT(\d)\s*=\s*([^,;)]{1,200}))");  // bounded: std::regex recurses per character
  if (!may_have_tier_legend(text)) return scale;  // std::regex is slow on long text
  for (std::sregex_iterator it(text.begin(), text.end(), kLegend), end; it != end; ++it) {
    const int tier = std::stoi((*it)[1].str());
    const std::string description = ascii_lower((*it)[2].str());
    for (const auto& e : v.grade_scale) {
      if (e.kind == GradeScaleKind::word && description.find(ascii_lower(e.label)) != std::string::npos) {
        scale.grade_of_tier[tier] = e.grade;
        break;
      }
    }
    // Every word of the description names this level ("preclinical" -> T3's grade).
    static const std::regex kWord(R"([a-z][a-z-]{4,})");
    for (std::sregex_iterator w(description.begin(), description.end(), kWord), we; w != we; ++w)
      scale.legend_words.emplace_back(w->str(), scale.grade_of_tier[tier]);
  }
  return scale;
}

struct Found {
  std::vector<std::string> grades;
  std::vector<std::string> labels;
};

// "Grade ..." statements and tier markers in running text.
Found grades_in_text(const std::string& text, const TierScale& scale, std::vector<std::string>* warnings) {
  Found f;
  // The regexes are slow: each runs only where its anchor ("Grade", "[T") occurs.
  const bool grade_words = text.find("Grade") != std::string::npos;
  const bool tier_marks = text.find("[T") != std::string::npos;
  if (!grade_words && !tier_marks) return f;
  static const std::regex kGrade(
      R"(\bGrade[- ]([A-D])(?:\s*[-/]\s*([A-D]))?\b(?:,?\s*\(?(negative|positive|animal|human)\)?)?)");
  static const std::regex kAnyGrade(R"(\bGrade\b[- ]?(\S{0,12}))");
  if (grade_words) {
    for (std::sregex_iterator it(text.begin(), text.end(), kGrade), end; it != end; ++it) {
      add_unique(f.grades, ascii_lower((*it)[1].str()));
      if ((*it)[2].matched) add_unique(f.grades, ascii_lower((*it)[2].str()));
      std::string label = it->str();
      if (label.back() == ')' && label.find('(') == std::string::npos) label.pop_back();
      add_unique(f.labels, label);
    }
    for (std::sregex_iterator it(text.begin(), text.end(), kAnyGrade), end; it != end; ++it) {
      const std::string next = (*it)[1].str();
      if (!next.empty() && next[0] == ':') continue;  // "Grade: A" is a table cell, read from its column
      if (next.empty() || !(next[0] >= 'A' && next[0] <= 'D') || (next.size() > 1 && std::isalpha(static_cast<unsigned char>(next[1]))))
        if (warnings) warnings->push_back("grade not understood: \"" + it->str() + "\"");
    }
  }
  // Tier markers: [T1], [T1–T2], [T2, timing-dependent]. The dash may be any dash.
  static const std::regex kTier(R"(\[T(\d)(?:\s*(?:-|\xE2\x80\x93|\xE2\x80\x94)\s*T(\d))?[^\]]*\])");
  if (tier_marks) {
    for (std::sregex_iterator it(text.begin(), text.end(), kTier), end; it != end; ++it) {
      const int lo = std::stoi((*it)[1].str());
      const int hi = (*it)[2].matched ? std::stoi((*it)[2].str()) : lo;
      for (int t = lo; t <= hi && t - lo < 4; ++t) {
        auto g = scale.grade_of_tier.find(t);
        if (g != scale.grade_of_tier.end()) add_unique(f.grades, g->second);
      }
      add_unique(f.labels, it->str());
    }
  }
  return f;
}

}  // namespace

GradeStatement GradeTagger::grades_in(const std::string& text) const {
  const Found f = grades_in_text(text, read_tier_scale("", vocab_), nullptr);
  return {f.grades, f.labels};
}

GradeStatement GradeTagger::row_grade(const Passage& p) const {
  GradeStatement out;
  if (p.kind != PassageKind::table_row) return out;
  for (const auto& [head, value] : p.fields)
    if (ascii_lower(head).find("grade") != std::string::npos) {
      for (const auto& g : letters_in_cell(value)) add_unique(out.grades, g);
      if (!out.grades.empty()) add_unique(out.labels, value);
    }
  return out;
}

void GradeTagger::tag(ParsedDocument& doc) const {
  std::string all_text;
  for (const auto& p : doc.passages) all_text += p.text + "\n";
  const TierScale scale = read_tier_scale(all_text, vocab_);

  // The document's own evidence table: indication -> grades and the cell that said so.
  std::map<std::string, Found> graded;
  for (const auto& p : doc.passages) {
    if (p.kind == PassageKind::table_row) {
      std::string subject, cell;
      for (const auto& [head, value] : p.fields) {
        const std::string h = ascii_lower(head);
        if (h.find("grade") != std::string::npos || h.find("evidence level") != std::string::npos) cell = value;
        else if (subject.empty()) subject = value;  // the first column names what is graded
      }
      if (cell.empty()) continue;
      for (const auto& ind : facets_.indications_in(subject)) {
        for (const auto& g : letters_in_cell(cell)) add_unique(graded[ind].grades, g);
        add_unique(graded[ind].labels, cell);
      }
    }
    // Tier lists: "Chronic hepatitis B and C [T1]: ..." grades what the clause before it names.
    static const std::regex kTierClause(R"(([^.:;]*?)\s*(\[T\d[^\]]*\]))");
    if (p.text.find("[T") == std::string::npos) continue;
    for (std::sregex_iterator it(p.text.begin(), p.text.end(), kTierClause), end; it != end; ++it) {
      const Found f = grades_in_text((*it)[2].str(), scale, nullptr);
      for (const auto& ind : facets_.indications_in((*it)[1].str())) {
        for (const auto& g : f.grades) add_unique(graded[ind].grades, g);
        for (const auto& l : f.labels) add_unique(graded[ind].labels, l);
      }
    }
  }

  doc.graded_indications.clear();
  for (const auto& [slug, f] : graded) doc.graded_indications[slug] = {f.grades, f.labels};

  for (auto& p : doc.passages) {
    Found found;
    if (p.kind == PassageKind::table_row) {
      for (const auto& [head, value] : p.fields)
        if (ascii_lower(head).find("grade") != std::string::npos) {
          found.grades = letters_in_cell(value);
          if (!found.grades.empty()) found.labels.push_back(value);
        }
    }
    const Found in_text = grades_in_text(p.text, scale, &doc.warnings);
    for (const auto& g : in_text.grades) add_unique(found.grades, g);
    for (const auto& l : in_text.labels) add_unique(found.labels, l);

    std::vector<std::string> inherited_labels;
    auto ind = p.facets.find("indication");
    if (ind != p.facets.end()) {
      for (const auto& slug : ind->second) {
        auto g = graded.find(slug);
        if (g == graded.end()) continue;
        for (const auto& grade : g->second.grades) add_unique(found.grades, grade);
        for (const auto& l : g->second.labels) add_unique(inherited_labels, l + " (" + slug + ", evidence table)");
      }
    }
    if (found.grades.empty() && !scale.legend_words.empty()) {
      const std::string text = ascii_lower(p.section + " " + p.text);
      for (const auto& [word, grade] : scale.legend_words)
        if (!grade.empty() && text.find(word) != std::string::npos) {
          add_unique(found.grades, grade);
          add_unique(found.labels, word + " (page legend)");
        }
    }
    if (found.grades.empty()) continue;
    std::sort(found.grades.begin(), found.grades.end());
    p.facets["grade"] = found.grades;
    std::string label;
    for (const auto& l : found.labels) label += (label.empty() ? "" : "; ") + l;
    for (const auto& l : inherited_labels) label += (label.empty() ? "" : "; ") + l;
    p.grade_label = label;
  }
}

}  // namespace pep
