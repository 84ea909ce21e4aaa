// Time rules through a fake clock: a conference day, midnight, Europe/Berlin's summer-time
// changes, 29 February, a clock stepped forwards and backwards.
#include "time_rules.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "playlist.h"
#include "playlist_time.h"
#include "wall_clock.h"

namespace kiosk {
namespace {

constexpr Millis kMinute = 60'000;

TimeZone Berlin() {
  std::string error;
  auto zone = TimeZone::Named("Europe/Berlin", &error);
  REQUIRE_MESSAGE(zone, error);
  return *zone;
}

Millis At(const TimeZone& zone, int y, int mo, int d, int h, int mi) {
  return zone.FromLocal({y, mo, d, h, mi, 0, 0});
}

TimeRule Rule(const std::string& when) {
  TimeRule rule;
  std::vector<TimeProblem> problems;
  ParseWhen(nlohmann::json::parse(when), "when", &rule, &problems);
  for (const TimeProblem& p : problems) FAIL(p.path << ": " << p.message);
  return rule;
}

std::vector<std::string> Problems(const std::string& when) {
  TimeRule rule;
  std::vector<TimeProblem> problems;
  ParseWhen(nlohmann::json::parse(when), "slides[1].when", &rule, &problems);
  std::vector<std::string> out;
  for (const TimeProblem& p : problems) out.push_back(p.path + ": " + p.message);
  return out;
}

// NextEdge is exact: from `begin` to `end`, every change of eligibility (seen minute by
// minute, and a millisecond before each edge) happens at an edge NextEdge gave, and
// returns the edges.
std::vector<Millis> Walk(const TimeRule& rule, Millis begin, Millis end, const TimeZone& zone) {
  std::vector<Millis> edges;
  const TimeRule* rules[] = {&rule};
  Millis t = begin;
  while (t < end) {
    const Millis edge = NextEdge(rules, t, zone);
    REQUIRE(edge != 0);
    const Millis stop = edge < 0 ? end : std::min(edge, end);
    const bool on = Eligible(rule, t, zone);
    for (Millis m = t; m < stop; m += kMinute) {
      CHECK_MESSAGE(Eligible(rule, m, zone) == on, "changed at " << m << " between edges");
    }
    CHECK(Eligible(rule, stop - 1, zone) == on);
    if (edge < 0 || edge >= end) break;
    REQUIRE(edge > t);
    edges.push_back(edge);
    t = edge;
  }
  return edges;
}

// The moments in [begin, end) at which the rule switches on or off.
std::vector<std::pair<Millis, bool>> Switches(const TimeRule& rule, Millis begin, Millis end,
                                              const TimeZone& zone) {
  std::vector<std::pair<Millis, bool>> out;
  const TimeRule* rules[] = {&rule};
  bool on = Eligible(rule, begin, zone);
  for (Millis t = begin; t < end;) {
    const Millis edge = NextEdge(rules, t, zone);
    if (edge < 0 || edge >= end) break;
    if (Eligible(rule, edge, zone) != on) {
      on = !on;
      out.push_back({edge, on});
    }
    t = edge;
  }
  return out;
}

TEST_CASE("time rules: a conference day, window by window, to the millisecond") {
  const TimeZone berlin = Berlin();
  const TimeRule morning = Rule(R"({"dates": ["2015-05-29"], "times": ["09:00-12:00"]})");
  const TimeRule lunch = Rule(R"({"dates": ["2015-05-29"], "times": ["12:00-13:30"]})");
  CHECK_FALSE(Eligible(morning, At(berlin, 2015, 5, 29, 8, 59), berlin));
  CHECK(Eligible(morning, At(berlin, 2015, 5, 29, 9, 0), berlin));
  CHECK(Eligible(morning, At(berlin, 2015, 5, 29, 12, 0) - 1, berlin));
  CHECK_FALSE(Eligible(morning, At(berlin, 2015, 5, 29, 12, 0), berlin));
  CHECK(Eligible(lunch, At(berlin, 2015, 5, 29, 12, 0), berlin));
  CHECK_FALSE(Eligible(morning, At(berlin, 2015, 5, 30, 10, 0), berlin));
  const TimeRule* both[] = {&morning, &lunch};
  CHECK(NextEdge(both, At(berlin, 2015, 5, 29, 7, 3), berlin) == At(berlin, 2015, 5, 29, 9, 0));
  CHECK(NextEdge(both, At(berlin, 2015, 5, 29, 9, 0), berlin) == At(berlin, 2015, 5, 29, 12, 0));
  CHECK(NextEdge(both, At(berlin, 2015, 5, 29, 12, 0), berlin) == At(berlin, 2015, 5, 29, 13, 30));
  const auto s =
      Switches(morning, At(berlin, 2015, 5, 28, 0, 0), At(berlin, 2015, 6, 1, 0, 0), berlin);
  REQUIRE(s.size() == 2);
  CHECK(s[0] == std::pair{At(berlin, 2015, 5, 29, 9, 0), true});
  CHECK(s[1] == std::pair{At(berlin, 2015, 5, 29, 12, 0), false});
  Walk(morning, At(berlin, 2015, 5, 28, 0, 0), At(berlin, 2015, 5, 31, 0, 0), berlin);
  // No rule: always, and never an edge.
  const TimeRule always;
  const TimeRule* none[] = {&always};
  CHECK(Eligible(always, 0, berlin));
  CHECK(NextEdge(none, 0, berlin) == -1);
}

TEST_CASE("time rules: a window across midnight belongs to the day it starts") {
  const TimeZone berlin = Berlin();
  const TimeRule party = Rule(R"({"weekdays": ["fri"], "times": ["22:00-02:00"]})");
  CHECK_FALSE(Eligible(party, At(berlin, 2015, 5, 29, 21, 59), berlin));  // Friday
  CHECK(Eligible(party, At(berlin, 2015, 5, 29, 22, 0), berlin));
  CHECK(Eligible(party, At(berlin, 2015, 5, 30, 0, 0), berlin));  // Saturday, still Friday's
  CHECK(Eligible(party, At(berlin, 2015, 5, 30, 1, 59), berlin));
  CHECK_FALSE(Eligible(party, At(berlin, 2015, 5, 30, 2, 0), berlin));
  CHECK_FALSE(Eligible(party, At(berlin, 2015, 5, 29, 1, 0), berlin));  // Thursday's night
  const auto s =
      Switches(party, At(berlin, 2015, 5, 25, 0, 0), At(berlin, 2015, 6, 2, 0, 0), berlin);
  REQUIRE(s.size() == 2);
  CHECK(s[0] == std::pair{At(berlin, 2015, 5, 29, 22, 0), true});
  CHECK(s[1] == std::pair{At(berlin, 2015, 5, 30, 2, 0), false});
  Walk(party, At(berlin, 2015, 5, 25, 0, 0), At(berlin, 2015, 6, 2, 0, 0), berlin);
  // A date rule switches at midnight exactly.
  const TimeRule day = Rule(R"({"dates": ["2015-05-30"]})");
  const TimeRule* d[] = {&day};
  CHECK(NextEdge(d, At(berlin, 2015, 5, 29, 23, 59), berlin) == At(berlin, 2015, 5, 30, 0, 0));
  CHECK(Eligible(day, At(berlin, 2015, 5, 30, 0, 0), berlin));
  CHECK_FALSE(Eligible(day, At(berlin, 2015, 5, 31, 0, 0), berlin));
}

TEST_CASE("time rules: Europe/Berlin's summer-time changes") {
  const TimeZone berlin = Berlin();
  const TimeZone utc = TimeZone::Utc();
  // Spring, 29 March 2015: 02:00-03:00 does not exist; a window in it never opens that day.
  const TimeRule gap = Rule(R"({"times": ["02:00-03:00"]})");
  const auto spring = Switches(gap, utc.FromLocal({2015, 3, 28, 0, 0, 0, 0}),
                               utc.FromLocal({2015, 3, 31, 0, 0, 0, 0}), berlin);
  REQUIRE(spring.size() == 4);  // the 28th and the 30th, not the 29th
  CHECK(spring[0].first == utc.FromLocal({2015, 3, 28, 1, 0, 0, 0}));  // 02:00 CET
  CHECK(spring[2].first == utc.FromLocal({2015, 3, 30, 0, 0, 0, 0}));  // 02:00 CEST
  Walk(gap, utc.FromLocal({2015, 3, 28, 0, 0, 0, 0}), utc.FromLocal({2015, 3, 31, 0, 0, 0, 0}),
       berlin);
  // A window that straddles the gap opens when the gap ends, 03:00 CEST = 01:00 UTC.
  const TimeRule straddle = Rule(R"({"dates": ["2015-03-29"], "times": ["02:30-04:00"]})");
  const auto s2 = Switches(straddle, utc.FromLocal({2015, 3, 29, 0, 0, 0, 0}),
                           utc.FromLocal({2015, 3, 30, 0, 0, 0, 0}), berlin);
  REQUIRE(s2.size() == 2);
  CHECK(s2[0] == std::pair{utc.FromLocal({2015, 3, 29, 1, 0, 0, 0}), true});
  CHECK(s2[1] == std::pair{utc.FromLocal({2015, 3, 29, 2, 0, 0, 0}), false});  // 04:00 CEST
  // Autumn, 25 October 2015: 02:00-03:00 happens twice, the window opens twice.
  const TimeRule twice = Rule(R"({"dates": ["2015-10-25"], "times": ["02:00-02:30"]})");
  const auto autumn = Switches(twice, utc.FromLocal({2015, 10, 24, 0, 0, 0, 0}),
                               utc.FromLocal({2015, 10, 26, 0, 0, 0, 0}), berlin);
  REQUIRE(autumn.size() == 4);
  CHECK(autumn[0] == std::pair{utc.FromLocal({2015, 10, 25, 0, 0, 0, 0}), true});    // 02:00 CEST
  CHECK(autumn[1] == std::pair{utc.FromLocal({2015, 10, 25, 0, 30, 0, 0}), false});  // 02:30 CEST
  CHECK(autumn[2] == std::pair{utc.FromLocal({2015, 10, 25, 1, 0, 0, 0}), true});    // 02:00 CET
  CHECK(autumn[3] == std::pair{utc.FromLocal({2015, 10, 25, 1, 30, 0, 0}), false});  // 02:30 CET
  Walk(twice, utc.FromLocal({2015, 10, 24, 0, 0, 0, 0}), utc.FromLocal({2015, 10, 26, 0, 0, 0, 0}),
       berlin);
  // A day-long rule on a 23-hour and a 25-hour day.
  const TimeRule sunday = Rule(R"({"weekdays": ["Sonntag"]})");
  for (const auto& [from, to] : {std::pair{CivilTime{2015, 3, 29}, CivilTime{2015, 3, 30}},
                                 std::pair{CivilTime{2015, 10, 25}, CivilTime{2015, 10, 26}}}) {
    const auto s = Switches(sunday, berlin.FromLocal(from) - 1, berlin.FromLocal(to) + 1, berlin);
    REQUIRE(s.size() == 2);
    CHECK(s[0].first == berlin.FromLocal(from));
    CHECK(s[1].first == berlin.FromLocal(to));
  }
}

TEST_CASE("time rules: 29 February, date ranges, from and until") {
  const TimeZone berlin = Berlin();
  const TimeRule leap = Rule(R"({"dates": ["2016-02-29"]})");
  CHECK(Eligible(leap, At(berlin, 2016, 2, 29, 12, 0), berlin));
  CHECK_FALSE(Eligible(leap, At(berlin, 2016, 3, 1, 0, 0), berlin));
  const TimeRule* l[] = {&leap};
  CHECK(NextEdge(l, At(berlin, 2016, 2, 28, 23, 0), berlin) == At(berlin, 2016, 2, 29, 0, 0));
  CHECK(NextEdge(l, At(berlin, 2016, 2, 29, 23, 0), berlin) == At(berlin, 2016, 3, 1, 0, 0));
  CHECK_FALSE(Problems(R"({"dates": ["2015-02-29"]})").empty());  // not a leap year
  const TimeRule range = Rule(R"({"dates": ["2016-02-27/2016-03-01"]})");
  CHECK(Eligible(range, At(berlin, 2016, 2, 29, 0, 0), berlin));
  CHECK(Eligible(range, At(berlin, 2016, 3, 1, 23, 59), berlin));
  CHECK_FALSE(Eligible(range, At(berlin, 2016, 3, 2, 0, 0), berlin));
  const TimeRule span = Rule(R"({"from": "2015-05-29T18:00", "until": "2015-05-30"})");
  CHECK_FALSE(Eligible(span, At(berlin, 2015, 5, 29, 17, 59), berlin));
  CHECK(Eligible(span, At(berlin, 2015, 5, 29, 18, 0), berlin));
  CHECK(Eligible(span, At(berlin, 2015, 5, 30, 23, 59), berlin));  // until: the whole day
  CHECK_FALSE(Eligible(span, At(berlin, 2015, 5, 31, 0, 0), berlin));
  Walk(span, At(berlin, 2015, 5, 28, 0, 0), At(berlin, 2015, 6, 2, 0, 0), berlin);
}

TEST_CASE("time rules: a clock stepped forwards and backwards is evaluated afresh") {
  const TimeZone berlin = Berlin();
  const TimeRule morning = Rule(R"({"times": ["09:00-12:00"]})");
  const TimeRule* r[] = {&morning};
  // The show asks at every wake: a step forwards past the edge shows the new state at once.
  Millis now = At(berlin, 2015, 5, 29, 10, 0);
  CHECK(Eligible(morning, now, berlin));
  CHECK(NextEdge(r, now, berlin) == At(berlin, 2015, 5, 29, 12, 0));
  now = At(berlin, 2015, 5, 29, 13, 0);  // stepped forwards
  CHECK_FALSE(Eligible(morning, now, berlin));
  CHECK(NextEdge(r, now, berlin) == At(berlin, 2015, 5, 30, 0, 0));  // midnight, then 09:00
  // Stepped back to before the window: the next edge is the window's start again, never
  // an edge that has already passed (a slide cannot stay for ever).
  now = At(berlin, 2015, 5, 29, 8, 0);
  CHECK_FALSE(Eligible(morning, now, berlin));
  CHECK(NextEdge(r, now, berlin) == At(berlin, 2015, 5, 29, 9, 0));
  now = At(berlin, 2015, 5, 28, 11, 0);  // a whole day back, inside the window
  CHECK(Eligible(morning, now, berlin));
  CHECK(NextEdge(r, now, berlin) == At(berlin, 2015, 5, 28, 12, 0));
}

TEST_CASE("time rules: weekday names in English and German, ranges across the week") {
  CHECK(WeekdayFromName("mon") == 0);
  CHECK(WeekdayFromName("Montag") == 0);
  CHECK(WeekdayFromName("DO") == 3);
  CHECK(WeekdayFromName("sunday") == 6);
  CHECK(WeekdayFromName("Sonnabend") == 5);
  CHECK(WeekdayFromName("funday") == -1);
  CHECK(Rule(R"({"weekdays": ["mon-fri"]})").weekdays == 0x1f);
  CHECK(Rule(R"({"weekdays": ["fr-mo"]})").weekdays == (0x70 | 0x01));
  CHECK(Rule(R"({"weekdays": ["sat", "So"]})").weekdays == 0x60);
}

TEST_CASE("time rules: every mistake is an error with its path") {
  auto one = [](const std::string& when, const std::string& expected) {
    const auto p = Problems(when);
    CAPTURE(when);
    REQUIRE(p.size() == 1);
    CHECK_MESSAGE(p[0].find(expected) != std::string::npos, p[0]);
  };
  one(R"({"times": ["25:00-26:00"]})", "slides[1].when.times[0]: must be a window");
  one(R"({"times": ["09:00-09:60"]})", "slides[1].when.times[0]");
  one(R"({"times": ["10:00-10:00"]})", "slides[1].when.times[0]: is empty");
  one(R"({"times": []})", "slides[1].when.times: is empty");
  one(R"({"weekdays": ["mon", "funday"]})",
      "slides[1].when.weekdays[1]: unknown weekday \"funday\"");
  one(R"({"dates": ["2015-13-01"]})", "slides[1].when.dates[0]: must be a date");
  one(R"({"dates": ["2015-06-03/2015-06-01"]})", "slides[1].when.dates[0]: ends before it starts");
  one(R"({"from": "2015-05-30", "until": "2015-05-29"})", "slides[1].when.until: ends before");
  one(R"({"from": "2015-05-30T10:00+02:00"})", "slides[1].when.from: has an offset");
  one(R"({"until": 5})", "slides[1].when.until: must be a date");
  one(R"("always")", "slides[1].when: must be an object");
  // Across midnight is not an error: 22:00-02:00.
  CHECK(Problems(R"({"times": ["22:00-02:00", "00:00-24:00"]})").empty());
}

TEST_CASE("time rules: the playlist's timezone and when, through the loader") {
  auto load = [](const std::string& text) { return ParsePlaylist(text, "p.json"); };
  auto bad = load(R"({"timezone": "Europe/Bärlin", "slides": [{"text": "a"}]})");
  REQUIRE_FALSE(bad.playlist);
  CHECK(FormatDiagnostic(bad.diagnostics.at(0)).find("timezone: unknown time zone") !=
        std::string::npos);
  auto good = load(R"({"timezone": "Europe/Berlin", "when": {"weekdays": ["fri"]},
      "slides": [{"text": "a"}, {"text": "b", "when": {"times": ["09:00-12:00"]}}]})");
  REQUIRE(good.playlist);
  const Playlist& p = *good.playlist;
  CHECK(PlaylistZone(p).name() == "Europe/Berlin");
  const TimeZone zone = PlaylistZone(p);
  CHECK(EligibleSlides(p, {At(zone, 2015, 5, 29, 10, 0), true}, zone) == std::vector{true, true});
  CHECK(EligibleSlides(p, {At(zone, 2015, 5, 29, 13, 0), true}, zone) == std::vector{true, false});
  CHECK(EligibleSlides(p, {At(zone, 2015, 5, 30, 10, 0), true}, zone) ==
        std::vector{false, false});  // a Saturday: the whole playlist rests
  // Untrusted: the playlist's rule ignored, slides with rules not shown, no edges.
  CHECK(EligibleSlides(p, {At(zone, 2015, 5, 30, 10, 0), false}, zone) == std::vector{true, false});
  CHECK(NextEligibilityEdge(p, {At(zone, 2015, 5, 30, 10, 0), false}, zone) == -1);
  CHECK(NextEligibilityEdge(p, {At(zone, 2015, 5, 29, 10, 0), true}, zone) ==
        At(zone, 2015, 5, 29, 12, 0));
}

TEST_CASE("wall clock: --at's moment, running --speed times as fast") {
  const TimeZone berlin = Berlin();
  Millis at = 0;
  std::string error;
  REQUIRE(ResolveAt("2015-05-29T10:15", berlin, &at, &error));
  CHECK(at == At(berlin, 2015, 5, 29, 10, 15));
  REQUIRE(ResolveAt("2015-05-29T10:15+02:00", TimeZone::Utc(), &at, &error));
  CHECK(at == At(berlin, 2015, 5, 29, 10, 15));
  REQUIRE(ResolveAt("2015-05-29T08:15Z", berlin, &at, &error));
  CHECK(at == At(berlin, 2015, 5, 29, 10, 15));
  CHECK_FALSE(ResolveAt("2015-05-29T25:00", berlin, &at, &error));
  const WallClock real;
  CHECK(real.RealAt(5000, 123456) == 123456);
  CHECK(real.MonoUntil(1000, 400) == 600);
  const WallClock fast(at, 60, 1000);
  CHECK(fast.RealAt(1000, 0) == at);
  CHECK(fast.RealAt(2000, 0) == at + 60'000);
  CHECK(fast.MonoUntil(at + 60'000, at) == 1000);
  CHECK(fast.MonoUntil(at + 61, at) == 2);  // rounded up: never wakes before the edge
  CHECK(fast.MonoUntil(at - 5, at) == 0);
}

}  // namespace
}  // namespace kiosk
