// Problems found in a playlist, with where they are, formatted like a compiler's; and the
// one way any text from a playlist is repeated back to people (EchoForUser).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class Severity { kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;
  int line = 0;  // 1-based; 0 when the problem has no text position
  int column = 0;
  std::string path;  // JSON path such as "slides[3].duration"; empty for syntax errors
  std::string message;
};

// How much of a playlist's text a message repeats: a key, a colour, a name, a path.
inline constexpr std::size_t kEchoChars = 60;

enum class Elide { kEnd, kMiddle };  // kMiddle keeps a path's file name

// `text` made safe to print in a log, on a terminal, in JSON and on the error screen, and
// short: control characters (C0, DEL, C1), bidi controls (U+061C, U+200E/F, U+202A-202E,
// U+2066-2069), line and paragraph separators (U+2028/9), U+FEFF and bytes that are not
// UTF-8 become visible escapes (\n, \r, \t, \x1b, \u202e, \xff); the result has at most
// `max_chars` code points, cut with "…" at the end or in the middle, never inside an
// escape. Backslashes stay as they are, so applying it twice changes nothing.
std::string EchoForUser(std::string_view text, std::size_t max_chars = kEchoChars,
                        Elide elide = Elide::kEnd);

// "1 slide", "2 slides".
std::string CountOf(std::size_t n, std::string_view one, std::string_view many);

// The diagnostic with every field passed through EchoForUser (generous limits: the
// values inside a message are already shortened where they were quoted).
Diagnostic ForDisplay(const Diagnostic& d);

// "FILE:LINE:COL: error: MESSAGE" for syntax errors,
// "FILE: error: slides[3].duration: MESSAGE" for content errors. Escaped (ForDisplay).
std::string FormatDiagnostic(const Diagnostic& d);

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// 1-based line and column (in code points) of byte `offset` in `text`. A line ends at
// "\r\n", "\n" or a lone "\r" (old Mac files).
void LineColumnAt(std::string_view text, std::size_t offset, int* line, int* column);

}  // namespace kiosk
