// Whether the real-time clock can be trusted yet. A Raspberry Pi has no clock battery: it
// boots with the time it last saved and is set by NTP once the network is up, perhaps
// minutes later, perhaps never. Until then time rules do not apply (README, "Time rules").
//
// Trusted, in this order:
//   1. $KIOSK_CLOCK_TRUSTED=1 (0: never; for tests and for machines kiosk cannot judge);
//   2. systemd-timesyncd says so: /run/systemd/timesync/synchronized exists;
//   3. the kernel says so (chrony, ntpd and timesyncd tell it): adjtimex() without
//      STA_UNSYNC and a maximum error below kMaxErrorUs;
//   4. no time-sync service runs (none of /run/systemd/timesync, /run/chrony,
//      /run/ntpd.pid, /var/run/ntpd.pid) and the machine has a real-time clock
//      (/sys/class/rtc/rtc0): its battery kept the time.
// Otherwise not (yet).
#pragma once

#include <optional>
#include <string>

namespace kiosk {

struct ClockFacts {
  std::optional<bool> env;        // $KIOSK_CLOCK_TRUSTED
  bool timesyncd_synced = false;  // /run/systemd/timesync/synchronized
  bool kernel_synced = false;     // adjtimex: STA_UNSYNC clear
  long kernel_maxerror_us = 0;    // adjtimex: maxerror
  bool sync_service = false;      // a time-sync service runs
  bool rtc = false;               // /sys/class/rtc/rtc0
};

inline constexpr long kMaxErrorUs = 1'000'000;  // 1 s: fine for minute-edged rules

// The decision from the facts (pure); *why says which rule decided, for the log.
bool ClockTrusted(const ClockFacts& facts, std::string* why);

// The facts of this machine, now.
ClockFacts ReadClockFacts();

}  // namespace kiosk
