#include "http_load.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "child_process.h"

namespace pep::bench {

std::string url_encode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

HttpLoad run_wrk(const HttpLoadOptions& o, const std::string& base_url, const std::vector<std::string>& paths,
                 const std::filesystem::path& work_dir) {
  if (paths.empty()) throw std::invalid_argument("run_wrk: no request paths");
  const auto paths_file = work_dir / "wrk-paths.txt";
  const auto script = work_dir / "wrk-cycle.lua";
  const auto out_file = work_dir / "wrk-out.txt";
  {
    std::ofstream p(paths_file);
    for (const auto& path : paths) p << path << "\n";
  }
  {
    // Each wrk thread has its own Lua state; setup() staggers where each one starts in the list.
    std::ofstream s(script);
    s << "local paths = {}\n"
      << "for line in io.lines(\"" << paths_file.string() << "\") do paths[#paths + 1] = line end\n"
      << "local started = 0\n"
      << "local step = " << (o.interleave ? o.threads : 1) << "\n"
      << "function setup(thread) thread:set(\"offset\", started * " << (o.interleave ? 1 : 7919)
      << "); started = started + 1 end\n"
      << "local i = 0\n"
      << "function init(args) i = (offset or 0) % #paths end\n"
      << "function request() local at = i % #paths + 1; i = i + step; return wrk.format(\"GET\", paths[at]) end\n"
      << "function done(summary, latency, requests)\n"
      << "  local e = summary.errors\n"
      << "  io.write(string.format(\"PEPBENCH requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d max_us=%d\\n\",\n"
      << "    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,\n"
      << "    latency:percentile(50), latency:percentile(99), latency.max))\n"
      << "end\n";
  }
  // timeout(1) bounds the run even if wrk hangs on a dead server.
  const ChildResult r = run_measured({"/usr/bin/timeout", std::to_string(o.seconds + 30), o.wrk, "-t", std::to_string(o.threads), "-c",
                                      std::to_string(o.connections), "-d", std::to_string(o.seconds) + "s", "--timeout", "5s",
                                      "-s", script.string(), base_url},
                                     out_file.string());
  std::ifstream in(out_file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("PEPBENCH ", 0) != 0) continue;
    HttpLoad h;
    long duration_us = 0, p50 = 0, p99 = 0, max = 0;
    if (std::sscanf(line.c_str(), "PEPBENCH requests=%ld duration_us=%ld errors=%ld p50_us=%ld p99_us=%ld max_us=%ld", &h.requests,
                    &duration_us, &h.errors, &p50, &p99, &max) != 6)
      break;
    h.qps = duration_us > 0 ? static_cast<double>(h.requests) * 1e6 / static_cast<double>(duration_us) : 0;
    h.p50_ms = static_cast<double>(p50) / 1000.0;
    h.p99_ms = static_cast<double>(p99) / 1000.0;
    h.max_ms = static_cast<double>(max) / 1000.0;
    return h;
  }
  throw std::runtime_error("wrk (exit " + std::to_string(r.exit_code) + ") printed no summary; see " + out_file.string());
}

}  // namespace pep::bench
