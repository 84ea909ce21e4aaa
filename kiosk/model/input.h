// The key table (one place for every binding; --help and the README list it) and the
// small state machine for "digits then Return jumps to a slide". Keys are named as
// SDL_GetKeyName names them, so this file needs no SDL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kiosk {

enum class Command {
  kNone,
  kNext,
  kPrevious,
  kFirst,
  kLast,
  kTogglePause,
  kResume,  // un-pause and un-black (a clicker's "start show" key)
  kToggleBlack,
  kDigit,  // collects a slide number
  kEnter,  // jump to the collected number, else next
  kJump,   // an Enter that completed a number: Action::slide says where
  kReload,
  kToggleFullscreen,
  kQuit,
  // Remote commands (the control socket, MQTT): set a state rather than toggle it, so that
  // sending one twice does what it says.
  kPause,     // pause the timer (no change if paused)
  kBlack,     // black screen on (kResume ends it)
  kAnnounce,  // Action::text over whatever shows, for Action::for_ms (or until kClear)
  kClearAnnouncement,
};

struct KeyBinding {
  std::string_view key;  // SDL key name, e.g. "PageDown", "Keypad 3", "."
  Command command;
};

struct KeyHelp {
  std::string_view keys;  // as shown to people
  std::string_view action;
};

std::span<const KeyBinding> KeyTable();
std::span<const KeyHelp> KeyHelpTable();  // the same bindings, grouped for --help and the README

// What a key press asks the show to do.
struct Action {
  Action() = default;
  Action(Command c, std::size_t s = 0) : command(c), slide(s) {}  // NOLINT: {kNext, 0} reads well
  Command command = Command::kNone;
  std::size_t slide = 0;     // for a jump: 0-based slide index
  std::string text;          // for an announcement
  std::int64_t for_ms = -1;  // how long an announcement shows; -1: until cleared
  bool operator==(const Action&) const = default;
};

class InputState {
 public:
  // `slide_count` bounds jumps: a number outside 1..slide_count is ignored.
  Action OnKey(std::string_view key_name, std::size_t slide_count);
  // Digits typed so far (shown on screen while a jump is being typed).
  const std::string& pending() const { return digits_; }

 private:
  std::string digits_;
};

Command CommandForKey(std::string_view key_name);

}  // namespace kiosk
