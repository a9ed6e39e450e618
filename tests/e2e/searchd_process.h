// SearchdProcess: the real searchd binary started for one test on a free loopback port
// (--port 0; the URL is read from its first stdout line), stopped with SIGTERM when it goes;
// or started as a SearchdLaunch says (command line, environment, stderr to a file).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "test_env.h"

namespace pep::test {

inline std::string searchd_bin() { return SEARCHD_BIN; }

// pepsearch through `--server URL` prints what it prints embedded on `--index DIR`, in --json and
// human modes, with the same exit code, for each of `args` (the flags and query after them).
inline void check_server_matches_embedded(const std::filesystem::path& index, int port, const std::vector<std::string>& args) {
  const std::string embedded_at = " --index " + shell_quote(index.string()) + " ";
  const std::string server_at = " --server http://127.0.0.1:" + std::to_string(port) + " ";
  for (const std::string& a : args)
    for (const std::string mode : {"--json", ""}) {
      const auto embedded = run("NO_COLOR=1 " + pepsearch_bin() + " " + mode + embedded_at + a);
      const auto remote = run("NO_COLOR=1 " + pepsearch_bin() + " " + mode + server_at + a);
      INFO("pepsearch " << mode << " " << a);
      CHECK(remote.exit_code == embedded.exit_code);
      CHECK(remote.out == embedded.out);
    }
}

// A raw TCP connection to 127.0.0.1:port (-1 when refused), every read and write bounded by 15 s:
// for tests that speak HTTP byte by byte, which an HTTP client library would not let them do.
inline int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  timeval tv{15, 0};  // the test's own bound on every wait
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return fd;
}

// How to start searchd: its whole command line after the program name, environment entries
// ("NAME=value") added to the test's, and a file for its stderr (empty: the test's stderr).
// With `port` set (the command line's --port), the constructor returns at once instead of
// waiting for the "listening" line.
struct SearchdLaunch {
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::filesystem::path stderr_file;
  int port = 0;
};

class SearchdProcess {
 public:
  explicit SearchdProcess(const std::filesystem::path& index, std::vector<std::string> extra = {})
      : SearchdProcess(default_launch(index, std::move(extra))) {}

  static SearchdLaunch default_launch(const std::filesystem::path& index, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--index", index.string(), "--port", "0", "--threads", "8"};
    args.insert(args.end(), extra.begin(), extra.end());
    return {args, {}, {}};
  }

  explicit SearchdProcess(const SearchdLaunch& launch) {
    std::vector<std::string> args{searchd_bin()};
    args.insert(args.end(), launch.args.begin(), launch.args.end());
    std::vector<char*> argv;  // built before fork: the child only calls async-signal-safe functions
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings(launch.env);
    for (char** e = environ; *e; ++e) env_strings.push_back(*e);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int err_fd = launch.stderr_file.empty() ? -1 : ::open(launch.stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      if (err_fd >= 0) ::dup2(err_fd, STDERR_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    if (err_fd >= 0) ::close(err_fd);
    out_ = fds[0];
    port_ = launch.port;
    if (port_ != 0) return;
    // The first line says where it listens: "searchd: listening on http://127.0.0.1:PORT/".
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 200) <= 0) continue;
      char buf[256];
      const ssize_t n = ::read(out_, buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, static_cast<size_t>(n));
    }
    std::smatch m;
    INFO("searchd printed: " << line);
    REQUIRE(std::regex_search(line, m, std::regex(R"(listening on http://127\.0\.0\.1:(\d+)/)")));
    port_ = std::stoi(m[1]);
  }

  ~SearchdProcess() {
    if (pid_ > 0) stop();
    if (out_ >= 0) ::close(out_);
  }
  SearchdProcess(const SearchdProcess&) = delete;
  SearchdProcess& operator=(const SearchdProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }

  // Sends `sig` and waits (up to 15 s, then SIGKILL) for the exit; returns the exit code, -1 if killed.
  int stop(int sig = SIGTERM) {
    ::kill(pid_, sig);
    int status = 0;
    for (int i = 0; i < 150; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
};

}  // namespace pep::test
