#include "service_notify.h"

#include <systemd/sd-daemon.h>
#include <time.h>

namespace pep {

namespace {

// Newer systemd wants the monotonic time beside RELOADING=1 (older ignores it).
std::string monotonic_usec() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return std::to_string(static_cast<long long>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000);
}

}  // namespace

void ServiceNotifier::send(const std::string& state) const { ::sd_notify(0, state.c_str()); }

void ServiceNotifier::ready(const std::string& status) const { send("READY=1\nSTATUS=" + status); }

void ServiceNotifier::reloading() const {
  send("RELOADING=1\nSTATUS=reloading the config\nMONOTONIC_USEC=" + monotonic_usec());
}

void ServiceNotifier::stopping(const std::string& status) const { send("STOPPING=1\nSTATUS=" + status); }

void ServiceNotifier::status(const std::string& status) const { send("STATUS=" + status); }

}  // namespace pep
