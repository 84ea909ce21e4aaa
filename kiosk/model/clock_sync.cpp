#include "clock_sync.h"

namespace kiosk {

ClockPosition PositionAt(std::span<const Millis> durations, Millis realtime) {
  Millis cycle = 0;
  for (Millis d : durations) cycle += d;
  if (durations.empty() || cycle <= 0) return {0, realtime};
  // Floor division: before the epoch the loop runs on just the same.
  Millis in_cycle = realtime % cycle;
  if (in_cycle < 0) in_cycle += cycle;
  const Millis cycle_start = realtime - in_cycle;
  Millis start = cycle_start;
  for (std::size_t i = 0; i < durations.size(); ++i) {
    if (in_cycle < durations[i]) return {i, start};
    in_cycle -= durations[i];
    start += durations[i];
  }
  return {durations.size() - 1, start - durations.back()};  // not reached: in_cycle < cycle
}

}  // namespace kiosk
