// When a slide (or the whole playlist) is shown: date ranges, weekdays and daily time
// windows, evaluated in the playlist's zone. Pure: the real time and the zone are passed
// in, so tests run whole days, midnight, summer-time changes and leap days on a fake clock.
//
// A rule holds when every part given holds: the date is in one of `days` (or `days` is
// empty) and within from..until, the weekday is one of `weekdays`, and the time of day is
// in one of `times` (or `times` is empty). A window whose end is not after its start runs
// across midnight ("22:00"-"02:00") and belongs to the day it starts on: the dates and
// weekdays are those of its start, so Friday 22:00-02:00 shows until Saturday 02:00.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "clock_sync.h"  // Millis
#include "local_time.h"

namespace kiosk {

struct DayRange {
  long long first = 0;  // days since 1970-01-01, inclusive
  long long last = 0;   // inclusive
  bool operator==(const DayRange&) const = default;
};

struct TimeWindow {
  int start = 0;  // minutes since midnight, 0..1439
  int end = 0;    // 1..1440; not after start: the window runs across midnight
  bool operator==(const TimeWindow&) const = default;
};

struct TimeRule {
  std::optional<CivilTime> from;   // shown from this local moment on
  std::optional<CivilTime> until;  // ... until before this one
  std::vector<DayRange> days;      // on these dates only
  std::uint8_t weekdays = 0x7f;    // bit 0 = Monday ... bit 6 = Sunday
  std::vector<TimeWindow> times;   // in these windows only
  // A rule without any part: always.
  bool always() const {
    return !from && !until && days.empty() && weekdays == 0x7f && times.empty();
  }
  bool operator==(const TimeRule&) const = default;
};

// Whether `rule` holds at the real time `real_ms` in `zone`.
bool Eligible(const TimeRule& rule, Millis real_ms, const TimeZone& zone);

// The first real time after `real_ms` at which any of `rules` may change (a window's edge,
// midnight, from/until, a summer-time change); -1 if none ever can. At most a day or two
// ahead for rules with dates, weekdays or windows: the caller asks again then.
Millis NextEdge(std::span<const TimeRule* const> rules, Millis real_ms, const TimeZone& zone);

// Weekday names as the playlist writes them: English ("mon", "monday") and German ("mo",
// "montag"), any case. 0 = Monday; -1 if unknown.
int WeekdayFromName(std::string_view name);

}  // namespace kiosk
