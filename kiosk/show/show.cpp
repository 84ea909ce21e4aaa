#include "show.h"

#include <cmath>

namespace kiosk {

Request ApplyAction(const Action& action, Scheduler& scheduler, ShowState& state, Millis now) {
  switch (action.command) {
    case Command::kNone:
    case Command::kDigit:
      break;
    case Command::kNext:
    case Command::kEnter:
      scheduler.Next(now);
      break;
    case Command::kPrevious:
      scheduler.Previous(now);
      break;
    case Command::kFirst:
      scheduler.First(now);
      break;
    case Command::kLast:
      scheduler.Last(now);
      break;
    case Command::kJump:
      scheduler.GoTo(action.slide, now);
      break;
    case Command::kTogglePause:
      scheduler.TogglePause(now);
      break;
    case Command::kResume:
      scheduler.Resume(now);
      state.black = false;
      break;
    case Command::kToggleBlack:
      state.black = !state.black;
      break;
    case Command::kReload:
      return Request::kReload;
    case Command::kToggleFullscreen:
      return Request::kToggleFullscreen;
    case Command::kQuit:
      return Request::kQuit;
    case Command::kPause:
      if (!scheduler.paused()) scheduler.TogglePause(now);
      break;
    case Command::kBlack:
      state.black = true;
      break;
    case Command::kAnnounce:
      Announce(&state.announcement, action.text, action.for_ms, now);
      break;
    case Command::kClearAnnouncement:
      ClearAnnouncement(&state.announcement, now);
      break;
  }
  return Request::kNone;
}

std::vector<Millis> DurationsOf(const Playlist& playlist) {
  std::vector<Millis> out;
  out.reserve(playlist.slides.size());
  for (const Slide& s : playlist.slides) out.push_back(std::llround(s.duration * 1000.0));
  return out;
}

Millis TransitionOf(const Playlist& playlist) { return std::llround(playlist.transition * 1000.0); }

}  // namespace kiosk
