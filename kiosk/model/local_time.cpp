#include "local_time.h"

#include <date/tz.h>

#include <charconv>
#include <cstdlib>
#include <exception>

namespace kiosk {
namespace {

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int* value) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *value = v;
  return true;
}

const date::time_zone* Locate(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

// Through date.h's calendar types (proleptic Gregorian, any year).
long long DaysFromCivil(int year, int month, int day) {
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  return date::sys_days{ymd}.time_since_epoch().count();
}

CivilTime CivilFromDays(long long days) {
  const date::year_month_day ymd{date::sys_days{date::days{days}}};
  CivilTime c;
  c.year = static_cast<int>(ymd.year());
  c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  return c;
}

int WeekdayOf(int year, int month, int day) {
  const date::weekday wd{date::sys_days{date::days{DaysFromCivil(year, month, day)}}};
  return static_cast<int>((wd.c_encoding() + 6) % 7);  // c_encoding: 0 = Sunday
}

bool ValidDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return date::year_month_day{date::year{year}, date::month{static_cast<unsigned>(month)},
                              date::day{static_cast<unsigned>(day)}}
      .ok();
}

std::optional<TimeZone> TimeZone::Named(std::string_view iana, std::string* error) {
  if (iana == "UTC" || iana == "Etc/UTC") return Utc();
  const date::time_zone* zone = iana.empty() ? nullptr : Locate(iana);
  if (!zone) {
    if (error)
      *error = "unknown time zone \"" + std::string(iana) +
               "\" (an IANA name such as \"Europe/Berlin\")";
    return std::nullopt;
  }
  TimeZone tz;
  tz.zone_ = zone;
  tz.name_ = std::string(iana);
  return tz;
}

TimeZone TimeZone::System() {
  if (const char* tz = std::getenv("TZ"); tz && *tz) {
    std::string_view name = tz;
    if (name.front() == ':') name.remove_prefix(1);
    if (auto zone = Named(name, nullptr)) return *zone;
  }
  try {
    if (const date::time_zone* zone = date::current_zone()) {
      TimeZone t;
      t.zone_ = zone;
      t.name_ = std::string(zone->name());
      if (t.name_ == "UTC" || t.name_ == "Etc/UTC") return Utc();
      return t;
    }
  } catch (const std::exception&) {
  }
  return Utc();
}

TimeZone TimeZone::Utc() { return TimeZone{}; }

LocalTime TimeZone::ToLocal(Millis unix_ms) const {
  using std::chrono::milliseconds;
  const date::sys_time<milliseconds> sys{milliseconds{unix_ms}};
  int offset_minutes = 0;
  if (zone_) {
    const date::sys_info info = zone_->get_info(sys);
    offset_minutes = static_cast<int>(info.offset.count() / 60);
  }
  const Millis local_ms = unix_ms + static_cast<Millis>(offset_minutes) * 60'000;
  long long days = local_ms / 86'400'000;
  Millis in_day = local_ms % 86'400'000;
  if (in_day < 0) {
    in_day += 86'400'000;
    --days;
  }
  LocalTime t;
  t.civil = CivilFromDays(days);
  t.civil.hour = static_cast<int>(in_day / 3'600'000);
  t.civil.minute = static_cast<int>(in_day / 60'000 % 60);
  t.civil.second = static_cast<int>(in_day / 1000 % 60);
  t.civil.millis = static_cast<int>(in_day % 1000);
  t.weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
  t.offset_minutes = offset_minutes;
  return t;
}

Millis TimeZone::FromLocal(const CivilTime& c) const {
  const Millis local_ms = DaysFromCivil(c.year, c.month, c.day) * 86'400'000 +
                          static_cast<Millis>(c.hour) * 3'600'000 + c.minute * 60'000LL +
                          c.second * 1000LL + c.millis;
  if (!zone_) return local_ms;
  using std::chrono::milliseconds;
  const date::local_time<milliseconds> local{milliseconds{local_ms}};
  const date::local_info info = zone_->get_info(date::floor<std::chrono::seconds>(local));
  switch (info.result) {
    case date::local_info::nonexistent:
      return std::chrono::duration_cast<milliseconds>(info.first.end.time_since_epoch()).count();
    case date::local_info::ambiguous:
    case date::local_info::unique:
    default:
      return local_ms - std::chrono::duration_cast<milliseconds>(info.first.offset).count();
  }
}

bool ParseIsoDateTime(std::string_view s, IsoDateTime* out, std::string* error) {
  auto fail = [&](std::string why) {
    if (error) *error = "\"" + std::string(s.substr(0, 64)) + "\": " + why;
    return false;
  };
  IsoDateTime r;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, &r.civil.year) ||
      !Digits(s, 5, 2, &r.civil.month) || !Digits(s, 8, 2, &r.civil.day)) {
    return fail("not a date like 2015-05-29");
  }
  if (!ValidDate(r.civil.year, r.civil.month, r.civil.day)) return fail("no such date");
  std::size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    ++pos;
    if (pos + 5 > s.size() || s[pos + 2] != ':' || !Digits(s, pos, 2, &r.civil.hour) ||
        !Digits(s, pos + 3, 2, &r.civil.minute)) {
      return fail("not a time like 10:00 after the date");
    }
    pos += 5;
    if (pos < s.size() && s[pos] == ':') {
      if (!Digits(s, pos + 1, 2, &r.civil.second)) return fail("not seconds after the minutes");
      pos += 3;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return fail("no digits after the decimal point");
      }
    }
    if (r.civil.hour > 23 || r.civil.minute > 59 || r.civil.second > 59) {
      return fail("no such time of day (00:00 to 23:59)");
    }
    r.has_time = true;
  }
  if (pos < s.size()) {
    if (!r.has_time) return fail("unexpected text after the date");
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      r.offset_minutes = 0;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int h = 0;
      int m = 0;
      const bool colon = pos + 6 == s.size() && s[pos + 3] == ':';
      const bool plain = pos + 5 == s.size();
      if (!(colon || plain) || !Digits(s, pos + 1, 2, &h) ||
          !Digits(s, pos + (colon ? 4 : 3), 2, &m) || h > 23 || m > 59) {
        return fail("not an offset like +02:00");
      }
      r.offset_minutes = (s[pos] == '-' ? -1 : 1) * (h * 60 + m);
    } else {
      return fail("unexpected text after the time");
    }
  }
  *out = r;
  return true;
}

bool ParseClockTime(std::string_view s, int* minutes, std::string* error) {
  int h = 0;
  int m = 0;
  const std::size_t colon = s.find(':');
  const bool ok = (colon == 1 || colon == 2) && s.size() == colon + 3 && Digits(s, 0, colon, &h) &&
                  Digits(s, colon + 1, 2, &m);
  if (!ok || m > 59 || h > 24 || (h == 24 && m != 0)) {
    if (error) {
      *error = "\"" + std::string(s.substr(0, 32)) +
               "\" is not a time of day like 09:30 (00:00 to 24:00)";
    }
    return false;
  }
  *minutes = h * 60 + m;
  return true;
}

}  // namespace kiosk
