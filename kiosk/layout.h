// Text layout: wrapping inside the safe area and choosing the largest font size at
// which a slide fits. Pure: all measuring goes through TextMeasurer, so tests use a
// fake and the program uses the real font.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "playlist.h"

namespace kiosk {

enum class FontStyle { kRegular, kBold };
enum class TextRole { kKicker, kTitle, kBody };

class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  // Advance width in pixels of `text` set in `style` at `px` pixels (em size).
  virtual int Width(std::string_view text, FontStyle style, int px) = 0;
  // Distance between baselines of consecutive lines.
  virtual int LineHeight(FontStyle style, int px) = 0;
};

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool operator==(const Box&) const = default;
};

struct LineBox {
  std::string text;
  TextRole role = TextRole::kBody;
  FontStyle style = FontStyle::kRegular;
  int px = 0;
  Box box;  // screen pixels; box.h is the line height
};

struct SlideLayout {
  std::vector<LineBox> lines;
  int body_px = 0;
  bool met_minimum = true;  // body_px is at least the readable minimum
  bool fits = true;         // every line inside the safe area; false only past the last resort
};

struct LayoutLimits {
  Box safe;  // nothing is drawn outside it
  int max_body_px = 0;
  int min_body_px = 0;  // readable minimum; gone below only as a last resort
};

// The safe area and size limits a theme gives on a screen of w x h pixels.
LayoutLimits LimitsFor(const Theme& theme, int screen_w, int screen_h);

// Breaks `text` into lines at most `max_width` wide. Runs of spaces and tabs count as one
// space; '\n' ends a line and an empty line stays as "" (a paragraph gap). A word wider
// than a line is split between code points (never drawn past the edge).
std::vector<std::string> WrapText(std::string_view text, int max_width, FontStyle style, int px,
                                  TextMeasurer& measurer);

// Lays out kicker, title and body at the largest body size in [min, max] at which all of
// it fits the safe area, centred vertically and aligned as the slide says.
SlideLayout LayoutSlide(const Slide& slide, const LayoutLimits& limits, TextMeasurer& measurer);

}  // namespace kiosk
