// Problems found in a playlist, with where they are, formatted like a compiler's.
#pragma once

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

// "FILE:LINE:COL: error: MESSAGE" for syntax errors,
// "FILE: error: slides[3].duration: MESSAGE" for content errors.
std::string FormatDiagnostic(const Diagnostic& d);

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

// 1-based line and column (in code points) of byte `offset` in `text`.
void LineColumnAt(std::string_view text, std::size_t offset, int* line, int* column);

}  // namespace kiosk
