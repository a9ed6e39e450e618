// Subject pieces (common/subject_key.h): a subject is itself and each piece of a name written with
// parentheses, a colon or a spaced dash, each once.
#include <catch2/catch.hpp>

#include "subject_key.h"

using pep::subject_pieces;
using V = std::vector<std::string>;

TEST_CASE("a subject is whole and in the pieces its punctuation separates") {
  CHECK(subject_pieces("Gout") == V{"Gout"});
  CHECK(subject_pieces("Enlarged Prostate (BPH)") == V{"Enlarged Prostate (BPH)", "Enlarged Prostate", "BPH"});
  CHECK(subject_pieces("Pyelonephritis: Kidney Infection") == V{"Pyelonephritis: Kidney Infection", "Pyelonephritis", "Kidney Infection"});
  CHECK(subject_pieces("Parasites - Scabies") == V{"Parasites - Scabies", "Parasites", "Scabies"});
  CHECK(subject_pieces("Thymogen — What it is") == V{"Thymogen — What it is", "Thymogen", "What it is"});
  CHECK(subject_pieces("Alpha-1 Antitrypsin Deficiency") == V{"Alpha-1 Antitrypsin Deficiency"});  // a hyphen joins, not splits
  CHECK(subject_pieces("  ").empty());
  CHECK(subject_pieces("").empty());
}
