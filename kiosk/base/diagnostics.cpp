#include "diagnostics.h"

#include <algorithm>

namespace kiosk {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) out += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
  out += d.severity == Severity::kError ? ": error: " : ": warning: ";
  if (!d.path.empty()) out += d.path + ": ";
  out += d.message;
  return out;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

void LineColumnAt(std::string_view text, std::size_t offset, int* line, int* column) {
  offset = std::min(offset, text.size());
  int l = 1;
  int c = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto ch = static_cast<unsigned char>(text[i]);
    if (ch == '\n') {
      ++l;
      c = 1;
    } else if ((ch & 0xC0) != 0x80) {  // count code points, not continuation bytes
      ++c;
    }
  }
  *line = l;
  *column = c;
}

}  // namespace kiosk
