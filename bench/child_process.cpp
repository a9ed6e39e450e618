#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace pep::bench {
namespace {

double seconds_of(const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; }

[[noreturn]] void exec_child(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

// Returns once the child forked with `exec_pipe` has replaced itself with the program (or failed
// to): the pipe's write end is close-on-exec, so the read sees end-of-file. Until then the child
// is a copy of this process, whose VmHWM is this process's: a sample taken then was pepbench's
// own memory (174 MB for a 2x-scale build that peaks at 83 MB).
void wait_for_exec(int exec_pipe[2]) {
  ::close(exec_pipe[1]);
  char byte;
  while (::read(exec_pipe[0], &byte, 1) < 0 && errno == EINTR) {
  }
  ::close(exec_pipe[0]);
}

}  // namespace

double vm_status_mb(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;  // "VmHWM:   61164 kB"
  return 0;
}

double vm_hwm_mb(pid_t pid) { return vm_status_mb(pid, "VmHWM"); }

ChildResult run_measured(const std::vector<std::string>& argv, const std::string& stdout_file) {
  if (argv.empty()) throw std::invalid_argument("run_measured: empty argv");
  int exec_pipe[2];
  if (::pipe2(exec_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = ::open(stdout_file.empty() ? "/dev/null" : stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) ::dup2(fd, STDOUT_FILENO);
    exec_child(argv);
  }
  wait_for_exec(exec_pipe);
  int status = 0;
  rusage ru{};
  // VmHWM is sampled while the program runs (every 10 ms); a peak in its last 10 ms can be missed.
  double hwm = 0;
  for (;;) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &ru);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) break;
    hwm = std::max(hwm, vm_hwm_mb(pid));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ChildResult r;
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.peak_rss_mb = hwm;
  r.user_s = seconds_of(ru.ru_utime);
  r.sys_s = seconds_of(ru.ru_stime);
  return r;
}

BackgroundChild::BackgroundChild(const std::vector<std::string>& argv, const std::string& ready_marker,
                                 std::chrono::seconds wait) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    exec_child(argv);
  }
  ::close(fds[1]);
  out_fd_ = fds[0];
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::string buffer;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char chunk[512];
    const ssize_t n = ::read(out_fd_, chunk, sizeof chunk);
    if (n <= 0) break;  // the child closed stdout: it exited
    buffer.append(chunk, static_cast<size_t>(n));
    size_t eol;
    while ((eol = buffer.find('\n')) != std::string::npos) {
      const std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 1);
      if (line.find(ready_marker) != std::string::npos) {
        ready_line_ = line;
        drain_ = std::thread([fd = out_fd_] {
          char sink[4096];
          while (::read(fd, sink, sizeof sink) > 0) {
          }
        });
        return;
      }
    }
  }
  stop();
  throw std::runtime_error(argv[0] + " did not print '" + ready_marker + "' within " + std::to_string(wait.count()) + " s");
}

double BackgroundChild::stop() {
  if (pid_ > 0) {
    peak_rss_mb_ = vm_hwm_mb(pid_);
    rss_mb_ = vm_status_mb(pid_, "VmRSS");
    ::kill(pid_, SIGTERM);
    int status = 0;
    rusage ru{};
    for (int i = 0; i < 50; ++i) {  // up to 5 s for a graceful stop
      if (::wait4(pid_, &status, WNOHANG, &ru) == pid_) {
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::wait4(pid_, &status, 0, &ru);
      pid_ = -1;
    }
  }
  if (drain_.joinable()) drain_.join();  // the child is gone, so its stdout reached EOF
  if (out_fd_ >= 0) {
    ::close(out_fd_);
    out_fd_ = -1;
  }
  return peak_rss_mb_;
}

BackgroundChild::~BackgroundChild() { stop(); }

}  // namespace pep::bench
