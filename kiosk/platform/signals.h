// Signals as plain messages: blocked in every thread and read by one watcher thread
// (signalfd), which hands each to a callback. No async-signal-safety puzzles, and the
// callback may wake an event loop asleep in SDL_WaitEvent.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>

#include "event_source.h"

namespace kiosk {

// Blocks `signals` in the calling thread; threads started afterwards inherit the mask.
// Call it before any thread starts, or a thread that does not block them may take a
// signal and die of it. Returns false with *error set on failure.
bool BlockSignals(std::initializer_list<int> signals, std::string* error);
// Undoes BlockSignals; signals that came meanwhile are delivered now.
void UnblockSignals(std::initializer_list<int> signals);

class SignalWatcher {
 public:
  // Reads `signals` (blocked with BlockSignals first) on a thread of its own and calls
  // `on_signal(signo)` there, once per delivery. Only process-directed signals (kill,
  // systemd) are seen: raise() targets the calling thread, where nobody reads.
  SignalWatcher(std::initializer_list<int> signals, std::function<void(int)> on_signal);
  // Stops the thread. The signals stay blocked; any that arrive later stay pending.
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }  // why no thread runs

 private:
  void ReadSignal();

  std::function<void(int)> on_signal_;
  int signal_fd_ = -1;
  std::string error_;
  std::unique_ptr<EventSource> source_;  // after signal_fd_: stops before it closes
};

}  // namespace kiosk
