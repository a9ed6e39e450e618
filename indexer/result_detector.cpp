#include "result_detector.h"

#include <algorithm>
#include <regex>

namespace pep {

double result_strength(const Passage& p) {
  static const std::regex kSignals(
      R"(\d+(?:\.\d+)?\s?%|\bP\s?[=<]\s?0?\.\d+|\b(?:hazard|odds|risk) ratio\b|\bHR\s?\d|\bn\s?=\s?\d+|)"
      R"(\b\d+(?:\.\d+)?\s?(?:mg|µg|mcg|pg/mL|ng/ml|ng/mL|weeks|days|patients|subjects)\b|\bvs\.?\s+\d|\bGrade [A-D]\b)",
      std::regex::icase);
  const auto begin = std::sregex_iterator(p.text.begin(), p.text.end(), kSignals);
  const long signals = std::distance(begin, std::sregex_iterator());
  return std::min(1.0, static_cast<double>(signals) / 4.0);
}

}  // namespace pep
