#include "diagnostics.h"

#include <doctest/doctest.h>

#include <iostream>
#include <sstream>

#include "log.h"

using kiosk::Diagnostic;
using kiosk::FormatDiagnostic;
using kiosk::Severity;

TEST_CASE("FormatDiagnostic: compiler style, with a line and column or a JSON path") {
  CHECK(FormatDiagnostic({Severity::kError, "p.json", 3, 14, "", "unexpected '}'"}) ==
        "p.json:3:14: error: unexpected '}'");
  CHECK(FormatDiagnostic({Severity::kError, "p.json", 0, 0, "slides[3].duration", "must be > 0"}) ==
        "p.json: error: slides[3].duration: must be > 0");
  CHECK(FormatDiagnostic({Severity::kWarning, "p.json", 0, 0, "titel", "unknown key"}) ==
        "p.json: warning: titel: unknown key");
  CHECK(FormatDiagnostic({Severity::kError, "x.json", 0, 0, "", "cannot read"}) ==
        "x.json: error: cannot read");
}

TEST_CASE("HasErrors: warnings alone are not errors") {
  CHECK_FALSE(kiosk::HasErrors({}));
  CHECK_FALSE(kiosk::HasErrors({{Severity::kWarning, "f", 0, 0, "", "w"}}));
  CHECK(kiosk::HasErrors(
      {{Severity::kWarning, "f", 0, 0, "", "w"}, {Severity::kError, "f", 0, 0, "", "e"}}));
}

TEST_CASE("LineColumnAt: 1-based, columns in code points, clamped to the text") {
  struct Case {
    const char* text;
    std::size_t offset;
    int line, column;
  };
  const Case cases[] = {
      {"", 0, 1, 1},       {"abc", 0, 1, 1},   {"abc", 2, 1, 3},
      {"a\nbc", 2, 2, 1},  {"a\nbc", 3, 2, 2}, {"äöü x", 7, 1, 5},  // 2-byte letters
      {"a\r\nb", 3, 2, 1}, {"abc", 99, 1, 4},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.offset);
    int line = 0;
    int column = 0;
    kiosk::LineColumnAt(c.text, c.offset, &line, &column);
    CHECK(line == c.line);
    CHECK(column == c.column);
  }
}

TEST_CASE("LineColumnAt: a line ends at \\r\\n, \\n or a lone \\r") {
  struct Case {
    std::string_view text;
    std::size_t offset;
    int line, column;
  };
  const Case cases[] = {
      {"a\rb\rcd", 5, 3, 2},     // old Mac line endings
      {"a\r\nb\r\nc", 6, 3, 1},  // Windows: one line per "\r\n"
      {"a\r\rb", 3, 3, 1},       // two lone "\r": two lines
      {"a\n\rb", 3, 3, 1},       // "\n" then a lone "\r"
      {"a\r", 2, 2, 1},          // a lone "\r" at the end
      {"a\r\n", 1, 1, 2},        // on the "\r" of "\r\n": still line 1
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.offset);
    int line = 0;
    int column = 0;
    kiosk::LineColumnAt(c.text, c.offset, &line, &column);
    CHECK(line == c.line);
    CHECK(column == c.column);
  }
}

TEST_CASE("EchoForUser: control characters, bidi controls and bad UTF-8 become visible") {
  using kiosk::EchoForUser;
  struct Case {
    std::string_view in;
    std::string_view out;
  };
  const Case cases[] = {
      {"title", "title"},
      {"", ""},
      {"Grüße, 日本, 🙂", "Grüße, 日本, 🙂"},
      {"a\nb\rc\td", "a\\nb\\rc\\td"},
      {"\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"},
      {std::string_view("nul\0x", 5), "nul\\x00x"},
      {"del\x7f", "del\\x7f"},
      {"c1\xc2\x85|\xc2\x9b", "c1\\u0085|\\u009b"},  // NEL, CSI
      {"\xe2\x80\xae"
       "abc",
       "\\u202eabc"},                                                     // RIGHT-TO-LEFT OVERRIDE
      {"\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9", "\\u202a\\u2066\\u2069"},  // LRE, LRI, PDI
      {"\xe2\x80\x8f\xd8\x9c", "\\u200f\\u061c"},                         // RLM, ALM
      {"line\xe2\x80\xa8sep", "line\\u2028sep"},
      {"bad\xff\xfe", "bad\\xff\\xfe"},
      {"cut\xc3", "cut\\xc3"},                     // truncated sequence
      {"\xc3\xa4\x80", "ä\\x80"},                  // stray continuation byte
      {"\xed\xa0\x80", "\\xed\\xa0\\x80"},         // a surrogate
      {"\xef\xbf\xbd", "\xef\xbf\xbd"},            // U+FFFD itself is fine
      {"back\\slash \"q\"", "back\\slash \"q\""},  // left alone: applying twice is harmless
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(EchoForUser(c.in) == c.out);
    CHECK(EchoForUser(EchoForUser(c.in)) == c.out);
  }
}

TEST_CASE("EchoForUser: at most 60 code points, cut with an ellipsis, never inside an escape") {
  using kiosk::EchoForUser;
  using kiosk::Elide;
  const std::string sixty(60, 'a');
  CHECK(EchoForUser(sixty) == sixty);
  CHECK(EchoForUser(sixty + "b") == std::string(59, 'a') + "…");
  CHECK(EchoForUser(std::string(50000, 'x')) == std::string(59, 'x') + "…");
  CHECK(EchoForUser(std::string(57, 'a') + "\x1b"
                                           "b") == std::string(57, 'a') + "…");
  CHECK(EchoForUser(std::string(100, 'u') + "ü", 5) == "uuuu…");
  CHECK(EchoForUser(std::string(100, '\xc3'), 9) == "\\xc3\\xc3…");
  CHECK(EchoForUser("/very/long/path/to/the/font/folder/of/this/show/Fancy.ttf", 20,
                    Elide::kMiddle) == "/very/lon…/Fancy.ttf");
  CHECK(EchoForUser(std::string(100000, 'p') + "/x\n.ttf", 12, Elide::kMiddle) == "ppppp…\\n.ttf");
  CHECK(EchoForUser("short", 20, Elide::kMiddle) == "short");
}

TEST_CASE("FormatDiagnostic escapes what it prints") {
  CHECK(FormatDiagnostic({Severity::kWarning, "p.json", 0, 0, "slides[0].a\nb\x1b[2J",
                          "unknown key, ignored"}) ==
        "p.json: warning: slides[0].a\\nb\\x1b[2J: unknown key, ignored");
}

TEST_CASE("CountOf: singular and plural") {
  CHECK(kiosk::CountOf(0, "slide", "slides") == "0 slides");
  CHECK(kiosk::CountOf(1, "slide", "slides") == "1 slide");
  CHECK(kiosk::CountOf(2, "error", "errors") == "2 errors");
}

TEST_CASE("Log: one line, escaped, whatever it is given") {
  std::ostringstream captured;
  std::streambuf* old = std::cerr.rdbuf(captured.rdbuf());
  kiosk::Log("font \"a\nkiosk: forged\x1b[2J\" not found");
  kiosk::Log(std::string(5000, 'x'));
  std::cerr.rdbuf(old);
  const std::string out = captured.str();
  CHECK(out.substr(0, out.find('\n') + 1) ==
        "kiosk: font \"a\\nkiosk: forged\\x1b[2J\" not found\n");
  const std::string second = out.substr(out.find('\n') + 1);
  CHECK(second.size() < 2100);
  CHECK(second.find("…") != std::string::npos);
}
