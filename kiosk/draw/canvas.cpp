#include "canvas.h"

#include <algorithm>

namespace kiosk {
namespace {

constexpr std::uint32_t kRgbMask = 0x00FFFFFFu;

std::uint32_t Pack(Color c) {
  return 0xFF000000u | (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
}

// (s * a + d * (255 - a)) / 255 per channel, rounded; the result is opaque. Red and blue,
// then green, two channels at a time in the 16-bit halves of one word: no half exceeds
// 255 * 255 + 127 + 255, so nothing carries into the other (twice as fast as one channel
// at a time, which matters for a full-screen picture fading in).
inline std::uint32_t Blend(std::uint32_t d, std::uint32_t s, std::uint32_t a) {
  const std::uint32_t na = 255 - a;
  auto divide = [](std::uint32_t v) {  // v / 255 in each half, for v <= 255 * 255 + 127
    return ((v + ((v >> 8) & 0x00FF00FFu) + 0x00010001u) >> 8) & 0x00FF00FFu;
  };
  const std::uint32_t rb = (s & 0x00FF00FFu) * a + (d & 0x00FF00FFu) * na + 0x007F007Fu;
  const std::uint32_t g = ((s >> 8) & 0xFFu) * a + ((d >> 8) & 0xFFu) * na + 0x7Fu;
  return 0xFF000000u | divide(rb) | (divide(g) << 8);
}

// A row of opaque pixels faded by `a` over `out`: a full-screen picture fading in is two
// million of these a frame. Vectorised (GCC does not at -O2): a third of the time.
// GCC vectorises this row only at -O3; clang has no such attribute (and vectorises at -O2).
#if defined(__clang__)
#define KIOSK_VECTORISE
#else
#define KIOSK_VECTORISE [[gnu::optimize("O3")]]
#endif
KIOSK_VECTORISE void BlendRow(std::uint32_t* out, const std::uint32_t* src, int n,
                              std::uint32_t a) {
  for (int i = 0; i < n; ++i) out[i] = Blend(out[i], src[i], a);
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

void DrawPixels(PixelView dst, const std::uint32_t* argb, int width, int height, bool opaque, int x,
                int y, std::uint8_t alpha, Box clip) {
  if (width <= 0 || height <= 0 || alpha == 0) return;
  const Box b = Clipped(dst, Box{x, y, width, height}, clip);
  if (b.w == 0 || b.h == 0) return;
  for (int py = b.y; py < b.y + b.h; ++py) {
    std::uint32_t* out = dst.pixels + static_cast<std::ptrdiff_t>(py) * dst.pitch + b.x;
    const std::uint32_t* src =
        argb + static_cast<std::ptrdiff_t>(py - y) * width + static_cast<std::ptrdiff_t>(b.x - x);
    if (opaque && alpha == 255) {
      std::copy(src, src + b.w, out);
    } else if (opaque) {
      BlendRow(out, src, b.w, alpha);
    } else {
      for (int i = 0; i < b.w; ++i) {
        const std::uint32_t a = ((src[i] >> 24) * alpha + 127) / 255;
        if (a == 0) continue;
        out[i] = a == 255 ? (src[i] | 0xFF000000u) : Blend(out[i], src[i], a);
      }
    }
  }
}

std::vector<std::uint32_t> ScaleDownToFit(const std::uint32_t* src, int width, int height,
                                          int max_w, int max_h, int* out_w, int* out_h) {
  const double scale =
      std::min({1.0, static_cast<double>(max_w) / width, static_cast<double>(max_h) / height});
  const int w = std::max(1, static_cast<int>(width * scale));
  const int h = std::max(1, static_cast<int>(height * scale));
  *out_w = w;
  *out_h = h;
  if (w == width && h == height) {
    return std::vector<std::uint32_t>(src, src + static_cast<std::size_t>(width) * height);
  }
  std::vector<std::uint32_t> out(static_cast<std::size_t>(w) * h);
  for (int oy = 0; oy < h; ++oy) {
    const int y0 = static_cast<int>(static_cast<long long>(oy) * height / h);
    const int y1 = std::max(y0 + 1, static_cast<int>(static_cast<long long>(oy + 1) * height / h));
    for (int ox = 0; ox < w; ++ox) {
      const int x0 = static_cast<int>(static_cast<long long>(ox) * width / w);
      const int x1 = std::max(x0 + 1, static_cast<int>(static_cast<long long>(ox + 1) * width / w));
      // Colours weighted by their alpha, so transparent pixels lend the edge no colour.
      std::uint64_t a = 0, r = 0, g = 0, b = 0;
      for (int sy = y0; sy < y1; ++sy) {
        const std::uint32_t* row = src + static_cast<std::ptrdiff_t>(sy) * width;
        for (int sx = x0; sx < x1; ++sx) {
          const std::uint32_t p = row[sx];
          const std::uint32_t pa = p >> 24;
          a += pa;
          r += ((p >> 16) & 0xFF) * pa;
          g += ((p >> 8) & 0xFF) * pa;
          b += (p & 0xFF) * pa;
        }
      }
      const std::uint64_t n = static_cast<std::uint64_t>(x1 - x0) * (y1 - y0);
      std::uint32_t pixel = 0;
      if (a > 0) {
        pixel = static_cast<std::uint32_t>((a + n / 2) / n) << 24 |
                static_cast<std::uint32_t>((r + a / 2) / a) << 16 |
                static_cast<std::uint32_t>((g + a / 2) / a) << 8 |
                static_cast<std::uint32_t>((b + a / 2) / a);
      }
      out[static_cast<std::size_t>(oy) * w + ox] = pixel;
    }
  }
  return out;
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
