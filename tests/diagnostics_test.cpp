#include "diagnostics.h"

#include <doctest/doctest.h>

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
