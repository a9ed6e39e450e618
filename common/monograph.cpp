#include "monograph.h"

#include <array>

namespace pep {

namespace {

// The one table of spellings per enum. They are a contract: JSON responses, `pepindex inspect`
// and the passage store (passage_record.cpp) carry them as written here.
constexpr std::array<std::pair<DocumentFormat, std::string_view>, 5> kFormatSpellings{{
    {DocumentFormat::txt, "txt"},
    {DocumentFormat::md, "md"},
    {DocumentFormat::jsonl, "jsonl"},
    {DocumentFormat::html, "html"},
    {DocumentFormat::pdf, "pdf"},
}};

constexpr std::array<std::pair<PassageKind, std::string_view>, 5> kKindSpellings{{
    {PassageKind::paragraph, "paragraph"},
    {PassageKind::table_row, "table_row"},
    {PassageKind::faq, "faq"},
    {PassageKind::bullet, "bullet"},
    {PassageKind::facts, "facts"},
}};

constexpr std::array<std::pair<Finding, std::string_view>, 4> kFindingSpellings{{
    {Finding::positive, "positive"},
    {Finding::null, "null"},
    {Finding::negative, "negative"},
    {Finding::unstated, "unstated"},
}};

template <class Enum, size_t N>
constexpr std::string_view spelling_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [e, spelling] : table)
    if (e == value) return spelling;
  return "";  // unreachable for a valid enumerator: every one is in its table (tests check)
}

template <class Enum, size_t N>
constexpr std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table, std::string_view spelling) {
  for (const auto& [e, s] : table)
    if (s == spelling) return e;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(DocumentFormat format) { return spelling_of(kFormatSpellings, format); }
std::string_view to_string(PassageKind kind) { return spelling_of(kKindSpellings, kind); }

std::optional<DocumentFormat> parse_document_format(std::string_view spelling) {
  return value_of(kFormatSpellings, spelling);
}

std::optional<PassageKind> parse_passage_kind(std::string_view spelling) { return value_of(kKindSpellings, spelling); }

std::string_view to_string(Finding finding) { return spelling_of(kFindingSpellings, finding); }
std::optional<Finding> parse_finding(std::string_view spelling) { return value_of(kFindingSpellings, spelling); }

}  // namespace pep
