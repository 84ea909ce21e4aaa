// Signals for a live show, turned into wake-ups of its SDL event loop: SIGTERM and SIGINT
// quit with status 0 (systemctl stop), SIGHUP reloads the playlist (systemctl reload).
#pragma once

#include <memory>

#include "signals.h"

namespace kiosk {

enum class SignalRequest { kNone, kQuit, kReload };

// First thing in main, before any thread starts: blocks the signals a show reads, so one
// that comes in the first milliseconds (systemctl stop or reload right after start) waits
// for WatchShowSignals instead of killing kiosk (SIGTERM: 143, SIGHUP: 129).
void HoldShowSignals();
// For --check and --render, which die of these signals as commands do: unblocks them
// (one that came meanwhile is delivered now).
void ReleaseShowSignals();

// Blocks the signals (if HoldShowSignals has not) and starts reading them, and keeps SDL
// from installing handlers of its own. Call it before any other thread starts. On failure logs why
// and returns nullptr: the signals then do what they do by default.
std::unique_ptr<SignalWatcher> WatchShowSignals();

// What the signals received since the last call ask for (quit wins), logged. Safe to call
// before SDL starts: a signal that came early waits here.
SignalRequest TakeSignal();

}  // namespace kiosk
