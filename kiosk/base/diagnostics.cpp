#include "diagnostics.h"

#include <algorithm>
#include <cstdio>

#include "utf8.h"

namespace kiosk {
namespace {

constexpr std::string_view kEllipsis = "…";

bool NeedsEscape(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x061C || c == 0x200E ||
         c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2028 || c == 0x2029 || c == 0xFEFF;
}

// The code point or invalid byte at text[*i], as printed; advances *i. `chars` gets its
// width in code points.
std::string NextUnit(std::string_view text, std::size_t* i, std::size_t* chars) {
  const std::size_t start = *i;
  std::size_t end = start;
  const char32_t c = DecodeNext(text, &end);
  char buf[12];
  if (c == 0xFFFD && text.substr(start, end - start) != "\xEF\xBF\xBD") {
    // Not UTF-8: each byte of it (up to the next possible start) shows as \xNN.
    end = Utf8Next(text, start);
    *i = end;
    std::string out;
    for (std::size_t k = start; k < end; ++k) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[k]));
      out += buf;
    }
    *chars = out.size();
    return out;
  }
  *i = end;
  if (!NeedsEscape(c)) {
    *chars = 1;
    return std::string(text.substr(start, end - start));
  }
  if (c == '\n') {
    std::snprintf(buf, sizeof buf, "\\n");
  } else if (c == '\r') {
    std::snprintf(buf, sizeof buf, "\\r");
  } else if (c == '\t') {
    std::snprintf(buf, sizeof buf, "\\t");
  } else if (c < 0x80) {
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
  } else {
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
  }
  *chars = std::string_view(buf).size();
  return buf;
}

// Units from text[*i] while they fit into `budget` code points; stops at the first that
// does not (or at the end). Returns how many code points were used.
std::size_t AppendUnits(std::string_view text, std::size_t* i, std::size_t budget,
                        std::string* out) {
  std::size_t used = 0;
  while (*i < text.size()) {
    std::size_t next = *i;
    std::size_t chars = 0;
    std::string unit = NextUnit(text, &next, &chars);
    if (used + chars > budget) break;
    *out += unit;
    used += chars;
    *i = next;
  }
  return used;
}

}  // namespace

std::string EchoForUser(std::string_view text, std::size_t max_chars, Elide elide) {
  std::string out;
  std::size_t i = 0;
  AppendUnits(text, &i, max_chars, &out);
  if (i == text.size()) return out;                             // all of it fits
  const std::size_t room = max_chars == 0 ? 0 : max_chars - 1;  // one for "…"
  out.clear();
  i = 0;
  if (elide == Elide::kEnd) {
    AppendUnits(text, &i, room, &out);
    return out + std::string(kEllipsis);
  }
  const std::size_t head = room / 2;
  AppendUnits(text, &i, head, &out);
  // The tail: escape only the last bytes (a unit is at most 4 bytes, printed as at most
  // 16 characters), from a code point boundary, and keep the units that fit.
  std::size_t from = text.size() > 4 * room ? text.size() - 4 * room : 0;
  from = std::max(from, i);
  for (int k = 0; k < 3 && from < text.size() && (text[from] & 0xC0) == 0x80; ++k) ++from;
  std::vector<std::pair<std::string, std::size_t>> units;
  for (std::size_t j = from; j < text.size();) {
    std::size_t chars = 0;
    std::string unit = NextUnit(text, &j, &chars);
    units.emplace_back(std::move(unit), chars);
  }
  std::size_t tail_budget = room - head;
  std::size_t first = units.size();
  while (first > 0 && units[first - 1].second <= tail_budget) {
    tail_budget -= units[first - 1].second;
    --first;
  }
  out += kEllipsis;
  for (std::size_t k = first; k < units.size(); ++k) out += units[k].first;
  return out;
}

std::string CountOf(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

Diagnostic ForDisplay(const Diagnostic& d) {
  Diagnostic out = d;
  out.file = EchoForUser(d.file, 300, Elide::kMiddle);
  out.path = EchoForUser(d.path, 200, Elide::kMiddle);
  out.message = EchoForUser(d.message, 600);
  return out;
}

std::string FormatDiagnostic(const Diagnostic& diagnostic) {
  const Diagnostic d = ForDisplay(diagnostic);
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
    if (ch == '\n' || (ch == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++l;
      c = 1;
    } else if (ch == '\r') {
      // The "\r" of "\r\n": the "\n" ends the line.
    } else if ((ch & 0xC0) != 0x80) {  // count code points, not continuation bytes
      ++c;
    }
  }
  *line = l;
  *column = c;
}

}  // namespace kiosk
