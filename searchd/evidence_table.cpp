#include "evidence_table.h"

#include <algorithm>
#include <iomanip>
#include <set>
#include <sstream>
#include <tuple>

#include "ascii_case.h"
#include "terminal_text.h"

namespace pep {
namespace {

std::string grade_text(const std::string& grade) { return grade.empty() ? "-" : ascii_upper(grade); }

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

// The pair's verdict, then one line per distinct statement (a monograph's trial and finding),
// trials with sizes first, at most kSummaryLines: the whole list is `pepsearch --evidence-map`.
void print_evidence_summary(std::ostream& out, const EvidencePair& p) {
  constexpr size_t kSummaryLines = 8;
  out << "Evidence: " << printable(p.compound_label) << " for " << printable(p.indication_label) << ": best grade "
      << grade_text(p.grade) << ", " << p.sources << " source" << (p.sources == 1 ? "" : "s");
  if (!p.conflict_reasons.empty()) out << "; sources disagree (" << reasons_text(p) << ")";
  out << "\n";
  // Trials with their sizes first, graded ones before ungraded, the largest first.
  std::vector<const EvidenceClaim*> order;
  for (const auto& c : p.claims) order.push_back(&c);
  const auto size_of = [](const EvidenceClaim* c) { return c->trial ? c->trial->n : 0; };
  std::stable_sort(order.begin(), order.end(), [&](const EvidenceClaim* a, const EvidenceClaim* b) {
    return std::make_tuple(size_of(a) == 0, a->grade.empty(), -size_of(a)) < std::make_tuple(size_of(b) == 0, b->grade.empty(), -size_of(b));
  });
  std::set<std::string> said;
  size_t shown = 0, stated = 0;
  for (const EvidenceClaim* claim : order) {
    const EvidenceClaim& c = *claim;
    if (c.finding == Finding::unstated && !(c.trial && c.trial->n)) continue;  // the summary is the results
    const std::string line = "  " + grade_text(c.grade) + "  " + std::string(to_string(c.finding)) +
                             (c.trial && !trial_text(c).empty() ? "  " + trial_text(c) : "") +
                             (c.trial && c.trial->n ? " (n=" + std::to_string(c.trial->n) + ")" : "") + "  " + c.monograph;
    if (!said.insert(line).second) continue;
    ++stated;
    if (shown == kSummaryLines) continue;
    ++shown;
    out << printable(line) << " (" << printable(c.passage_id) << ")\n";
  }
  if (stated > shown)
    out << "  ... " << stated - shown << " more: pepsearch --evidence-map --compound " << p.compound << " --indication "
        << p.indication << "\n";
  out << "\n";
}

}  // namespace pep
