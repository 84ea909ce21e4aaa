#include "input.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using kiosk::Action;
using kiosk::Command;
using kiosk::CommandForKey;
using kiosk::InputState;

TEST_CASE("Key table: the documented keys and what they do") {
  struct Case {
    const char* key;
    Command command;
  };
  const Case cases[] = {
      {"Right", Command::kNext},
      {"Down", Command::kNext},
      {"PageDown", Command::kNext},
      {"Space", Command::kNext},
      {"Return", Command::kEnter},
      {"Keypad Enter", Command::kEnter},
      {"Left", Command::kPrevious},
      {"Up", Command::kPrevious},
      {"PageUp", Command::kPrevious},
      {"Backspace", Command::kPrevious},
      {"Home", Command::kFirst},
      {"End", Command::kLast},
      {"P", Command::kTogglePause},
      {"Pause", Command::kTogglePause},
      {"B", Command::kToggleBlack},
      {".", Command::kToggleBlack},
      {"F5", Command::kResume},
      {"R", Command::kReload},
      {"F", Command::kToggleFullscreen},
      {"Escape", Command::kQuit},
      {"Q", Command::kQuit},
      {"7", Command::kDigit},
      {"Keypad 7", Command::kDigit},
      {"X", Command::kNone},
      {"", Command::kNone},
      {"right", Command::kNone},  // SDL names are exact
  };
  for (const Case& c : cases) {
    CAPTURE(c.key);
    CHECK(CommandForKey(c.key) == c.command);
  }
}

TEST_CASE("Key table: every key is bound once") {
  std::set<std::string_view> seen;
  for (const auto& b : kiosk::KeyTable()) {
    CAPTURE(b.key);
    CHECK(seen.insert(b.key).second);
  }
}

TEST_CASE("Key help: every bound non-digit key is mentioned") {
  std::string help;
  for (const auto& h : kiosk::KeyHelpTable()) help += std::string(h.keys) + ", ";
  for (const auto& b : kiosk::KeyTable()) {
    if (b.command == Command::kDigit || b.key.rfind("Keypad", 0) == 0) continue;
    CAPTURE(b.key);
    CHECK(help.find(std::string(b.key) + ",") != std::string::npos);
  }
}

TEST_CASE("InputState: digits then Return jump to that slide") {
  InputState in;
  CHECK(in.OnKey("1", 13) == Action{Command::kDigit, 0});
  CHECK(in.OnKey("Keypad 2", 13) == Action{Command::kDigit, 0});
  CHECK(in.pending() == "12");
  CHECK(in.OnKey("Return", 13) == Action{Command::kJump, 11});
  CHECK(in.pending().empty());
}

TEST_CASE("InputState: Return alone is next; a number out of range is ignored") {
  InputState in;
  CHECK(in.OnKey("Return", 13) == Action{Command::kNext, 0});
  in.OnKey("0", 13);
  CHECK(in.OnKey("Return", 13) == Action{});
  in.OnKey("1", 13);
  in.OnKey("4", 13);
  CHECK(in.OnKey("Keypad Enter", 13) == Action{});
  CHECK(in.pending().empty());
}

TEST_CASE("InputState: another command key drops the typed number") {
  InputState in;
  in.OnKey("3", 13);
  CHECK(in.OnKey("Right", 13) == Action{Command::kNext, 0});
  CHECK(in.pending().empty());
  CHECK(in.OnKey("Return", 13) == Action{Command::kNext, 0});
}

// README (Keys): "any other key of the table drops it, while keys kiosk does not use
// (Shift, a volume key) leave it as it is".
TEST_CASE("InputState: every other key of the table drops a typed number") {
  for (const auto& b : kiosk::KeyTable()) {
    if (b.command == Command::kDigit || b.command == Command::kEnter) continue;
    CAPTURE(b.key);
    InputState in;
    in.OnKey("4", 13);
    CHECK(in.OnKey(b.key, 13) == Action{b.command, 0});
    CHECK(in.pending().empty());
  }
}

TEST_CASE("InputState: keys kiosk does not use keep a typed number; long numbers are capped") {
  InputState in;
  in.OnKey("2", 13);
  for (const char* key : {"X", "Left Shift", "AudioRaiseVolume", "CapsLock"}) {
    CAPTURE(key);
    CHECK(in.OnKey(key, 13) == Action{});
    CHECK(in.pending() == "2");
  }
  CHECK(in.OnKey("Return", 13) == Action{Command::kJump, 1});
  in.OnKey("2", 13);
  for (int i = 0; i < 20; ++i) in.OnKey("9", 13);
  CHECK(in.pending().size() == 6);
  CHECK(in.OnKey("Return", 13) == Action{});  // 299999 > 13: ignored, no overflow
}
