// Running as a systemd service (Type=notify): "ready" once the first frame is on screen,
// the watchdog fed from the render loop, a status line for `systemctl status`. Built
// without libsystemd (KIOSK_SYSTEMD=OFF or no libsystemd-dev), or started by anything but
// systemd (no NOTIFY_SOCKET), every call does nothing.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "scheduler.h"

namespace kiosk {

class ServiceNotifier {
 public:
  // Where messages go: sd_notify() by default; tests record them.
  using Sink = std::function<void(const std::string& message)>;

  // Reads the watchdog interval systemd asked for (WatchdogSec=, via WATCHDOG_USEC).
  // With a `sink`, every message goes there instead of to systemd.
  explicit ServiceNotifier(Sink sink = {});

  void Ready(const std::string& status);
  void Reloading();
  void Status(const std::string& status);
  void Stopping();

  // Sends WATCHDOG=1 if half the watchdog interval has passed since the last one. Call it
  // from the render loop: a hung loop then stops feeding, and systemd restarts kiosk.
  void FeedWatchdog(Millis now);
  // How long the loop may sleep before it must feed the watchdog again: -1 without one.
  Millis UntilWatchdog(Millis now) const;
  Millis watchdog_interval() const { return interval_; }
  // Whether systemd started this process (as a service: $INVOCATION_ID is set).
  bool under_systemd() const { return under_systemd_; }

 private:
  void Notify(const std::string& message);

  Sink sink_;
  Millis interval_ = 0;  // half of WatchdogSec in ms; 0: no watchdog
  Millis last_feed_ = -1;
  bool under_systemd_ = false;
};

// How long ago the kernel started this process (exec, from /proc/self/stat against
// CLOCK_BOOTTIME, 10 ms resolution), or 0 if that cannot be read. Under qemu-user
// /proc/self/stat is the emulator's own view, so the age is only as good as that.
std::chrono::milliseconds ProcessAge();

}  // namespace kiosk
