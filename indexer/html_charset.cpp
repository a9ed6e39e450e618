#include "html_charset.h"

#include <unicode/ucnv.h>

#include <cctype>

#include "ascii_case.h"
#include "document_reader.h"
#include "html_dom.h"

namespace pep::html {

// The charset a <meta> in the first 1024 bytes declares (the WHATWG prescan, simplified).
std::string declared_charset(const std::string& bytes) {
  const std::string head = ascii_lower(bytes.substr(0, 1024));
  const size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  size_t b = at + 8;
  while (b < head.size() && (head[b] == '"' || head[b] == '\'' || head[b] == ' ')) ++b;
  size_t e = b;
  while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_')) ++e;
  return head.substr(b, e - b);
}

// Converts `bytes` to UTF-8 from `charset` with ICU; false when ICU does not know the charset.
bool convert_to_utf8(std::string& bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const int32_t n = ucnv_convert("UTF-8", charset, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<size_t>(n));
  bytes = std::move(out);
  return true;
}

void decode(std::string& bytes, std::vector<std::string>& notes) {
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
    bytes.erase(0, 3);
  } else if (bytes.rfind("\xFF\xFE", 0) == 0 || bytes.rfind("\xFE\xFF", 0) == 0) {
    convert_to_utf8(bytes, bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
  } else if (const std::string cs = declared_charset(bytes); !cs.empty() && cs != "utf-8" && cs != "utf8") {
    if (!convert_to_utf8(bytes, cs.c_str())) notes.push_back("unknown charset '" + cs + "' declared; read as UTF-8");
  }
  if (size_t bad = repair_utf8(bytes)) notes.push_back(std::to_string(bad) + " invalid UTF-8 sequence(s) replaced by U+FFFD");
}

}  // namespace pep::html
