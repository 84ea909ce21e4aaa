// The scheduler with time rules: only eligible slides, idle when none, the clock's cycle
// over the eligible ones, and a whole day driven by a fake clock through EligibilityWatch.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "playlist.h"
#include "playlist_time.h"
#include "scheduler.h"

namespace kiosk {
namespace {

TEST_CASE("eligible: the current slide gives way at once, with the crossfade") {
  Scheduler s({1000, 1000, 1000, 1000}, 200, 0);
  s.Update(0);
  s.Update(500);
  CHECK(s.current() == 0);
  s.SetEligible({false, true, true, false}, 500);
  CHECK(s.current() == 1);
  CHECK(s.FadingOut(500) == std::optional<std::size_t>{0});
  CHECK(s.EligibleCount() == 2);
  CHECK(s.EligiblePosition() == 1);
  // The timer skips the ineligible: 1, 2, 1, 2 ...
  CHECK(s.Update(1500));
  CHECK(s.current() == 2);
  CHECK(s.EligiblePosition() == 2);
  CHECK(s.Update(2500));
  CHECK(s.current() == 1);
  // Keys skip them too; GoTo an ineligible slide is ignored.
  s.Next(2600);
  CHECK(s.current() == 2);
  s.Next(2700);
  CHECK(s.current() == 1);
  s.Previous(2800);
  CHECK(s.current() == 2);
  s.First(2900);
  CHECK(s.current() == 1);
  s.Last(3000);
  CHECK(s.current() == 2);
  s.GoTo(3, 3100);
  CHECK(s.current() == 2);
  s.GoTo(1, 3200);
  CHECK(s.current() == 1);
  // The same flags again change nothing.
  s.SetEligible({false, true, true, false}, 3300);
  CHECK(s.current() == 1);
}

TEST_CASE("eligible: none eligible is idle; the show comes back when one is") {
  Scheduler s({1000, 1000}, 200, 0);
  s.Update(0);
  s.SetEligible({false, false}, 100);
  CHECK(s.idle());
  CHECK(s.FadingOut(100) == std::optional<std::size_t>{0});  // fades out to the idle screen
  CHECK(s.TimeToAdvance(400) == -1);                         // nothing to do until an edge
  CHECK_FALSE(s.Update(5000));
  CHECK(s.EligiblePosition() == 0);
  s.Next(5000);  // keys do nothing while idle
  CHECK(s.idle());
  s.SetEligible({false, true}, 6000);
  CHECK_FALSE(s.idle());
  CHECK(s.current() == 1);
  CHECK(s.Elapsed(6000) == 0);
  CHECK_FALSE(s.Update(6999));
  s.Update(7000);  // the only eligible slide: it stays (its time starts again)
  CHECK(s.current() == 1);
}

TEST_CASE("eligible: with sync clock the cycle is over the eligible slides") {
  Scheduler s({1000, 2000, 3000}, 0, 0);
  s.FollowClock(true, 600'000);
  s.SetClockOffset(0);
  s.Update(0);
  s.SetEligible({true, false, true}, 0);
  // The loop is 1 s + 3 s = 4 s from the epoch: at 4.5 s slide 0, at 5 s slide 2.
  s.Update(4500);
  CHECK(s.current() == 0);
  s.Update(5000);
  CHECK(s.current() == 2);
  s.Update(7999);
  CHECK(s.current() == 2);
  s.Update(8000);
  CHECK(s.current() == 0);
}

// A playlist: slide 1 always, slide 2 in the morning, slide 3 at night, in Berlin.
Playlist Conference() {
  auto r = ParsePlaylist(R"({"timezone": "Europe/Berlin", "duration": 10, "transition": 0,
      "slides": [{"text": "always"},
                 {"text": "morning", "when": {"times": ["09:00-12:00"]}},
                 {"text": "night", "when": {"times": ["22:00-02:00"]}}]})",
                         "p.json");
  REQUIRE(r.playlist);
  return *r.playlist;
}

TEST_CASE("eligible: a conference day on a fake clock, each change at its edge") {
  const Playlist p = Conference();
  const TimeZone zone = PlaylistZone(p);
  const Millis start = zone.FromLocal({2015, 5, 29, 8, 0, 0, 0});
  // mono = real - start: the loop's clock.
  Scheduler s({10'000, 10'000, 10'000}, 0, 0);
  EligibilityWatch watch;
  std::vector<std::pair<Millis, std::vector<bool>>> changes;
  Millis real = start;
  int turns = 0;
  // The loop: wakes at the slide's end or at the rules' next edge, whichever is first.
  while (real < start + 24 * 3'600'000LL) {
    if (auto e = watch.Check(p, 1, {real, true})) {
      if (changes.empty() || changes.back().second != *e) changes.push_back({real, *e});
      s.SetEligible(*e, real - start);
    }
    s.Update(real - start);
    CHECK(s.eligible(s.current()));
    Millis wait = s.TimeToAdvance(real - start);
    if (watch.next_edge() >= 0 && (wait < 0 || watch.next_edge() - real < wait)) {
      wait = watch.next_edge() - real;
    }
    REQUIRE(wait > 0);
    real += wait;
    ++turns;
  }
  REQUIRE(changes.size() == 5);
  CHECK(changes[0] == std::pair{start, std::vector{true, false, false}});
  CHECK(changes[1] ==
        std::pair{zone.FromLocal({2015, 5, 29, 9, 0, 0, 0}), std::vector{true, true, false}});
  CHECK(changes[2] ==
        std::pair{zone.FromLocal({2015, 5, 29, 12, 0, 0, 0}), std::vector{true, false, false}});
  CHECK(changes[3] ==
        std::pair{zone.FromLocal({2015, 5, 29, 22, 0, 0, 0}), std::vector{true, false, true}});
  CHECK(changes[4] ==
        std::pair{zone.FromLocal({2015, 5, 30, 2, 0, 0, 0}), std::vector{true, false, false}});
}

TEST_CASE("eligible: a clock stepped backwards never makes a slide stay") {
  const Playlist p = Conference();
  const TimeZone zone = PlaylistZone(p);
  EligibilityWatch watch;
  const Millis ten = zone.FromLocal({2015, 5, 29, 10, 0, 0, 0});
  REQUIRE(watch.Check(p, 1, {ten, true}) == std::vector{true, true, false});
  CHECK(watch.next_edge() == zone.FromLocal({2015, 5, 29, 12, 0, 0, 0}));
  CHECK_FALSE(watch.Check(p, 1, {ten + 1000, true}));  // nothing can have changed
  // Stepped back to 08:00: evaluated at once, and the next edge is 09:00, not 12:00.
  const Millis eight = zone.FromLocal({2015, 5, 29, 8, 0, 0, 0});
  REQUIRE(watch.Check(p, 1, {eight, true}) == std::vector{true, false, false});
  CHECK(watch.next_edge() == zone.FromLocal({2015, 5, 29, 9, 0, 0, 0}));
  // Stepped forwards past an edge: evaluated at once.
  const Millis night = zone.FromLocal({2015, 5, 29, 23, 0, 0, 0});
  CHECK(watch.Check(p, 1, {night, true}) == std::vector{true, false, true});
  // A reload, and an untrusted clock, evaluate again too.
  CHECK(watch.Check(p, 2, {night, true}));
  CHECK(watch.Check(p, 2, {night, false}) == std::vector{true, false, false});
  CHECK(watch.next_edge() == -1);
}

}  // namespace
}  // namespace kiosk
