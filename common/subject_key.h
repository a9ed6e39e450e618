// Subject keys: how a passage's subjects (what its record, document and section are about) meet
// the spans of a query. A key is the stems of a name's content words, stop words left out, joined
// by one space: "High Blood Pressure" -> "high blood pressur"; a compound counts as its pieces
// ("Thymosin-alpha-1" and "thymosin alpha-1" -> "thymosin alpha 1"). A name written with parentheses, a
// colon or a spaced dash ("Enlarged Prostate (BPH)", "Pyelonephritis: Kidney Infection") is a
// subject whole and in each of its pieces: subject_pieces gives them, whole first, each once.
// The indexer writes schema::kSubjectPrefix + key for every piece; the query side looks up the
// keys of its word spans and of the aliases of the names it found (query_builder.cpp).
// Plain functions of their arguments: no errors, no state, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pep {

std::vector<std::string> subject_pieces(std::string_view subject);

// Appends `stem` to `key`, a space between stems.
inline void add_to_subject_key(std::string& key, std::string_view stem) {
  if (!key.empty()) key.push_back(' ');
  key.append(stem);
}

}  // namespace pep
