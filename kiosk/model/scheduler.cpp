#include "scheduler.h"

#include <algorithm>
#include <utility>

namespace kiosk {

Scheduler::Scheduler(std::vector<Millis> durations, Millis transition, Millis now)
    : durations_(std::move(durations)), transition_(transition), shown_at_(now) {
  if (durations_.empty()) durations_.push_back(1);
  for (Millis& d : durations_) d = std::max<Millis>(d, 1);
}

void Scheduler::Reset(std::vector<Millis> durations, Millis transition, Millis now) {
  const Millis elapsed = Elapsed(now);
  durations_ = std::move(durations);
  if (durations_.empty()) durations_.push_back(1);
  for (Millis& d : durations_) d = std::max<Millis>(d, 1);
  transition_ = transition;
  transition_running_ = false;
  // On the clock, a playlist edit re-aligns: the loop has other durations now.
  if (clock_ && synced_) jump_ = Jump::kFade;
  if (current_ >= durations_.size()) {
    current_ = 0;
    shown_at_ = now;
    paused_elapsed_ = 0;
  } else {
    // Same slide, same position in its time (bounded by the new duration).
    const Millis kept = std::min(elapsed, durations_[current_] - 1);
    shown_at_ = now - kept;
    paused_elapsed_ = kept;
  }
}

bool Scheduler::Update(Millis now) {
  const bool first = !updated_;
  updated_ = true;
  if (!paused_ && clock_ && !synced_ && now - left_at_ >= rejoin_after_) {
    synced_ = true;
    jump_ = Jump::kFade;
  }
  if (!paused_ && !idle_ && clock_ && synced_) {
    if (first) jump_ = Jump::kCut;  // the first picture: straight to the clock's slide
    const bool changed = Align(now);
    if (transition_running_ && now - transition_at_ >= transition_) transition_running_ = false;
    return changed;
  }
  if (transition_running_ && now - transition_at_ >= transition_) transition_running_ = false;
  if (paused_ || idle_) return false;
  bool changed = false;
  // After a long stall (suspend, debugger), skip ahead instead of flipping through slides.
  if (now - shown_at_ > 2 * Duration() + transition_) {
    previous_ = current_;
    current_ = Step(current_, 1);
    shown_at_ = now;
    transition_running_ = false;
    return true;
  }
  while (now - shown_at_ >= Duration()) {
    const Millis due = shown_at_ + Duration();
    previous_ = current_;
    current_ = Step(current_, 1);
    shown_at_ = due;  // no drift: the next slide's time starts when this one's ended
    transition_at_ = due;
    transition_running_ = transition_ > 0 && now - due < transition_ && previous_ != current_;
    changed = true;
  }
  return changed;
}

bool Scheduler::Align(Millis now) {
  // The cycle is over the eligible slides only.
  std::vector<Millis> durations;
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < durations_.size(); ++i) {
    if (!eligible(i)) continue;
    durations.push_back(durations_[i]);
    index.push_back(i);
  }
  ClockPosition p = PositionAt(durations, now + clock_offset_);
  p.slide = index[p.slide];
  const Millis start = p.start - clock_offset_;
  const bool changed = p.slide != current_;
  if (changed) {
    previous_ = current_;
    current_ = p.slide;
    // The clock's own next slide crossfades from the moment the clock says; a jump (back
    // to the clock, an edit, a clock set far) fades from now, or cuts at the start.
    transition_at_ = jump_ == Jump::kFade ? now : start;
    transition_running_ =
        jump_ != Jump::kCut && transition_ > 0 && now - transition_at_ < transition_;
    fade_on_clock_ = jump_ == Jump::kNone;
  } else if (transition_running_ && fade_on_clock_) {
    transition_at_ = start;  // the clock's crossfade stays on the clock (NTP slews it)
  }
  shown_at_ = start;
  paused_elapsed_ = 0;
  jump_ = Jump::kNone;
  return changed;
}

void Scheduler::FollowClock(bool on, Millis rejoin_after) {
  rejoin_after_ = rejoin_after;
  if (on == clock_) return;
  clock_ = on;
  synced_ = on;
  if (on) jump_ = Jump::kFade;
}

void Scheduler::LeaveClock(Millis now) {
  synced_ = false;
  left_at_ = now;
}

void Scheduler::Show(std::size_t index, Millis now) {
  LeaveClock(now);
  if (index == current_) {
    // Restart the slide's time, no crossfade to itself.
    shown_at_ = now;
    paused_elapsed_ = 0;
    return;
  }
  previous_ = current_;
  current_ = index;
  shown_at_ = now;
  paused_elapsed_ = 0;
  transition_at_ = now;
  transition_running_ = transition_ > 0;
}

void Scheduler::Next(Millis now) {
  if (!idle_) Show(Step(current_, 1), now);
}
void Scheduler::Previous(Millis now) {
  if (!idle_) Show(Step(current_, count() - 1), now);
}
void Scheduler::First(Millis now) {
  if (!idle_) Show(Step(count() - 1, 1), now);
}
void Scheduler::Last(Millis now) {
  if (!idle_) Show(Step(0, count() - 1), now);
}

void Scheduler::GoTo(std::size_t index, Millis now) {
  if (index < count() && eligible(index) && !idle_) Show(index, now);
}

std::size_t Scheduler::Step(std::size_t from, std::size_t step) const {
  std::size_t i = from;
  for (std::size_t n = 0; n < count(); ++n) {
    i = (i + step) % count();
    if (eligible(i)) return i;
  }
  return from;
}

void Scheduler::SetEligible(std::vector<bool> eligible, Millis now) {
  eligible.resize(count(), true);
  if (eligible == eligible_ && (eligible_.empty() || idle_ || eligible_[current_])) return;
  const bool changed = eligible != eligible_;
  eligible_ = std::move(eligible);
  const bool none = std::none_of(eligible_.begin(), eligible_.end(), [](bool b) { return b; });
  // On the clock, the cycle is another now: re-align (with a crossfade).
  if (changed && clock_ && synced_) jump_ = Jump::kFade;
  if (none) {
    if (!idle_) {
      // The last slide fades out to the idle screen.
      idle_ = true;
      previous_ = current_;
      transition_at_ = now;
      transition_running_ = transition_ > 0 && updated_;
    }
    return;
  }
  if (idle_) {
    // Back from idle: straight to the first eligible slide from the current one on.
    idle_ = false;
    if (!eligible_[current_]) current_ = Step(current_, 1);
    shown_at_ = now;
    paused_elapsed_ = 0;
    transition_running_ = false;
    return;
  }
  if (eligible_[current_]) return;
  // The slide on screen may not show any more: the next one, now, with the crossfade.
  previous_ = current_;
  current_ = Step(current_, 1);
  shown_at_ = now;
  paused_elapsed_ = 0;
  transition_at_ = now;
  transition_running_ = transition_ > 0 && updated_;
  fade_on_clock_ = false;
}

std::size_t Scheduler::EligibleCount() const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < count(); ++i) n += eligible(i);
  return n;
}

std::size_t Scheduler::EligiblePosition() const {
  if (idle_) return 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i <= current_ && i < count(); ++i) n += eligible(i);
  return n;
}

void Scheduler::TogglePause(Millis now) {
  LeaveClock(now);
  if (paused_) {
    Unpause(now);
  } else {
    paused_elapsed_ = Elapsed(now);
    paused_ = true;
  }
}

void Scheduler::Unpause(Millis now) {
  if (!paused_) return;
  shown_at_ = now - paused_elapsed_;
  paused_ = false;
}

void Scheduler::Resume(Millis now) {
  Unpause(now);
  if (clock_ && !synced_) {
    synced_ = true;
    jump_ = Jump::kFade;
  }
}

Millis Scheduler::Elapsed(Millis now) const {
  if (paused_) return paused_elapsed_;
  return std::clamp<Millis>(now - shown_at_, 0, Duration());
}

std::optional<std::size_t> Scheduler::FadingOut(Millis now) const {
  if (transition_running_ && now - transition_at_ < transition_) return previous_;
  return std::nullopt;
}

double Scheduler::TransitionProgress(Millis now) const {
  if (!FadingOut(now)) return 1.0;
  return std::clamp(static_cast<double>(now - transition_at_) / static_cast<double>(transition_),
                    0.0, 1.0);
}

Millis Scheduler::TimeToAdvance(Millis now) const {
  if (paused_ || idle_) return -1;
  if (clock_ && (synced_ ? jump_ != Jump::kNone : now - left_at_ >= rejoin_after_)) return 0;
  Millis next = std::max<Millis>(0, Duration() - (now - shown_at_));
  if (clock_ && !synced_) next = std::min(next, left_at_ + rejoin_after_ - now);
  return next;
}

}  // namespace kiosk
