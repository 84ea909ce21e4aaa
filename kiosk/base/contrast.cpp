#include "contrast.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace kiosk {
namespace {

double Linear(std::uint8_t channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// Luminance of each 8-bit grey level... of each channel value, once.
const std::array<double, 256>& LinearTable() {
  static const std::array<double, 256> table = [] {
    std::array<double, 256> t{};
    for (int i = 0; i < 256; ++i)
      t[static_cast<std::size_t>(i)] = Linear(static_cast<std::uint8_t>(i));
    return t;
  }();
  return table;
}

std::uint8_t Mix(std::uint8_t under, std::uint8_t over, std::uint8_t alpha) {
  return static_cast<std::uint8_t>((over * alpha + under * (255 - alpha) + 127) / 255);
}

}  // namespace

double RelativeLuminance(Color c) {
  const auto& lin = LinearTable();
  return 0.2126 * lin[c.r] + 0.7152 * lin[c.g] + 0.0722 * lin[c.b];
}

double ContrastRatio(double luminance_a, double luminance_b) {
  const double hi = std::max(luminance_a, luminance_b);
  const double lo = std::min(luminance_a, luminance_b);
  return (hi + 0.05) / (lo + 0.05);
}

Color Blend(Color under, Color over) {
  return {Mix(under.r, over.r, over.a), Mix(under.g, over.g, over.a), Mix(under.b, over.b, over.a),
          255};
}

Color DefaultOverlay(Color text) {
  const double lt = RelativeLuminance(text);
  // Light text: darken towards black, the worst pixel being white; dark text: the reverse.
  const bool light_text = ContrastRatio(lt, 1.0) < ContrastRatio(lt, 0.0);
  const Color tint = light_text ? Color{0, 0, 0, 255} : Color{255, 255, 255, 255};
  const Color worst = light_text ? Color{255, 255, 255, 255} : Color{0, 0, 0, 255};
  for (int alpha = 0; alpha < 255; ++alpha) {
    Color overlay = tint;
    overlay.a = static_cast<std::uint8_t>(alpha);
    if (ContrastRatio(lt, RelativeLuminance(Blend(worst, overlay))) >= kReadableContrast) {
      return overlay;
    }
  }
  return tint;  // a mid-grey text colour: no overlay makes every picture readable under it
}

double WorstContrast(std::span<const std::uint32_t> argb, int width, int height,
                     std::span<const Box> boxes, Color text) {
  const double lt = RelativeLuminance(text);
  const auto& lin = LinearTable();
  double worst = 21.0;
  for (const Box& box : boxes) {
    const int x0 = std::max(0, box.x), x1 = std::min(width, box.x + box.w);
    const int y0 = std::max(0, box.y), y1 = std::min(height, box.y + box.h);
    for (int y = y0; y < y1; ++y) {
      const std::uint32_t* row = argb.data() + static_cast<std::size_t>(y) * width;
      for (int x = x0; x < x1; ++x) {
        const std::uint32_t p = row[x];
        const double lp =
            0.2126 * lin[(p >> 16) & 0xff] + 0.7152 * lin[(p >> 8) & 0xff] + 0.0722 * lin[p & 0xff];
        worst = std::min(worst, ContrastRatio(lt, lp));
      }
    }
  }
  return worst;
}

}  // namespace kiosk
