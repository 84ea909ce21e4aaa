// Local time: what the clocks on the wall of the venue show, in the system's zone or an
// IANA zone named in the playlist ("Europe/Berlin"), from the operating system's tz
// database (libdate-tz with USE_OS_TZDB reads /usr/share/zoneinfo, which Debian's tzdata
// keeps current). Pure apart from reading that database: every function takes the real
// time (ms since the Unix epoch) as an argument, so tests run whole days, summer-time
// changes and leap days through a fake clock.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "clock_sync.h"  // Millis

namespace date {
class time_zone;
}

namespace kiosk {

// A date and time on a wall clock, without a zone.
struct CivilTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;   // 0..23
  int minute = 0;
  int second = 0;
  int millis = 0;
  auto operator<=>(const CivilTime&) const = default;
};

// 0 = Monday ... 6 = Sunday (ISO 8601), for any proleptic Gregorian date.
int WeekdayOf(int year, int month, int day);
bool ValidDate(int year, int month, int day);
// Days since 1970-01-01 of a date (negative before), and back.
long long DaysFromCivil(int year, int month, int day);
CivilTime CivilFromDays(long long days);

struct LocalTime {
  CivilTime civil;
  int weekday = 0;         // 0 = Monday
  int offset_minutes = 0;  // local = UTC + offset (Europe/Berlin: 60 in winter, 120 in summer)
};

class TimeZone {
 public:
  // The zone named `iana` ("Europe/Berlin", "UTC"); nothing, with *error saying why, if the
  // system's tz database does not know it.
  static std::optional<TimeZone> Named(std::string_view iana, std::string* error);
  // The system's zone: $TZ if it names a zone, else /etc/localtime; UTC if neither does.
  static TimeZone System();
  static TimeZone Utc();

  const std::string& name() const { return name_; }
  LocalTime ToLocal(Millis unix_ms) const;
  // The real time at which this zone's clocks show `civil`. A time the clocks skip (spring
  // forward, 02:30 in Europe/Berlin on the last Sunday of March) gives the moment the gap
  // ends (03:00 local); a time they show twice (fall back) gives the first.
  Millis FromLocal(const CivilTime& civil) const;

  bool operator==(const TimeZone& o) const { return name_ == o.name_; }

 private:
  const date::time_zone* zone_ = nullptr;  // nullptr: UTC
  std::string name_ = "UTC";
};

// ISO 8601 as playlists and schedules write it: "2015-05-29", "2015-05-29T10:00",
// "2015-05-29T10:00:30", "2015-05-29 10:00", each optionally with "Z", "+02:00" or
// "+0200" (and fractions of a second, ignored). Ranges are checked (no 25:00, no
// 2015-02-29); "24:00" is not accepted here.
struct IsoDateTime {
  CivilTime civil;
  bool has_time = false;
  std::optional<int> offset_minutes;  // set when the text names an offset
};
bool ParseIsoDateTime(std::string_view text, IsoDateTime* out, std::string* error);

// "10:00", "9:05", "23:59", and "24:00" (the end of a day): minutes since midnight, 0..1440.
bool ParseClockTime(std::string_view text, int* minutes, std::string* error);

// The real time as the show's time features see it, and whether it can be trusted yet
// (a Pi without a clock battery boots with the time it last saved: clock_trust.h).
struct WallTime {
  Millis real_ms = 0;
  bool trusted = true;
};

}  // namespace kiosk
