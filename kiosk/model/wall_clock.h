// The real time the show's time features read: the system's real-time clock, or --at's
// simulated one, which starts at a chosen moment and runs `speed` times as fast as the
// monotonic clock. Pure: the edge passes both clocks in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "clock_sync.h"  // Millis
#include "local_time.h"

namespace kiosk {

class WallClock {
 public:
  // The system's real-time clock.
  WallClock() = default;
  // From `start_real` (ms since the Unix epoch) at the monotonic moment `start_mono`,
  // running `speed` (>= 1) times as fast.
  WallClock(Millis start_real, double speed, Millis start_mono);

  bool simulated() const { return simulated_; }
  double speed() const { return speed_; }

  // The real time at monotonic `mono`, `system_real` being the real-time clock's reading
  // at that moment (only used when not simulated).
  Millis RealAt(Millis mono, Millis system_real) const;
  // How many monotonic milliseconds until real time `real_ms` comes, from `now_real`
  // (rounded up; 0 if it is due).
  Millis MonoUntil(Millis real_ms, Millis now_real) const;

 private:
  bool simulated_ = false;
  Millis start_real_ = 0;
  double speed_ = 1;
  Millis start_mono_ = 0;
};

// --at's text ("2015-05-29T10:15", local time in `zone`; or with an offset, "+02:00", "Z")
// as a real time. False, with *error saying why, if it is not such a moment.
bool ResolveAt(std::string_view text, const TimeZone& zone, Millis* real_ms, std::string* error);

}  // namespace kiosk
