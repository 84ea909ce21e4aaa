// Signals for a live show, turned into wake-ups of its SDL event loop: SIGTERM and SIGINT
// quit with status 0 (systemctl stop), SIGHUP reloads the playlist (systemctl reload).
#pragma once

#include <memory>

#include "signals.h"

namespace kiosk {

enum class SignalRequest { kNone, kQuit, kReload };

// Blocks the signals and starts reading them, and keeps SDL from installing handlers of
// its own. Call it before any other thread starts. On failure logs why and returns
// nullptr: the signals then do what they do by default.
std::unique_ptr<SignalWatcher> WatchShowSignals();

// What the signals received since the last call ask for (quit wins), logged. Safe to call
// before SDL starts: a signal that came early waits here.
SignalRequest TakeSignal();

}  // namespace kiosk
