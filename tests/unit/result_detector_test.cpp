#include <catch2/catch.hpp>

#include "result_detector.h"

namespace {
double strength(const std::string& text) {
  pep::Passage p;
  p.text = text;
  return pep::result_strength(p);
}
}  // namespace

TEST_CASE("stated results raise the strength: figures with units, P values, comparisons, grades") {
  CHECK(strength("Thymogen is a dipeptide studied in sepsis.") == 0.0);
  CHECK(strength("Mortality fell to 40.6% in 202 patients (P = 0.02).") == Approx(0.75));
  CHECK(strength("23% vs 21% at 24 weeks; hazard ratio 0.8; Grade B.") == Approx(1.0));
  CHECK(strength("PATIENTS: 30 Patients were given 20 MG.") == Approx(0.5));  // units in any case
  CHECK(strength("a p = 0.02 in lower case is not read as a P value") == 0.0);
}

TEST_CASE("a dose in micrograms counts like one in milligrams") {
  // "µg" is two UTF-8 bytes; they were once compared as int against char and never matched.
  CHECK(strength("The MIC for vancomycin is 4-8\xC2\xB5g/ml.") == Approx(0.25));
  CHECK(strength("An MIC of 16 \xC2\xB5g/ml or more") == Approx(0.25));
  CHECK(strength("An MIC of 16 mcg/ml or more") == Approx(0.25));
}
