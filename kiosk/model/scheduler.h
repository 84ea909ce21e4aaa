// Which slide is on screen, when the next one comes and how far a crossfade is.
// Time is passed in (milliseconds from any fixed origin), so tests use a fake clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace kiosk {

using Millis = std::int64_t;

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
  void Resume(Millis now);

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

  // Milliseconds until Update() would change the slide; -1 while paused.
  Millis TimeToAdvance(Millis now) const;

 private:
  void Show(std::size_t index, Millis now);

  std::vector<Millis> durations_;
  Millis transition_ = 0;
  std::size_t current_ = 0;
  std::size_t previous_ = 0;
  Millis shown_at_ = 0;       // when the current slide's timer started
  Millis transition_at_ = 0;  // when the current crossfade started
  bool transition_running_ = false;
  bool paused_ = false;
  Millis paused_elapsed_ = 0;  // elapsed time frozen at the pause
};

}  // namespace kiosk
