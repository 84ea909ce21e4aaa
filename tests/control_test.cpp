// The control protocol without a socket: every command, good and bad, and the exact reply.
#include "control.h"

#include <doctest/doctest.h>

#include <string>

using kiosk::Action;
using kiosk::Command;
using kiosk::ControlErrorReply;
using kiosk::ControlOkReply;
using kiosk::ControlRequest;
using kiosk::ParseControlLine;

namespace {

constexpr std::size_t kSlides = 13;

ControlRequest Good(std::string_view line) {
  ControlRequest r;
  std::string error;
  CAPTURE(line);
  CHECK(ParseControlLine(line, kSlides, &r, &error));
  CHECK(error.empty());
  return r;
}

std::string Bad(std::string_view line) {
  ControlRequest r;
  r.action = Action(Command::kQuit);  // must stay as it was
  std::string error;
  CAPTURE(line);
  CHECK_FALSE(ParseControlLine(line, kSlides, &r, &error));
  CHECK(r.action == Action(Command::kQuit));
  return error;
}

Action Announce(std::string text, std::int64_t for_ms) {
  Action a(Command::kAnnounce);
  a.text = std::move(text);
  a.for_ms = for_ms;
  return a;
}

}  // namespace

TEST_CASE("Control: every command, as JSON and as bare words, becomes the Action of a key") {
  struct Case {
    const char* line;
    Action action;
    bool status;
  };
  const Case cases[] = {
      {R"({"cmd": "next"})", Action(Command::kNext), false},
      {"next", Action(Command::kNext), false},
      {R"({"cmd": "prev"})", Action(Command::kPrevious), false},
      {"prev", Action(Command::kPrevious), false},
      {R"({"cmd": "goto", "slide": 3})", Action(Command::kJump, 2), false},
      {"goto 3", Action(Command::kJump, 2), false},
      {"goto 13", Action(Command::kJump, 12), false},
      {R"({"slide": 1, "cmd": "goto"})", Action(Command::kJump, 0), false},
      {R"({"cmd": "pause"})", Action(Command::kPause), false},
      {"pause", Action(Command::kPause), false},
      {R"({"cmd": "resume"})", Action(Command::kResume), false},
      {"resume", Action(Command::kResume), false},
      {R"({"cmd": "black"})", Action(Command::kBlack), false},
      {"black", Action(Command::kBlack), false},
      {R"({"cmd": "reload"})", Action(Command::kReload), false},
      {"reload", Action(Command::kReload), false},
      {R"({"cmd": "status"})", Action(Command::kNone), true},
      {"status", Action(Command::kNone), true},
      {R"({"cmd": "clear"})", Action(Command::kClearAnnouncement), false},
      {"clear", Action(Command::kClearAnnouncement), false},
      {R"({"cmd": "announce", "text": "Workshop 3 jetzt in Raum B"})",
       Announce("Workshop 3 jetzt in Raum B", -1), false},
      {R"({"cmd": "announce", "text": "Pause", "for": 300})", Announce("Pause", 300'000), false},
      {R"({"cmd": "announce", "text": "x", "for": 1.5})", Announce("x", 1500), false},
      {R"({"cmd": "announce", "text": "Zeile 1\nZeile 2 \u00fc"})",
       Announce("Zeile 1\nZeile 2 \xC3\xBC", -1), false},
      {"announce Workshop 3 jetzt in Raum B", Announce("Workshop 3 jetzt in Raum B", -1), false},
      {"announce  Raum \xEF\xBF\xBD", Announce("Raum \xEF\xBF\xBD", -1), false},
      // Forgiving about what terminals and netcat add around a line.
      {"next\r", Action(Command::kNext), false},
      {"  next \t", Action(Command::kNext), false},
      {" {\"cmd\":\"next\"} ", Action(Command::kNext), false},
  };
  for (const Case& c : cases) {
    const ControlRequest r = Good(c.line);
    CAPTURE(c.line);
    CHECK(r.action == c.action);
    CHECK(r.status == c.status);
  }
}

TEST_CASE("Control: a bad request is an exact error and changes nothing") {
  struct Case {
    std::string line;
    std::string error;
  };
  const Case cases[] = {
      {"", "empty request"},
      {" \r", "empty request"},
      {"{", "invalid JSON at byte 2"},
      {R"({"cmd": "next",})", "invalid JSON at byte 16"},
      {"{\"cmd\": \"\xff\"}", "invalid JSON at byte 10"},
      {"[\"next\"]", R"(expected a JSON object such as {"cmd": "next"})"},
      {"\"next\"", R"(expected a JSON object such as {"cmd": "next"})"},
      {"{}", R"(missing "cmd")"},
      {R"({"cmd": 1})", R"("cmd" must be a string)"},
      {R"({"cmd": ["next"]})", R"("cmd" must be a string)"},
      {R"({"cmd": "nxet"})", R"(unknown command "nxet")"},
      {R"({"cmd": "NEXT"})", R"(unknown command "NEXT")"},
      {"nxet", R"(unknown command "nxet")"},
      {"quit", R"(unknown command "quit")"},
      {"\x1b[2J", R"(unknown command "\x1b[2J")"},
      {"\xff\xfe", R"(unknown command "\xff\xfe")"},
      {std::string("ne\0xt", 5), R"(unknown command "ne\x00xt")"},
      {std::string(100, 'a'), "unknown command \"" + std::string(59, 'a') + "\xE2\x80\xA6\""},
      {R"({"cmd": "next", "slide": 2})", R"(next: unknown key "slide")"},
      {R"({"cmd": "goto", "slide": 2, "text": "x"})", R"(goto: unknown key "text")"},
      {"next 2", "next: takes no argument"},
      {"status now", "status: takes no argument"},
      {R"({"cmd": "goto"})", R"(goto: missing "slide", a slide number from 1 to 13)"},
      {R"({"cmd": "goto", "slide": 0})", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {R"({"cmd": "goto", "slide": 14})", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {R"({"cmd": "goto", "slide": -1})", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {R"({"cmd": "goto", "slide": 2.5})", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {R"({"cmd": "goto", "slide": "3"})", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {R"({"cmd": "goto", "slide": 99999999999999999999})",
       R"(goto: "slide" must be a slide number from 1 to 13)"},
      {"goto", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {"goto x", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {"goto -1", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {"goto 3 4", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {"goto 99999999999999999999999", R"(goto: "slide" must be a slide number from 1 to 13)"},
      {R"({"cmd": "announce"})", R"(announce: missing "text")"},
      {R"({"cmd": "announce", "text": 5})", R"(announce: "text" must be a string)"},
      {R"({"cmd": "announce", "text": ""})", R"(announce: "text" is empty)"},
      {"announce", R"(announce: "text" is empty)"},
      {"announce Raum \xff", R"(announce: "text" is not UTF-8)"},
      {R"({"cmd": "announce", "text": "x", "for": 0})",
       R"(announce: "for" must be a number of seconds from 1 to 86400)"},
      {R"({"cmd": "announce", "text": "x", "for": 86401})",
       R"(announce: "for" must be a number of seconds from 1 to 86400)"},
      {R"({"cmd": "announce", "text": "x", "for": "300"})",
       R"(announce: "for" must be a number of seconds from 1 to 86400)"},
      {R"({"cmd": "announce", "text": "x", "for": null})",
       R"(announce: "for" must be a number of seconds from 1 to 86400)"},
      {R"({"cmd": "announce", "text": "x", "until": 3})", R"(announce: unknown key "until")"},
      {R"({"cmd": "announce", "text": ")" + std::string(1001, 'x') + "\"}",
       R"(announce: "text": 1001 characters, more than the limit of 1000)"},
      {"announce " + std::string(1001, 'x'),
       R"(announce: "text": 1001 characters, more than the limit of 1000)"},
      {R"({"cmd": "clear", "text": "x"})", R"(clear: unknown key "text")"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    CHECK(Bad(c.line) == c.error);
  }
}

TEST_CASE("Control: 1000 characters is still an announcement") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "\xC3\xBC";  // 2000 bytes, 1000 characters
  CHECK(Good("announce " + text).action == Announce(text, -1));
}

TEST_CASE("Control: replies are one line of JSON, with what they repeat escaped") {
  CHECK(ControlOkReply() == R"({"ok":true})");
  CHECK(ControlErrorReply("missing \"cmd\"") == R"({"ok":false,"error":"missing \"cmd\""})");
  // A message is escaped where it quotes; a raw control character or bad byte is still
  // no new line and no terminal escape.
  CHECK(ControlErrorReply("a\nb\x1b\xff") ==
        "{\"ok\":false,\"error\":\"a\\nb\\u001b\xEF\xBF\xBD\"}");
  CHECK(ControlErrorReply(Bad("\x1b]0;x\x07\n")) ==
        R"({"ok":false,"error":"unknown command \"\\x1b]0;x\\x07\\n\""})");
}
