#include <catch2/catch.hpp>

#include "result_detector.h"
#include "test_env.h"
#include "vocabulary.h"

namespace {
double strength(const std::string& text, const std::vector<std::string>& units) {
  pep::Passage p;
  p.text = text;
  return pep::result_strength(p, units);
}
double strength(const std::string& text) {
  static const pep::Vocabulary vocab = pep::Vocabulary::load(pep::test::vocab_dir());
  return strength(text, vocab.result_units);
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

TEST_CASE("cues count only at the start of a word; numbers count after letters too") {
  CHECK(strength("an=3 is no sample size, n=3 is") == Approx(0.25));     // 'n' inside "an" is not a cue
  CHECK(strength("3P = 0.02 and IL6 rose in 12 patients") == Approx(0.25));  // "3P" is no P value; "IL6" no figure
  CHECK(strength("5mg and 5 mg") == Approx(0.5));                           // a unit right after the digits
  CHECK(strength("x.vs 4 and avs 4") == Approx(0.25));                      // "vs" after a full stop, not inside a word
  CHECK(strength("1,000.5 % of 2.5,3 weeks") == Approx(0.5));               // digits, '.' and ',' make one number
  CHECK(strength("P = 0.01 opens the text") == Approx(0.25));               // the text's start is a word start
  CHECK(strength("in 12.n=4 and 12n=4") == Approx(0.25));                   // after a number's '.', a word starts
}

TEST_CASE("result units are data: a unit added to the list makes a number before it a figure") {
  const pep::Vocabulary vocab = pep::Vocabulary::load(pep::test::vocab_dir());
  const std::string text = "Relapse was seen in 12 cycles of treatment.";
  CHECK(strength(text, vocab.result_units) == 0.0);
  std::vector<std::string> units = vocab.result_units;
  units.push_back("cycles");
  CHECK(strength(text, units) == Approx(0.25));
  CHECK(strength("Mortality fell in 202 patients.", {}) == 0.0);  // no list, no units
}
