// The vocabulary layout is written in: font styles, measuring, boxes and spans.
#pragma once

#include <string>
#include <string_view>

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

// A run of one style within a line; x is relative to the line's start.
struct Span {
  std::string text;
  FontStyle style = FontStyle::kRegular;
  int x = 0;
  int w = 0;
  bool rtl = false;  // its paragraph reads right to left
  bool operator==(const Span&) const = default;
};

}  // namespace kiosk
