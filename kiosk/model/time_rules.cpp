#include "time_rules.h"

#include <algorithm>
#include <array>
#include <string>

namespace kiosk {
namespace {

constexpr Millis kMinuteMs = 60'000;
constexpr Millis kDayMs = 24 * 60 * kMinuteMs;

bool OnDay(const TimeRule& rule, long long day, int weekday) {
  if ((rule.weekdays & (1u << weekday)) == 0) return false;
  if (rule.days.empty()) return true;
  return std::any_of(rule.days.begin(), rule.days.end(),
                     [day](const DayRange& r) { return r.first <= day && day <= r.last; });
}

// `minutes` after the midnight that begins `day` (1440 = the next midnight).
CivilTime CivilAt(long long day, int minutes) {
  CivilTime c = CivilFromDays(day + minutes / 1440);
  c.hour = (minutes % 1440) / 60;
  c.minute = minutes % 60;
  return c;
}

// The local time `c` as if it were UTC, in ms.
Millis AsUtc(const CivilTime& c) {
  return DaysFromCivil(c.year, c.month, c.day) * kDayMs +
         ((c.hour * 60LL + c.minute) * 60 + c.second) * 1000 + c.millis;
}

// Every real time after `after` at which the zone's clocks show `c` (or the end of the gap
// `c` falls into), the earliest into *best: on a day the clocks go back a time shows twice.
void Candidate(const CivilTime& c, Millis after, int offset_now, const TimeZone& zone,
               Millis* best) {
  auto take = [&](Millis r) {
    if (r > after && (*best < 0 || r < *best)) *best = r;
  };
  const Millis first = zone.FromLocal(c);
  take(first);
  for (const int offset : {offset_now, zone.ToLocal(first).offset_minutes}) {
    const Millis r = AsUtc(c) - offset * kMinuteMs;
    if (zone.ToLocal(r).civil == c) take(r);
  }
}

}  // namespace

bool Eligible(const TimeRule& rule, Millis real_ms, const TimeZone& zone) {
  if (rule.always()) return true;
  const LocalTime lt = zone.ToLocal(real_ms);
  const CivilTime& c = lt.civil;
  if (rule.from && c < *rule.from) return false;
  if (rule.until && !(c < *rule.until)) return false;
  const long long day = DaysFromCivil(c.year, c.month, c.day);
  const bool today = OnDay(rule, day, lt.weekday);
  if (rule.times.empty()) return today;
  const bool yesterday = OnDay(rule, day - 1, (lt.weekday + 6) % 7);
  const Millis t = ((c.hour * 60LL + c.minute) * 60 + c.second) * 1000 + c.millis;
  for (const TimeWindow& w : rule.times) {
    const Millis start = w.start * kMinuteMs;
    const Millis end = w.end * kMinuteMs;
    if (w.end > w.start) {
      if (today && start <= t && t < end) return true;
    } else {
      if (today && t >= start) return true;
      if (yesterday && t < end) return true;
    }
  }
  return false;
}

Millis NextEdge(std::span<const TimeRule* const> rules, Millis real_ms, const TimeZone& zone) {
  const LocalTime lt = zone.ToLocal(real_ms);
  const long long day = DaysFromCivil(lt.civil.year, lt.civil.month, lt.civil.day);
  Millis best = -1;
  bool any = false;
  for (const TimeRule* rule : rules) {
    if (!rule || rule->always()) continue;
    any = true;
    if (rule->from) Candidate(*rule->from, real_ms, lt.offset_minutes, zone, &best);
    if (rule->until) Candidate(*rule->until, real_ms, lt.offset_minutes, zone, &best);
    if (rule->days.empty() && rule->weekdays == 0x7f && rule->times.empty()) continue;
    for (long long d = day - 1; d <= day + 2; ++d) {
      Candidate(CivilAt(d, 0), real_ms, lt.offset_minutes, zone, &best);
      for (const TimeWindow& w : rule->times) {
        Candidate(CivilAt(d, w.start), real_ms, lt.offset_minutes, zone, &best);
        Candidate(CivilAt(w.end > w.start ? d : d + 1, w.end), real_ms, lt.offset_minutes, zone,
                  &best);
      }
    }
  }
  // A summer-time change before it moves every local time at once: wake then too.
  if (any && best > real_ms && zone.ToLocal(best).offset_minutes != lt.offset_minutes) {
    Millis lo = real_ms;  // offset as now
    Millis hi = best;     // offset changed
    while (hi - lo > 1) {
      const Millis mid = lo + (hi - lo) / 2;
      (zone.ToLocal(mid).offset_minutes == lt.offset_minutes ? lo : hi) = mid;
    }
    best = hi;
  }
  return best;
}

int WeekdayFromName(std::string_view name) {
  static constexpr std::array<std::array<std::string_view, 4>, 7> kNames = {{
      {"mon", "monday", "mo", "montag"},
      {"tue", "tuesday", "di", "dienstag"},
      {"wed", "wednesday", "mi", "mittwoch"},
      {"thu", "thursday", "do", "donnerstag"},
      {"fri", "friday", "fr", "freitag"},
      {"sat", "saturday", "sa", "samstag"},
      {"sun", "sunday", "so", "sonntag"},
  }};
  std::string lower(name);
  for (char& ch : lower) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  if (lower == "sonnabend") return 5;
  for (int i = 0; i < 7; ++i) {
    for (std::string_view n : kNames[static_cast<std::size_t>(i)]) {
      if (lower == n) return i;
    }
  }
  return -1;
}

}  // namespace kiosk
