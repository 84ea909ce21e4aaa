// Readable text on pictures: WCAG 2 relative luminance and contrast ratio, the overlay that
// makes any picture dark (or light) enough for a text colour, and the worst contrast a text
// colour has over the pixels under some boxes. Pure: pixels in, numbers out.
#pragma once

#include <cstdint>
#include <span>

#include "color.h"
#include "layout_types.h"

namespace kiosk {

// WCAG 2: the relative luminance of an opaque sRGB colour (0 black .. 1 white), and the
// contrast ratio of two luminances (1 .. 21). Readable body text needs 4.5.
double RelativeLuminance(Color c);
double ContrastRatio(double luminance_a, double luminance_b);
inline constexpr double kReadableContrast = 4.5;

// `over` (with its alpha) blended onto the opaque colour `under`, as the drawers blend.
Color Blend(Color under, Color over);

// The overlay a background picture gets when the playlist names none: black over pictures
// under light text, white under dark text, just strong enough that even the worst pixel
// (white, or black) reaches kReadableContrast with `text`.
Color DefaultOverlay(Color text);

// The lowest contrast ratio between `text` and any pixel (0xAARRGGBB, taken as opaque:
// the picture is already composited) of the width x height image inside `boxes` (clipped
// to the image). No pixel under any box: 21 (nothing to read badly).
double WorstContrast(std::span<const std::uint32_t> argb, int width, int height,
                     std::span<const Box> boxes, Color text);

}  // namespace kiosk
