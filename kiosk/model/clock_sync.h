// Wall-clock sync ("sync": "clock"): which slide shows, and since when, is a pure function
// of the real-time clock and the slides' durations. The cycle starts at a fixed epoch, the
// Unix epoch (1970-01-01 00:00:00 UTC), and the durations are whole milliseconds, so the
// position at any moment is computed afresh, never accumulated: two screens with the same
// playlist and the same time show the same slide and start each crossfade on the same
// millisecond, however long they run and whenever they started.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace kiosk {

using Millis = std::int64_t;

struct ClockPosition {
  std::size_t slide = 0;
  Millis start = 0;  // the real time (ms since the epoch) at which this showing began
  bool operator==(const ClockPosition&) const = default;
};

// The slide showing at `realtime` (ms since the Unix epoch, may be negative) in an endless
// loop of `durations` (each > 0, at least one) that began at the epoch.
ClockPosition PositionAt(std::span<const Millis> durations, Millis realtime);

}  // namespace kiosk
