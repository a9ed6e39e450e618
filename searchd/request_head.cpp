#include "request_head.h"

namespace pep {

HeadVerdict RequestHeadScanner::scan(std::string_view bytes) {
  if (head_length_) return HeadVerdict::Complete;
  const std::string_view window = bytes.substr(0, std::min(bytes.size(), limits_.max_bytes));
  for (size_t nl = window.find('\n', pos_); nl != std::string_view::npos; nl = window.find('\n', pos_)) {
    const std::string_view line = window.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    if (lines_ > 0 && line == "\r") {
      head_length_ = pos_;
      return HeadVerdict::Complete;
    }
    if (++lines_ > limits_.max_headers + 1) return HeadVerdict::TooManyHeaders;
  }
  if (bytes.size() < limits_.max_bytes) return HeadVerdict::Incomplete;
  return lines_ == 0 ? HeadVerdict::LineTooLong : HeadVerdict::TooLarge;
}

bool is_health_probe(std::string_view head) {
  for (std::string_view method : {"GET ", "HEAD "}) {
    if (head.substr(0, method.size()) != method) continue;
    const std::string_view rest = head.substr(method.size());
    for (std::string_view path : {"/healthz ", "/readyz "})
      if (rest.substr(0, path.size()) == path) return true;
  }
  return false;
}

}  // namespace pep
