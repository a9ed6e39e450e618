// ReferenceParser: turns the lines of a reference list into Reference entries.
//
// Accepts numbered lines ("7. Yang Y et al. Title. J Viral Hepat 2013. PMID 23458517") and pipe
// table rows ("| 1 | Noy A, et al. "Title." J Clin Oncol 2005;23(5):990-998. pubmed.../15598977 | RCT |").
// Extracts what it can (authors, title, journal/year, PMID, DOI, URL, type); `text` always
// holds the whole entry, so nothing is lost when a field cannot be told apart.
#pragma once

#include <string>
#include <vector>

#include "monograph.h"

namespace pep {

Reference parse_reference_entry(int number, const std::string& entry, const std::string& type = "");

std::vector<Reference> parse_references(const std::vector<std::string>& numbered_lines,
                                        const std::vector<std::vector<std::string>>& table_rows);

}  // namespace pep
