// Applying what a key (or signal) asks for to the running show. What only the
// platform can do (reload, fullscreen, quit) is handed back to it.
#pragma once

#include "frame.h"
#include "input.h"
#include "scheduler.h"

namespace kiosk {

enum class Request { kNone, kReload, kToggleFullscreen, kQuit };

Request ApplyAction(const Action& action, Scheduler& scheduler, ShowState& state, Millis now);

// Slide durations in milliseconds, for the Scheduler.
std::vector<Millis> DurationsOf(const Playlist& playlist);
Millis TransitionOf(const Playlist& playlist);

}  // namespace kiosk
