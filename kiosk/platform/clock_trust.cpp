#include "clock_trust.h"

#include <sys/stat.h>
#include <sys/timex.h>

#include <cstdlib>
#include <string_view>

namespace kiosk {
namespace {

bool Exists(const char* path) {
  struct stat st {};
  return ::stat(path, &st) == 0;
}

}  // namespace

bool ClockTrusted(const ClockFacts& f, std::string* why) {
  if (f.env) {
    *why = *f.env ? "KIOSK_CLOCK_TRUSTED=1" : "KIOSK_CLOCK_TRUSTED=0";
    return *f.env;
  }
  if (f.timesyncd_synced) {
    *why = "systemd-timesyncd: /run/systemd/timesync/synchronized";
    return true;
  }
  if (f.kernel_synced && f.kernel_maxerror_us < kMaxErrorUs) {
    *why = "the kernel's clock is synchronised (adjtimex)";
    return true;
  }
  if (f.sync_service) {
    *why = "a time-sync service runs but has not synchronised the clock yet";
    return false;
  }
  if (f.rtc) {
    *why = "no time-sync service, and a real-time clock (/sys/class/rtc/rtc0) kept the time";
    return true;
  }
  *why = "no time-sync service and no real-time clock (KIOSK_CLOCK_TRUSTED=1 overrides)";
  return false;
}

ClockFacts ReadClockFacts() {
  ClockFacts f;
  if (const char* env = std::getenv("KIOSK_CLOCK_TRUSTED"); env && *env) {
    f.env = std::string_view(env) == "1";
  }
  f.timesyncd_synced = Exists("/run/systemd/timesync/synchronized");
  timex tx{};
  if (::adjtimex(&tx) >= 0) {
    f.kernel_synced = (tx.status & STA_UNSYNC) == 0;
    f.kernel_maxerror_us = tx.maxerror;
  }
  f.sync_service = Exists("/run/systemd/timesync") || Exists("/run/chrony") ||
                   Exists("/run/ntpd.pid") || Exists("/var/run/ntpd.pid");
  f.rtc = Exists("/sys/class/rtc/rtc0");
  return f;
}

}  // namespace kiosk
