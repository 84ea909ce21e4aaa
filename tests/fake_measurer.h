// A predictable TextMeasurer for layout tests: every code point is half an em wide
// (bold a little wider), lines are 1.2 em apart. It counts its calls and the bytes it
// measured, so a test can tell linear work from quadratic by a count, not a timing.
#pragma once

#include <cmath>
#include <string_view>

#include "layout.h"

namespace kiosk::testing {

class FakeMeasurer : public TextMeasurer {
 public:
  int Width(std::string_view text, FontStyle style, int px) override {
    ++calls;
    bytes += static_cast<long long>(text.size());
    int code_points = 0;
    for (char c : text) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    const double per = style == FontStyle::kBold ? 0.6 : 0.5;
    return static_cast<int>(std::lround(code_points * per * px));
  }
  int LineHeight(FontStyle, int px) override { return static_cast<int>(std::lround(px * 1.2)); }
  int calls = 0;
  long long bytes = 0;  // measured in all: quadratic layout shows here first
};

}  // namespace kiosk::testing
