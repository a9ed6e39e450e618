#include "evidence_table.h"

#include <iomanip>
#include <sstream>

#include "terminal_text.h"

namespace pep {
namespace {

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string grade_text(const std::string& grade) { return grade.empty() ? "-" : upper(grade); }

std::string reasons_text(const EvidencePair& p) {
  std::string out;
  for (auto r : p.conflict_reasons) out += (out.empty() ? "" : ", ") + std::string(to_string(r));
  return out;
}

// "ETASS, Phase 3, 2025" from what the claim's trial states.
std::string trial_text(const EvidenceClaim& c) {
  if (!c.trial) return "";
  std::string out;
  for (const std::string& part : {c.trial->name, c.trial->design, c.trial->year ? std::to_string(c.trial->year) : std::string()})
    if (!part.empty()) out += (out.empty() ? "" : ", ") + part;
  return out;
}

std::string cell(const std::string& text, size_t width) {
  std::string s = printable(text);
  if (s.size() > width) s = s.substr(0, width - 1) + "~";
  return s + std::string(width + 2 - s.size(), ' ');
}

}  // namespace

void print_evidence_table(std::ostream& out, const EvidenceAnswer& answer) {
  out << cell("COMPOUND", 20) << cell("INDICATION", 24) << cell("GRADE", 5) << cell("N", 6) << cell("FINDING", 9)
      << cell("TRIAL", 24) << "SOURCE\n";
  for (const auto& p : answer.pairs) {
    bool first = true;
    for (const auto& c : p.claims) {
      const std::string mark = first && !p.conflict_reasons.empty() ? " !" : "";
      out << cell(first ? p.compound_label : "", 20) << cell(first ? p.indication_label + mark : "", 24)
          << cell(grade_text(c.grade), 5) << cell(c.trial && c.trial->n ? std::to_string(c.trial->n) : "-", 6)
          << cell(std::string(to_string(c.finding)), 9) << cell(trial_text(c), 24) << printable(c.monograph) << " ("
          << printable(c.passage_id) << ")\n";
      first = false;
    }
  }
  size_t conflicts = 0;
  for (const auto& p : answer.pairs) conflicts += p.conflict_reasons.empty() ? 0 : 1;
  out << answer.pairs.size() << " pair" << (answer.pairs.size() == 1 ? "" : "s") << ", " << conflicts
      << " where sources disagree (!)\n";
}

void print_evidence_summary(std::ostream& out, const EvidencePair& p) {
  out << "Evidence: " << printable(p.compound_label) << " for " << printable(p.indication_label) << ": best grade "
      << grade_text(p.grade) << ", " << p.sources << " source" << (p.sources == 1 ? "" : "s");
  if (!p.conflict_reasons.empty()) out << "; sources disagree (" << reasons_text(p) << ")";
  out << "\n";
  for (const auto& c : p.claims) {
    if (c.finding == Finding::unstated && !c.trial) continue;  // the summary is the results
    out << "  " << grade_text(c.grade) << "  " << to_string(c.finding);
    if (c.trial) {
      const std::string t = trial_text(c);
      if (!t.empty()) out << "  " << printable(t);
      if (c.trial->n) out << " (n=" << c.trial->n << ")";
    }
    out << "  " << printable(c.monograph) << " (" << printable(c.passage_id) << ")\n";
  }
  out << "\n";
}

}  // namespace pep
