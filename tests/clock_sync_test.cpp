#include "clock_sync.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "scheduler.h"

using kiosk::ClockPosition;
using kiosk::Millis;
using kiosk::PositionAt;
using kiosk::Scheduler;

namespace {

constexpr Millis kDay = 24LL * 3600 * 1000;
constexpr Millis kRejoin = 10 * 60 * 1000;
// 2026-12-02 04:00 UTC, in ms since the Unix epoch: a realistic real time.
constexpr Millis kToday = 1'796'097'600'000;

// Durations that do not divide a day or each other: any accumulated rounding would show.
const std::vector<Millis> kOdd = {7001, 2333, 12'777, 1000};
constexpr Millis kOddCycle = 7001 + 2333 + 12'777 + 1000;

// A show that follows the clock; `offset`: real time minus its monotonic clock (when it
// started relative to the epoch).
Scheduler OnClock(const std::vector<Millis>& durations, Millis transition, Millis offset,
                  Millis now) {
  Scheduler s(durations, transition, now);
  s.FollowClock(true, kRejoin);
  s.SetClockOffset(offset);
  return s;
}

}  // namespace

TEST_CASE("PositionAt: a loop that began at the epoch") {
  const std::vector<Millis> d = {1000, 2000, 3000};
  CHECK(PositionAt(d, 0) == ClockPosition{0, 0});
  CHECK(PositionAt(d, 999) == ClockPosition{0, 0});
  CHECK(PositionAt(d, 1000) == ClockPosition{1, 1000});
  CHECK(PositionAt(d, 2999) == ClockPosition{1, 1000});
  CHECK(PositionAt(d, 3000) == ClockPosition{2, 3000});
  CHECK(PositionAt(d, 5999) == ClockPosition{2, 3000});
  CHECK(PositionAt(d, 6000) == ClockPosition{0, 6000});
  // Before the epoch the loop runs on the same way (a clock not yet set: 1970).
  CHECK(PositionAt(d, -1) == ClockPosition{2, -3000});
  CHECK(PositionAt(d, -6000) == ClockPosition{0, -6000});
  // Far from the epoch: exact, with no floating point.
  const Millis t = 6000LL * 1'000'000'000 + 1500;
  CHECK(PositionAt(d, t) == ClockPosition{1, t - 500});
  CHECK(PositionAt(std::vector<Millis>{5000}, kToday + 1) == ClockPosition{0, kToday});
}

TEST_CASE("Clock sync: two screens started 7.3 s apart agree on every millisecond") {
  // Screen A started at kToday, screen B 7300 ms later; each counts its own monotonic
  // milliseconds from its start.
  Scheduler a = OnClock(kOdd, 800, kToday, 0);
  Scheduler b = OnClock(kOdd, 800, kToday + 7300, 0);
  for (Millis real = kToday + 7300; real < kToday + 7300 + 3 * kOddCycle; real += 37) {
    a.Update(real - kToday);
    b.Update(real - kToday - 7300);
    REQUIRE(a.current() == b.current());
    REQUIRE(a.Elapsed(real - kToday) == b.Elapsed(real - kToday - 7300));
    REQUIRE(a.TransitionProgress(real - kToday) == b.TransitionProgress(real - kToday - 7300));
    REQUIRE(a.FadingOut(real - kToday) == b.FadingOut(real - kToday - 7300));
  }
}

TEST_CASE("Clock sync: a simulated week, woken as the loop wakes, shows zero drift") {
  // The loop sleeps TimeToAdvance and wakes a little late (0..15 ms, varying); NTP slews
  // the real-time clock against the monotonic one by up to 0.5 ms a second (the offset
  // creeps). At every wake-up the slide, its start and the crossfade equal the pure
  // function of the real time.
  const Millis transition = 800;
  Millis offset = kToday;
  Scheduler s = OnClock(kOdd, transition, offset, 0);
  Millis now = 0;
  std::uint32_t rng = 12345;
  std::size_t changes = 0;
  Millis worst = 0;
  while (now < 7 * kDay) {
    rng = rng * 1'103'515'245u + 12'345u;
    const Millis late = (rng >> 16) % 16;
    if ((rng >> 8) % 8 == 0) offset += ((rng >> 4) % 2 == 0) ? 1 : -1;  // slew
    s.SetClockOffset(offset);
    const std::size_t before = s.current();
    s.Update(now);
    changes += s.current() != before;
    const Millis real = now + offset;
    const ClockPosition p = PositionAt(kOdd, real);
    REQUIRE(s.current() == p.slide);
    REQUIRE(s.Elapsed(now) == std::min(real - p.start, kOdd[p.slide]));
    const bool fading = real - p.start < transition;
    REQUIRE(s.FadingOut(now).has_value() == fading);
    if (fading) {
      REQUIRE(s.TransitionProgress(now) ==
              doctest::Approx(static_cast<double>(real - p.start) / transition));
    }
    worst = std::max(worst, s.Elapsed(now) - (real - p.start));
    // A crossfade is drawn every frame; otherwise the loop sleeps until the next change.
    const Millis wait = s.FadingOut(now) ? 16 : s.TimeToAdvance(now);
    REQUIRE(wait >= 0);
    now += wait + late;
  }
  CHECK(worst == 0);
  // The loop cycled all week: 4 slides every 23.111 s.
  CHECK(changes >= 7 * kDay / kOddCycle * 4 - 1);
  // And the slide after a week is the one the clock says, to the millisecond.
  const Millis end = 7 * kDay + 12'345;
  s.Update(end);
  CHECK(s.current() == PositionAt(kOdd, end + offset).slide);
  CHECK(s.Elapsed(end) == end + offset - PositionAt(kOdd, end + offset).start);
}

TEST_CASE("Clock sync: the loop wakes exactly at each change") {
  Scheduler s = OnClock({1000, 2000, 3000}, 500, kToday + 250, 0);
  s.Update(0);  // real time ...250: slide 0, 750 ms to go
  CHECK(s.current() == 0);
  CHECK_FALSE(s.FadingOut(0));  // the start cuts: nothing faded in before it
  CHECK(s.TimeToAdvance(0) == 750);
  CHECK_FALSE(s.Update(749));
  CHECK(s.Update(750));
  CHECK(s.current() == 1);
  CHECK(s.FadingOut(750) == 0u);
  CHECK(s.TransitionProgress(750) == 0.0);
  CHECK(s.TimeToAdvance(750) == 2000);
}

TEST_CASE("Clock sync: a clock step re-evaluates at once") {
  Scheduler s = OnClock({1000, 2000, 3000}, 500, kToday, 0);
  s.Update(100);
  CHECK(s.current() == 0);
  s.SetClockOffset(kToday + 3500);  // NTP stepped the clock 3.5 s ahead
  s.Update(200);
  CHECK(s.current() == 2);
  CHECK(s.Elapsed(200) == 700);
  CHECK(s.TimeToAdvance(200) == 2300);
}

TEST_CASE("Clock sync: a key leaves the clock, resume re-joins it") {
  Scheduler s = OnClock({1000, 2000, 3000}, 500, kToday, 0);
  s.Update(0);
  CHECK(s.on_clock());
  s.Next(300);  // a person's choice
  CHECK_FALSE(s.on_clock());
  CHECK(s.current() == 1);
  // The person's slide keeps its full time from the key press, whatever the clock says.
  CHECK_FALSE(s.Update(2200));
  CHECK(s.current() == 1);
  CHECK(s.Update(2300));
  CHECK(s.current() == 2);
  // Resume (F5, or kiosk ctl resume) re-joins: the clock's slide, faded in from now.
  CHECK(s.current() == 2);
  s.Resume(2500);
  CHECK(s.on_clock());
  CHECK(s.TimeToAdvance(2500) == 0);  // the loop wakes for it
  CHECK(s.Update(2500));
  CHECK(s.current() == 1);         // the clock's slide: 2.5 s into the loop
  CHECK(s.FadingOut(2500) == 2u);  // faded in from now, not cut
  CHECK(s.TransitionProgress(2500) == 0.0);
  CHECK(s.TimeToAdvance(2500) == 500);  // and on the clock's time again
  CHECK(s.Update(3000));
  CHECK(s.current() == 2);
}

TEST_CASE("Clock sync: pause leaves the clock; P again keeps the person's time, F5 re-joins") {
  Scheduler s = OnClock({1000, 2000, 3000}, 0, kToday, 0);
  s.Update(0);
  s.TogglePause(500);
  CHECK_FALSE(s.on_clock());
  CHECK(s.TimeToAdvance(50'000'000) == -1);  // paused: no timeout, it waits for a person
  CHECK_FALSE(s.Update(50'000'000));
  s.TogglePause(50'000'000);  // running again, from where it was paused
  CHECK_FALSE(s.on_clock());
  CHECK(s.current() == 0);
  CHECK(s.Elapsed(50'000'000) == 500);
  s.Resume(50'000'100);
  CHECK(s.on_clock());
  s.Update(50'000'100);
  CHECK(s.current() ==
        PositionAt(std::vector<Millis>{1000, 2000, 3000}, kToday + 50'000'100).slide);
}

TEST_CASE("Clock sync: nobody navigating for the rejoin time re-joins the clock") {
  Scheduler s = OnClock({10'000, 20'000, 30'000}, 500, kToday, 0);
  s.Update(0);
  s.Last(1000);
  CHECK(s.current() == 2);
  s.Previous(2000);  // each key press starts the wait again
  CHECK(s.current() == 1);
  // Slide 1 runs its 20 s, then the show goes on by itself, off the clock.
  CHECK(s.Update(22'000));
  CHECK(s.current() == 2);
  CHECK_FALSE(s.on_clock());
  const Millis rejoin = 2000 + kRejoin;
  // The loop wakes for the rejoin even in the middle of a slide.
  s.Update(rejoin - 10'000);
  CHECK(s.TimeToAdvance(rejoin - 10'000) <= 10'000);
  s.Update(rejoin - 1);
  CHECK_FALSE(s.on_clock());
  s.Update(rejoin);
  CHECK(s.on_clock());
  const ClockPosition p = PositionAt(std::vector<Millis>{10'000, 20'000, 30'000}, kToday + rejoin);
  CHECK(s.current() == p.slide);
  CHECK(s.Elapsed(rejoin) == kToday + rejoin - p.start);
}

TEST_CASE("Clock sync: a playlist edit re-aligns to the new loop") {
  Scheduler s = OnClock({1000, 2000, 3000}, 500, kToday, 0);
  s.Update(4000);  // real 4000: slide 2 of the old loop
  CHECK(s.current() == 2);
  s.Reset({3000, 3000, 4000}, 500, 4100);  // real 4100: slide 1 of the new 10 s loop
  CHECK(s.TimeToAdvance(4100) == 0);
  CHECK(s.Update(4100));
  CHECK(s.current() == 1);
  CHECK(s.FadingOut(4100) == 2u);  // faded in, not cut
  CHECK(s.TimeToAdvance(4200) == 1800);
  // A show left by a person stays where the person put it.
  s.Next(4300);
  CHECK(s.current() == 2);
  s.Reset({1000, 2000, 3000}, 500, 4400);
  s.Update(4400);
  CHECK(s.current() == 2);
  CHECK_FALSE(s.on_clock());
  // The playlist no longer follows the clock: the slide stays, and so does its time.
  Scheduler t = OnClock({1000, 2000, 3000}, 500, kToday, 0);
  t.Update(1500);
  t.FollowClock(false, kRejoin);
  t.Reset({1000, 2000, 3000}, 500, 1600);
  t.Update(1600);
  CHECK(t.current() == 1);
  CHECK(t.Elapsed(1600) == 600);
  CHECK_FALSE(t.follows_clock());
}
