// Which slide is on screen, when the next one comes and how far a crossfade is.
// Time is passed in (milliseconds from any fixed origin), so tests use a fake clock.
//
// With wall-clock sync (FollowClock) the slide and the start of every crossfade come from
// PositionAt (clock_sync.h) of the real time, which is `now` plus the offset the edge
// measures (SetClockOffset): everything else keeps the monotonic clock. Navigating
// (next, previous, jumps, pause) leaves the clock: a person's choice wins, until Resume or
// until nobody has navigated for the rejoin time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "clock_sync.h"

namespace kiosk {

class Scheduler {
 public:
  // durations: one per slide, each > 0. transition: crossfade length, 0 = cut.
  Scheduler(std::vector<Millis> durations, Millis transition, Millis now);

  // Swaps in new timings (after a reload), keeping the current slide when it still exists.
  void Reset(std::vector<Millis> durations, Millis transition, Millis now);

  // Advances past every slide whose time is up. Returns true if the slide changed.
  bool Update(Millis now);

  void Next(Millis now);
  void Previous(Millis now);
  void First(Millis now);
  void Last(Millis now);
  void GoTo(std::size_t index, Millis now);  // out-of-range indexes are ignored
  void TogglePause(Millis now);
  // Leaves the pause, and re-joins the clock when the playlist follows it.
  void Resume(Millis now);

  // Follow the real-time clock (the playlist's "sync": "clock"), or stop following it.
  // `rejoin_after`: after that long without navigation a show left by a person re-joins
  // (while not paused). Turning it on re-aligns at the next Update.
  void FollowClock(bool on, Millis rejoin_after);
  // The real time (ms since the Unix epoch) minus `now`'s clock, as the edge reads both
  // clocks: it changes when the real-time clock is set or slewed (NTP).
  void SetClockOffset(Millis offset) { clock_offset_ = offset; }
  // The playlist follows the clock, and the show does now (no one has left it).
  bool follows_clock() const { return clock_; }
  bool on_clock() const { return clock_ && synced_; }

  // Which slides may show now (time rules: time_rules.h), one flag per slide; missing
  // flags count as true. A current slide that may not show any more gives way at once, with
  // the crossfade; with none eligible the show is idle (the edge draws no slide). Update,
  // Next, Previous, First, Last and the clock (its cycle is over the eligible slides only)
  // skip the others, GoTo ignores them.
  void SetEligible(std::vector<bool> eligible, Millis now);
  bool eligible(std::size_t index) const { return index >= eligible_.size() || eligible_[index]; }
  bool idle() const { return idle_; }
  // The eligible slides, and the current one's place among them (1-based; 0 when idle).
  std::size_t EligibleCount() const;
  std::size_t EligiblePosition() const;

  std::size_t current() const { return current_; }
  std::size_t count() const { return durations_.size(); }
  bool paused() const { return paused_; }

  // Time spent on the current slide (frozen while paused) and its length.
  Millis Elapsed(Millis now) const;
  Millis Duration() const { return durations_[current_]; }

  // The slide fading out, while a crossfade runs.
  std::optional<std::size_t> FadingOut(Millis now) const;
  // 0..1 progress of the running crossfade; 1 when none runs.
  double TransitionProgress(Millis now) const;

  // Milliseconds until Update() would change the slide (or re-join the clock); -1 while
  // paused.
  Millis TimeToAdvance(Millis now) const;

 private:
  enum class Jump { kNone, kCut, kFade };
  void Show(std::size_t index, Millis now);
  void Unpause(Millis now);
  void LeaveClock(Millis now);
  // Puts the show where the clock says; `jump_` says how a change that is not the
  // clock's own next slide looks. True if the slide changed.
  bool Align(Millis now);
  // The next (step 1) or previous (step count-1) eligible slide after `from`; `from` if none.
  std::size_t Step(std::size_t from, std::size_t step) const;

  std::vector<Millis> durations_;
  Millis transition_ = 0;
  std::size_t current_ = 0;
  std::size_t previous_ = 0;
  Millis shown_at_ = 0;       // when the current slide's timer started
  Millis transition_at_ = 0;  // when the current crossfade started
  bool transition_running_ = false;
  bool paused_ = false;
  Millis paused_elapsed_ = 0;  // elapsed time frozen at the pause
  bool updated_ = false;       // Update ran once: before it a jump is a cut (the start)

  bool clock_ = false;   // the playlist follows the clock
  bool synced_ = false;  // ... and the show does (no person has left it)
  Millis rejoin_after_ = 0;
  Millis left_at_ = 0;  // the last navigation while off the clock
  Millis clock_offset_ = 0;
  Jump jump_ = Jump::kNone;
  std::vector<bool> eligible_;  // empty: all
  bool idle_ = false;           // no slide is eligible
  bool fade_on_clock_ = false;  // the running crossfade began where the clock said  // pending: the
                                // next Align is a jump, not the clock's own step
};

}  // namespace kiosk
