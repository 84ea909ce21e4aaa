#include "input.h"

#include <array>

namespace kiosk {
namespace {

constexpr KeyBinding kBindings[] = {
    {"Right", Command::kNext},      {"Down", Command::kNext},
    {"PageDown", Command::kNext},   {"Space", Command::kNext},
    {"Return", Command::kEnter},    {"Keypad Enter", Command::kEnter},
    {"Left", Command::kPrevious},   {"Up", Command::kPrevious},
    {"PageUp", Command::kPrevious}, {"Backspace", Command::kPrevious},
    {"Home", Command::kFirst},      {"End", Command::kLast},
    {"P", Command::kTogglePause},   {"Pause", Command::kTogglePause},
    {"F5", Command::kResume},       {"B", Command::kToggleBlack},
    {".", Command::kToggleBlack},   {"Keypad .", Command::kToggleBlack},
    {"R", Command::kReload},        {"F", Command::kToggleFullscreen},
    {"Escape", Command::kQuit},     {"Q", Command::kQuit},
    {"0", Command::kDigit},         {"1", Command::kDigit},
    {"2", Command::kDigit},         {"3", Command::kDigit},
    {"4", Command::kDigit},         {"5", Command::kDigit},
    {"6", Command::kDigit},         {"7", Command::kDigit},
    {"8", Command::kDigit},         {"9", Command::kDigit},
    {"Keypad 0", Command::kDigit},  {"Keypad 1", Command::kDigit},
    {"Keypad 2", Command::kDigit},  {"Keypad 3", Command::kDigit},
    {"Keypad 4", Command::kDigit},  {"Keypad 5", Command::kDigit},
    {"Keypad 6", Command::kDigit},  {"Keypad 7", Command::kDigit},
    {"Keypad 8", Command::kDigit},  {"Keypad 9", Command::kDigit},
};

constexpr KeyHelp kHelp[] = {
    {"Right, Down, PageDown, Space, Return", "next slide"},
    {"Left, Up, PageUp, Backspace", "previous slide"},
    {"Home", "first slide"},
    {"End", "last slide"},
    {"digits, then Return", "jump to that slide (e.g. 1 2 Return)"},
    {"P, Pause", "pause / resume the timer"},
    {"F5", "resume (leave pause and black screen, re-join the clock)"},
    {"B, .", "black screen on / off"},
    {"R", "reload the playlist"},
    {"F", "fullscreen on / off"},
    {"Escape, Q", "quit (exit status 0)"},
    {"keypad digits, Enter, .", "as on the main keyboard"},
};

}  // namespace

std::span<const KeyBinding> KeyTable() { return kBindings; }
std::span<const KeyHelp> KeyHelpTable() { return kHelp; }

Command CommandForKey(std::string_view key_name) {
  for (const KeyBinding& b : kBindings) {
    if (b.key == key_name) return b.command;
  }
  return Command::kNone;
}

Action InputState::OnKey(std::string_view key_name, std::size_t slide_count) {
  const Command command = CommandForKey(key_name);
  if (command == Command::kDigit) {
    if (digits_.size() < 6) digits_ += key_name.back();
    return {Command::kDigit, 0};
  }
  if (command == Command::kNone) return {};
  std::string digits;
  digits.swap(digits_);  // any other bound key ends the number
  if (command != Command::kEnter) return {command, 0};
  if (digits.empty()) return {Command::kNext, 0};
  const std::size_t n = std::stoul(digits);
  if (n < 1 || n > slide_count) return {};
  return {Command::kJump, n - 1};
}

}  // namespace kiosk
