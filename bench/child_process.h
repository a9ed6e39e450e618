// Runs another program as a child and measures it: wall time, CPU time (wait4 rusage) and peak
// resident set size from the child's own /proc/PID/status VmHWM. Not wait4's ru_maxrss: on Linux
// that starts from the forking parent's RSS, so it reported pepbench's own memory for any child
// smaller than pepbench (searchd's "peak RSS" was mostly pepbench's passages).
// Also starts a long-running server child whose first stdout line announces its address.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace pep::bench {

struct ChildResult {
  int exit_code = -1;  // -1 when killed by a signal
  double wall_s = 0;
  double peak_rss_mb = 0;
  double user_s = 0;
  double sys_s = 0;
};

// The high-water RSS of a running process in MB (VmHWM), 0 when it cannot be read.
double vm_hwm_mb(pid_t pid);
// A /proc/PID/status memory line ("VmHWM", "VmRSS") of a running process in MB, 0 when unreadable.
double vm_status_mb(pid_t pid, const std::string& key);

// argv[0] is the program path. stdout goes to /dev/null (or `stdout_file`), stderr is inherited.
ChildResult run_measured(const std::vector<std::string>& argv, const std::string& stdout_file = "");

// A child started in the background; stopped with SIGTERM (then SIGKILL) when the object goes.
class BackgroundChild {
 public:
  // Starts argv and waits up to `wait` for a stdout line containing `ready_marker`; that line is
  // kept in ready_line(). Throws std::runtime_error if the child exits or stays silent.
  BackgroundChild(const std::vector<std::string>& argv, const std::string& ready_marker, std::chrono::seconds wait);
  ~BackgroundChild();
  BackgroundChild(const BackgroundChild&) = delete;
  BackgroundChild& operator=(const BackgroundChild&) = delete;

  const std::string& ready_line() const { return ready_line_; }
  pid_t pid() const { return pid_; }
  // Stops the child; returns its peak RSS in MB (VmHWM read just before SIGTERM).
  double stop();
  // Its resident set (VmRSS) read just before the stop; 0 before stop().
  double rss_at_stop_mb() const { return rss_mb_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string ready_line_;
  std::thread drain_;  // keeps reading stdout after the ready line so the child never blocks on a full pipe
  double peak_rss_mb_ = 0;
  double rss_mb_ = 0;
};

}  // namespace pep::bench
