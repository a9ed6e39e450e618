// ServiceNotifier: tells a service manager (systemd's Type=notify) what searchd is doing, with
// sd_notify(3) from libsystemd: READY=1 once it accepts connections, RELOADING=1 then READY=1
// around a SIGHUP reload, STOPPING=1 when it starts to stop, and STATUS= lines systemctl shows.
// Messages go to the datagram socket $NOTIFY_SOCKET names; when it is unset (not run by systemd)
// every call does nothing. Errors sending are ignored: readiness is advisory and the service
// manager times out on its own. Thread-safe (each call is one sendmsg).
#pragma once

#include <string>

namespace pep {

class ServiceNotifier {
 public:
  void ready(const std::string& status) const;
  void reloading() const;
  void stopping(const std::string& status) const;
  void status(const std::string& status) const;

 private:
  void send(const std::string& state) const;
};

}  // namespace pep
