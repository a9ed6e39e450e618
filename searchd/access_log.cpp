#include "access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

namespace pep {

using json = nlohmann::ordered_json;  // fields in the documented order

struct AccessLog::Sink {
  int fd = -1;
  bool owned = false;
  ~Sink() {
    if (owned) ::close(fd);
  }
};

namespace {

bool plain_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
  });
}

std::string iso8601_utc(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[40];
  const size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms % 1000));
  return buf;
}

std::optional<long long> number(const std::string& text) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

void stamp_request(httplib::Request& req, std::chrono::steady_clock::time_point start, const std::string& fallback_id) {
  std::string id = req.get_header_value(kRequestIdHeader);
  if (!plain_id(id)) id = fallback_id;
  req.headers.erase(kRequestIdHeader);
  req.headers.erase(kRequestStartHeader);
  req.set_header(kRequestIdHeader, id);
  req.set_header(kRequestStartHeader, std::to_string(start.time_since_epoch().count()));
}

std::string access_log_line(const httplib::Request& req, const httplib::Response& res,
                            std::chrono::system_clock::time_point now, std::chrono::steady_clock::time_point steady_now) {
  json line{{"time", iso8601_utc(now)}};
  if (req.has_header(kRequestIdHeader)) line["id"] = req.get_header_value(kRequestIdHeader);
  line["method"] = req.method;
  line["path"] = req.target;
  line["status"] = res.status;
  // httplib answers a few malformed requests before the stamp: then the header is the client's,
  // and a value that is not a number is left out rather than thrown on.
  if (const auto start_ns = number(req.get_header_value(kRequestStartHeader))) {
    const std::chrono::steady_clock::time_point start{std::chrono::steady_clock::duration{*start_ns}};
    const double ms = std::chrono::duration<double, std::milli>(steady_now - start).count();
    line["latency_ms"] = std::round(ms * 1000) / 1000;
  }
  if (const auto results = number(res.get_header_value(kResultsHeader))) line["results"] = *results;
  if (res.has_header(kGenerationHeader)) line["generation"] = res.get_header_value(kGenerationHeader);
  if (res.has_header(kGenerationIdHeader)) line["generation_id"] = res.get_header_value(kGenerationIdHeader);
  return line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

void AccessLog::open(const std::string& where) {
  auto fresh = std::make_shared<Sink>();
  if (where == "-") {
    fresh->fd = STDERR_FILENO;
  } else if (!where.empty()) {
    fresh->fd = ::open(where.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fresh->fd < 0)
      throw std::runtime_error("cannot open the access log " + where + ": " + std::strerror(errno) +
                               " (check the directory exists and searchd may write to it)");
    fresh->owned = true;
  }
  std::lock_guard lock(mutex_);
  sink_ = where.empty() ? nullptr : std::move(fresh);
}

std::shared_ptr<const AccessLog::Sink> AccessLog::sink() const {
  std::lock_guard lock(mutex_);
  return sink_;
}

void AccessLog::write(const httplib::Request& req, const httplib::Response& res) {
  const auto sink = this->sink();
  if (!sink) return;
  const std::string line = access_log_line(req, res, std::chrono::system_clock::now(), std::chrono::steady_clock::now());
  // One write(2) per line: with O_APPEND, lines from concurrent workers never interleave.
  (void)!::write(sink->fd, line.data(), line.size());
}

}  // namespace pep
