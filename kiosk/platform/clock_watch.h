// Notices the real-time clock being set (an NTP step, `date -s`, the first sync of a Pi
// without a clock battery): wall-clock sync re-evaluates at once instead of at its next
// planned wake-up. A timerfd armed with TFD_TIMER_CANCEL_ON_SET, read by an EventSource
// thread; gradual slewing is not a "set" and needs nothing (the show reads both clocks
// on every loop turn).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "event_source.h"

namespace kiosk {

class ClockSetWatch {
 public:
  // Calls `on_set()` on its own thread after each time the clock is set.
  explicit ClockSetWatch(std::function<void()> on_set);
  ~ClockSetWatch();
  ClockSetWatch(const ClockSetWatch&) = delete;
  ClockSetWatch& operator=(const ClockSetWatch&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }  // why it does not watch

 private:
  bool Arm();
  void Read();

  std::function<void()> on_set_;
  int timer_fd_ = -1;
  std::string error_;
  std::unique_ptr<EventSource> source_;  // after timer_fd_: stops before it closes
};

}  // namespace kiosk
