#include "canvas.h"

#include <algorithm>

namespace kiosk {
namespace {

constexpr std::uint32_t kRgbMask = 0x00FFFFFFu;

std::uint32_t Pack(Color c) {
  return 0xFF000000u | (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
}

// (s * a + d * (255 - a)) / 255 per channel, rounded; the result is opaque.
inline std::uint32_t Blend(std::uint32_t d, std::uint32_t s, std::uint32_t a) {
  const std::uint32_t na = 255 - a;
  auto channel = [&](int shift) {
    const std::uint32_t v = ((s >> shift) & 0xFF) * a + ((d >> shift) & 0xFF) * na + 127;
    return ((v + (v >> 8) + 1) >> 8) << shift;  // v / 255 for v <= 255 * 255 + 127
  };
  return 0xFF000000u | channel(16) | channel(8) | channel(0);
}

// The part of `box` inside both `clip` and the view.
Box Clipped(const PixelView& view, Box box, Box clip) {
  const int x0 = std::max({box.x, clip.x, 0});
  const int y0 = std::max({box.y, clip.y, 0});
  const int x1 = std::min({box.x + box.w, clip.x + clip.w, view.width});
  const int y1 = std::min({box.y + box.h, clip.y + clip.h, view.height});
  return Box{x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

}  // namespace

void InkedRows(const std::uint32_t* pixels, int width, int height, int pitch, int* first,
               int* end) {
  auto inked = [&](int y) {
    const std::uint32_t* r = pixels + static_cast<std::ptrdiff_t>(y) * pitch;
    return std::any_of(r, r + width, [](std::uint32_t p) { return (p >> 24) != 0; });
  };
  *first = 0;
  *end = height;
  while (*first < *end && !inked(*first)) ++*first;
  while (*end > *first && !inked(*end - 1)) --*end;
}

TextImage MakeTextImage(const std::uint32_t* pixels, int width, int height, int pitch, Color color,
                        int* first_row) {
  *first_row = 0;
  TextImage image;
  auto row = [&](int y) { return pixels + static_cast<std::ptrdiff_t>(y) * pitch; };
  int first = 0;
  int end = 0;
  InkedRows(pixels, width, height, pitch, &first, &end);
  if (first == end || width <= 0) return image;
  *first_row = first;
  image.width = width;
  image.height = end - first;
  image.color = color;
  const std::uint32_t rgb = Pack(color) & kRgbMask;
  bool one_colour = true;
  for (int y = first; y < end && one_colour; ++y) {
    const std::uint32_t* r = row(y);
    for (int x = 0; x < width; ++x) {
      if ((r[x] >> 24) != 0 && (r[x] & kRgbMask) != rgb) {
        one_colour = false;
        break;
      }
    }
  }
  const std::size_t n = static_cast<std::size_t>(image.width) * image.height;
  if (one_colour) {
    image.coverage.resize(n);
    for (int y = first; y < end; ++y) {
      const std::uint32_t* r = row(y);
      std::uint8_t* out = &image.coverage[static_cast<std::size_t>(y - first) * width];
      for (int x = 0; x < width; ++x) out[x] = static_cast<std::uint8_t>(r[x] >> 24);
    }
  } else {
    image.argb.resize(n);
    for (int y = first; y < end; ++y) {
      std::copy(row(y), row(y) + width, &image.argb[static_cast<std::size_t>(y - first) * width]);
    }
  }
  return image;
}

void FillRect(PixelView dst, Box rect, Color color, Box clip) {
  const Box b = Clipped(dst, rect, clip);
  if (b.w == 0 || b.h == 0 || color.a == 0) return;
  const std::uint32_t src = Pack(color);
  for (int y = b.y; y < b.y + b.h; ++y) {
    std::uint32_t* row = dst.pixels + static_cast<std::ptrdiff_t>(y) * dst.pitch;
    if (color.a == 255) {
      std::fill(row + b.x, row + b.x + b.w, src);
    } else {
      for (int x = b.x; x < b.x + b.w; ++x) row[x] = Blend(row[x], src, color.a);
    }
  }
}

void DrawImage(PixelView dst, const TextImage& image, int x, int y, std::uint8_t alpha, Box clip) {
  if (image.empty() || alpha == 0) return;
  const Box b = Clipped(dst, Box{x, y, image.width, image.height}, clip);
  if (b.w == 0 || b.h == 0) return;
  // Coverage times the fade, looked up rather than multiplied per pixel.
  std::uint8_t faded[256];
  for (int c = 0; c < 256; ++c) faded[c] = static_cast<std::uint8_t>((c * alpha + 127) / 255);
  const std::uint32_t colour = Pack(image.color);
  for (int py = b.y; py < b.y + b.h; ++py) {
    std::uint32_t* out = dst.pixels + static_cast<std::ptrdiff_t>(py) * dst.pitch;
    const std::size_t src_row = static_cast<std::size_t>(py - y) * image.width;
    const int sx0 = b.x - x;
    if (!image.coverage.empty()) {
      const std::uint8_t* cov = &image.coverage[src_row + sx0];
      for (int i = 0; i < b.w; ++i) {
        const std::uint8_t a = faded[cov[i]];
        if (a == 0) continue;  // most of a line's pixels: the gaps between the letters
        out[b.x + i] = a == 255 ? colour : Blend(out[b.x + i], colour, a);
      }
    } else {
      const std::uint32_t* src = &image.argb[src_row + sx0];
      for (int i = 0; i < b.w; ++i) {
        const std::uint8_t a = faded[src[i] >> 24];
        if (a == 0) continue;
        out[b.x + i] = Blend(out[b.x + i], src[i], a);
      }
    }
  }
}

void Rotate(const PixelView& src, PixelView dst, int degrees) {
  const int w = src.width;
  const int h = src.height;
  for (int y = 0; y < h; ++y) {
    const std::uint32_t* in = src.pixels + static_cast<std::ptrdiff_t>(y) * src.pitch;
    for (int x = 0; x < w; ++x) {
      int dx = x;
      int dy = y;
      switch (degrees) {
        case 90:
          dx = h - 1 - y;
          dy = x;
          break;
        case 180:
          dx = w - 1 - x;
          dy = h - 1 - y;
          break;
        case 270:
          dx = y;
          dy = w - 1 - x;
          break;
        default:
          break;
      }
      dst.pixels[static_cast<std::ptrdiff_t>(dy) * dst.pitch + dx] = in[x];
    }
  }
}

}  // namespace kiosk
