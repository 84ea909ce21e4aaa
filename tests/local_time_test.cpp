#include "local_time.h"

#include <doctest/doctest.h>

namespace kiosk {
namespace {

Millis Utc(int y, int mo, int d, int h, int mi) {
  return TimeZone::Utc().FromLocal({y, mo, d, h, mi, 0, 0});
}

TEST_CASE("local time: Europe/Berlin through both summer-time changes of 2015") {
  std::string error;
  const auto berlin = TimeZone::Named("Europe/Berlin", &error);
  REQUIRE_MESSAGE(berlin, error);
  // 29 May 2015 10:00 in Berlin is 08:00 UTC (summer time, +2).
  const LocalTime t = berlin->ToLocal(Utc(2015, 5, 29, 8, 0));
  CHECK(t.civil == CivilTime{2015, 5, 29, 10, 0, 0, 0});
  CHECK(t.weekday == 4);  // a Friday
  CHECK(t.offset_minutes == 120);
  CHECK(berlin->FromLocal({2015, 5, 29, 10, 0, 0, 0}) == Utc(2015, 5, 29, 8, 0));
  // Spring forward on 29 March 2015: 02:30 does not exist, the gap ends at 03:00 CEST = 01:00 UTC.
  CHECK(berlin->FromLocal({2015, 3, 29, 2, 30, 0, 0}) == Utc(2015, 3, 29, 1, 0));
  CHECK(berlin->ToLocal(Utc(2015, 3, 29, 0, 59)).civil.hour == 1);
  CHECK(berlin->ToLocal(Utc(2015, 3, 29, 1, 0)).civil.hour == 3);
  // Fall back on 25 October 2015: 02:30 happens twice; the first is 00:30 UTC.
  CHECK(berlin->FromLocal({2015, 10, 25, 2, 30, 0, 0}) == Utc(2015, 10, 25, 0, 30));
  CHECK(berlin->ToLocal(Utc(2015, 10, 25, 1, 30)).civil.hour == 2);
}

TEST_CASE("local time: unknown zones are refused, UTC always works") {
  std::string error;
  CHECK_FALSE(TimeZone::Named("Europe/Atlantis", &error));
  CHECK(error.find("Europe/Atlantis") != std::string::npos);
  CHECK(TimeZone::Named("UTC", &error)->ToLocal(0).civil == CivilTime{});
}

TEST_CASE("local time: dates, leap days and weekdays") {
  CHECK(ValidDate(2016, 2, 29));
  CHECK_FALSE(ValidDate(2015, 2, 29));
  CHECK_FALSE(ValidDate(2015, 13, 1));
  CHECK(WeekdayOf(2015, 5, 29) == 4);
  CHECK(WeekdayOf(1970, 1, 1) == 3);
  CHECK(DaysFromCivil(1970, 1, 2) == 1);
  CHECK(CivilFromDays(-1) == CivilTime{1969, 12, 31, 0, 0, 0, 0});
  CHECK(TimeZone::Utc().ToLocal(-1).civil == CivilTime{1969, 12, 31, 23, 59, 59, 999});
}

TEST_CASE("local time: ISO dates and times of day") {
  IsoDateTime t;
  std::string error;
  REQUIRE(ParseIsoDateTime("2015-05-29T10:00", &t, &error));
  CHECK(t.has_time);
  CHECK_FALSE(t.offset_minutes);
  REQUIRE(ParseIsoDateTime("2015-05-29T10:00:00+02:00", &t, &error));
  CHECK(*t.offset_minutes == 120);
  REQUIRE(ParseIsoDateTime("2015-05-29", &t, &error));
  CHECK_FALSE(t.has_time);
  CHECK_FALSE(ParseIsoDateTime("2015-05-29T25:00", &t, &error));
  CHECK_FALSE(ParseIsoDateTime("2015-02-29", &t, &error));
  CHECK_FALSE(ParseIsoDateTime("29.05.2015", &t, &error));
  int minutes = 0;
  CHECK(ParseClockTime("24:00", &minutes, &error));
  CHECK(minutes == 1440);
  CHECK(ParseClockTime("9:05", &minutes, &error));
  CHECK(minutes == 545);
  CHECK_FALSE(ParseClockTime("25:00", &minutes, &error));
  CHECK_FALSE(ParseClockTime("10:60", &minutes, &error));
}

}  // namespace
}  // namespace kiosk
