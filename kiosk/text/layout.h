// Text layout: wrapping inside the safe area and choosing the largest font size at
// which a slide fits. Pure: all measuring goes through TextMeasurer, so tests use a
// fake and the program uses the real font.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout_types.h"
#include "linebreak.h"
#include "playlist.h"

namespace kiosk {

class Hyphenator;

struct LineBox {
  std::string text;         // the whole line as it reads
  std::vector<Span> spans;  // runs of one style, x relative to box.x
  TextRole role = TextRole::kBody;
  FontStyle style = FontStyle::kRegular;
  int px = 0;
  Box box;  // screen pixels; box.h is the line height
};

struct SlideLayout {
  std::vector<LineBox> lines;
  int body_px = 0;
  bool met_minimum = true;  // body_px is at least the readable minimum
  bool fits = true;         // every line inside the safe area, in height and width; false only past
                     // the last resort (a cluster wider than the line even at the smallest size)
};

struct LayoutLimits {
  Box safe;  // nothing is drawn outside it
  int max_body_px = 0;
  int min_body_px = 0;  // readable minimum; gone below only as a last resort
};

// The safe area and size limits a theme gives on a screen of w x h pixels.
LayoutLimits LimitsFor(const Theme& theme, int screen_w, int screen_h);

// The lines of `text` as the author ended them: at '\n', and at form feed, vertical tab
// and U+2028 (LINE SEPARATOR) alike. U+2029 (PARAGRAPH SEPARATOR) ends a line and adds an
// empty one, a paragraph gap, as "\n\n" does. Views into `text`.
std::vector<std::string_view> TextLines(std::string_view text);

// Breaks `text` into lines at most `max_width` wide (see linebreak.h), after TextLines;
// an empty line stays as an empty entry (a paragraph gap).
std::vector<std::vector<Span>> WrapParagraphs(std::string_view text, int max_width, FontStyle style,
                                              int px, TextMeasurer& measurer,
                                              const Hyphenator* hyphenator,
                                              BreakMode mode = BreakMode::kTight);

// The same as plain strings, for callers (and tests) that do not care about styles.
std::vector<std::string> WrapText(std::string_view text, int max_width, FontStyle style, int px,
                                  TextMeasurer& measurer, const Hyphenator* hyphenator = nullptr);

// Lays out kicker, title and body at the largest body size in [min, max] at which all of
// it fits the safe area (with the fewest lines, hyphenating where that helps), then
// re-breaks it loosely with fewer hyphens if that still fits; centred vertically and
// aligned as the slide says.
SlideLayout LayoutSlide(const Slide& slide, const LayoutLimits& limits, TextMeasurer& measurer,
                        const Hyphenator* hyphenator = nullptr);

}  // namespace kiosk
