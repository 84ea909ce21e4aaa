#include "scheduler.h"

#include <doctest/doctest.h>

using kiosk::Millis;
using kiosk::Scheduler;

// Three slides of 1, 2 and 3 seconds with a 500 ms crossfade, started at t = 0.
static Scheduler Three() { return Scheduler({1000, 2000, 3000}, 500, 0); }

TEST_CASE("Scheduler: timed advance, looping forever without drift") {
  Scheduler s = Three();
  CHECK(s.current() == 0);
  CHECK_FALSE(s.Update(999));
  CHECK(s.current() == 0);
  CHECK(s.Update(1000));
  CHECK(s.current() == 1);
  CHECK_FALSE(s.Update(2999));
  CHECK(s.Update(3000));
  CHECK(s.current() == 2);
  CHECK(s.Update(6000));
  CHECK(s.current() == 0);  // wrapped around
  // A late wake-up does not shift the schedule: slide 1 still starts at 7000.
  CHECK_FALSE(s.Update(6900));
  CHECK(s.Update(7050));
  CHECK(s.current() == 1);
  CHECK(s.Elapsed(7050) == 50);
}

TEST_CASE("Scheduler: time to advance counts down and stops while paused") {
  Scheduler s = Three();
  CHECK(s.TimeToAdvance(0) == 1000);
  CHECK(s.TimeToAdvance(400) == 600);
  s.TogglePause(400);
  CHECK(s.paused());
  CHECK(s.TimeToAdvance(5000) == -1);
  CHECK_FALSE(s.Update(5000));
  CHECK(s.current() == 0);
  CHECK(s.Elapsed(5000) == 400);  // frozen
  s.TogglePause(5000);
  CHECK_FALSE(s.paused());
  CHECK(s.TimeToAdvance(5000) == 600);  // the rest of the slide's time
  CHECK(s.Update(5600));
  CHECK(s.current() == 1);
}

TEST_CASE("Scheduler: next and previous wrap around") {
  Scheduler s = Three();
  s.Previous(10);
  CHECK(s.current() == 2);
  s.Next(20);
  CHECK(s.current() == 0);
  s.Next(30);
  CHECK(s.current() == 1);
  s.Last(40);
  CHECK(s.current() == 2);
  s.First(50);
  CHECK(s.current() == 0);
}

TEST_CASE("Scheduler: a manual change restarts the slide's time") {
  Scheduler s = Three();
  s.Next(900);
  CHECK(s.current() == 1);
  CHECK(s.Elapsed(900) == 0);
  CHECK_FALSE(s.Update(2899));
  CHECK(s.Update(2900));
  CHECK(s.current() == 2);
}

TEST_CASE("Scheduler: jumps, and out-of-range jumps are ignored") {
  Scheduler s = Three();
  s.GoTo(2, 100);
  CHECK(s.current() == 2);
  s.GoTo(3, 200);
  CHECK(s.current() == 2);
  s.GoTo(0, 300);
  CHECK(s.current() == 0);
}

TEST_CASE("Scheduler: navigation while paused stays paused on the new slide") {
  Scheduler s = Three();
  s.TogglePause(100);
  s.Next(200);
  CHECK(s.paused());
  CHECK(s.current() == 1);
  CHECK(s.Elapsed(10000) == 0);
  s.Resume(10000);
  CHECK(s.TimeToAdvance(10000) == 2000);
}

TEST_CASE("Scheduler: crossfade runs for the transition time after every change") {
  Scheduler s = Three();
  CHECK_FALSE(s.FadingOut(0));
  CHECK(s.TransitionProgress(0) == 1.0);
  s.Update(1000);
  REQUIRE(s.FadingOut(1000));
  CHECK(*s.FadingOut(1000) == 0);
  CHECK(s.TransitionProgress(1250) == doctest::Approx(0.5));
  CHECK_FALSE(s.FadingOut(1500));
  s.Update(1500);
  CHECK(s.TransitionProgress(1600) == 1.0);
  s.Previous(1700);
  REQUIRE(s.FadingOut(1700));
  CHECK(*s.FadingOut(1700) == 1);
}

TEST_CASE("Scheduler: a zero transition is a cut") {
  Scheduler s({1000, 1000}, 0, 0);
  s.Update(1000);
  CHECK_FALSE(s.FadingOut(1000));
  s.Next(1100);
  CHECK_FALSE(s.FadingOut(1100));
}

TEST_CASE("Scheduler: after a long stall it moves on one slide, not through all") {
  Scheduler s = Three();
  CHECK(s.Update(1000000));
  CHECK(s.current() == 1);
  CHECK(s.Elapsed(1000000) == 0);
}

TEST_CASE("Scheduler: Reset keeps the slide and its progress when it still exists") {
  Scheduler s = Three();
  s.Update(1000);
  s.Update(1700);  // 700 ms into slide 1
  s.Reset({5000, 5000, 5000}, 0, 1700);
  CHECK(s.current() == 1);
  CHECK(s.Elapsed(1700) == 700);
  CHECK(s.TimeToAdvance(1700) == 4300);
  s.Reset({5000}, 0, 1800);  // the slide is gone: back to the first
  CHECK(s.current() == 0);
  CHECK(s.Elapsed(1800) == 0);
}

TEST_CASE("Scheduler: Reset while paused keeps the pause and the frozen time") {
  Scheduler s = Three();
  s.TogglePause(300);
  s.Reset({1000, 2000, 3000}, 500, 900);
  CHECK(s.paused());
  CHECK(s.Elapsed(5000) == 300);
}

TEST_CASE("Scheduler: a single slide loops onto itself") {
  Scheduler s({1000}, 500, 0);
  CHECK(s.Update(1000));
  CHECK(s.current() == 0);
  s.Next(1200);
  CHECK(s.current() == 0);
  CHECK(s.Elapsed(1200) == 0);
}
