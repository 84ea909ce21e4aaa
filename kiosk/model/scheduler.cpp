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
  if (transition_running_ && now - transition_at_ >= transition_) transition_running_ = false;
  if (paused_) return false;
  bool changed = false;
  // After a long stall (suspend, debugger), skip ahead instead of flipping through slides.
  if (now - shown_at_ > 2 * Duration() + transition_) {
    previous_ = current_;
    current_ = (current_ + 1) % durations_.size();
    shown_at_ = now;
    transition_running_ = false;
    return true;
  }
  while (now - shown_at_ >= Duration()) {
    const Millis due = shown_at_ + Duration();
    previous_ = current_;
    current_ = (current_ + 1) % durations_.size();
    shown_at_ = due;  // no drift: the next slide's time starts when this one's ended
    transition_at_ = due;
    transition_running_ = transition_ > 0 && now - due < transition_ && previous_ != current_;
    changed = true;
  }
  return changed;
}

void Scheduler::Show(std::size_t index, Millis now) {
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

void Scheduler::Next(Millis now) { Show((current_ + 1) % count(), now); }
void Scheduler::Previous(Millis now) { Show((current_ + count() - 1) % count(), now); }
void Scheduler::First(Millis now) { Show(0, now); }
void Scheduler::Last(Millis now) { Show(count() - 1, now); }

void Scheduler::GoTo(std::size_t index, Millis now) {
  if (index < count()) Show(index, now);
}

void Scheduler::TogglePause(Millis now) {
  if (paused_) {
    Resume(now);
  } else {
    paused_elapsed_ = Elapsed(now);
    paused_ = true;
  }
}

void Scheduler::Resume(Millis now) {
  if (!paused_) return;
  shown_at_ = now - paused_elapsed_;
  paused_ = false;
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
  if (paused_) return -1;
  return std::max<Millis>(0, Duration() - (now - shown_at_));
}

}  // namespace kiosk
