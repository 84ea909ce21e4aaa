#include "service.h"

#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#ifdef KIOSK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace kiosk {

ServiceNotifier::ServiceNotifier(Sink sink) : sink_(std::move(sink)) {
  const char* invocation = std::getenv("INVOCATION_ID");
  under_systemd_ = invocation && *invocation;
#ifdef KIOSK_HAVE_SYSTEMD
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    interval_ = std::max<Millis>(1, static_cast<Millis>(usec / 2000));
  }
#endif
}

void ServiceNotifier::Notify([[maybe_unused]] const std::string& message) {
  if (sink_) {
    sink_(message);
    return;
  }
#ifdef KIOSK_HAVE_SYSTEMD
  sd_notify(0, message.c_str());
#endif
}

void ServiceNotifier::Ready(const std::string& status) { Notify("READY=1\nSTATUS=" + status); }
void ServiceNotifier::Reloading() { Notify("RELOADING=1\nSTATUS=reloading the playlist"); }
void ServiceNotifier::Status(const std::string& status) { Notify("STATUS=" + status); }
void ServiceNotifier::Stopping() { Notify("STOPPING=1\nSTATUS=stopping"); }

void ServiceNotifier::FeedWatchdog(Millis now) {
  if (interval_ == 0 || (last_feed_ >= 0 && now - last_feed_ < interval_)) return;
  Notify("WATCHDOG=1");
  last_feed_ = now;
}

Millis ServiceNotifier::UntilWatchdog(Millis now) const {
  if (interval_ == 0) return -1;
  if (last_feed_ < 0) return 0;
  return std::max<Millis>(0, last_feed_ + interval_ - now);
}

std::chrono::milliseconds ProcessAge() {
  std::ifstream in("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Field 2, the command name, is in parentheses and may contain spaces: skip past it.
  const auto paren = stat.rfind(')');
  if (paren == std::string::npos) return {};
  std::istringstream fields(stat.substr(paren + 1));
  std::string field;
  unsigned long long start_ticks = 0;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i == 22) start_ticks = std::stoull(field);  // starttime: clock ticks after boot
  }
  const long hz = sysconf(_SC_CLK_TCK);
  timespec now{};
  if (start_ticks == 0 || hz <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0) return {};
  const long long now_ms = static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
  const long long start_ms = static_cast<long long>(start_ticks) * 1000 / hz;
  if (start_ms > now_ms) return {};
  return std::chrono::milliseconds(now_ms - start_ms);
}

}  // namespace kiosk
