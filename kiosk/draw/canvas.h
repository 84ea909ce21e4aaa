// Drawing into 32-bit pixels in memory, for screens without a GPU: SDL's software
// renderer blends a faded texture through a generic per-pixel path (three divisions per
// channel, no skipping of empty pixels), about 15 ms per 1920x1080 crossfade frame here.
// Text kept as 8-bit coverage is also a quarter of the memory of ARGB textures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "color.h"
#include "layout_types.h"

namespace kiosk {

// Pixels 0xAARRGGBB (SDL's ARGB8888 and XRGB8888), rows `pitch` pixels apart.
struct PixelView {
  std::uint32_t* pixels = nullptr;
  int width = 0, height = 0;
  int pitch = 0;  // in pixels
};

// Anti-aliased text ready to draw: one colour with 8-bit coverage, or (a line with
// colour emoji) ARGB with straight alpha.
struct TextImage {
  int width = 0, height = 0;
  Color color;                         // the colour of `coverage` (its alpha is ignored)
  std::vector<std::uint8_t> coverage;  // width * height, or empty when `argb` is used
  std::vector<std::uint32_t> argb;     // width * height, or empty
  bool empty() const { return width <= 0 || height <= 0; }
  std::size_t bytes() const { return coverage.size() + argb.size() * 4; }
};

// The rows [*first, *end) of ARGB pixels that have ink (alpha above 0): a line of text is
// as high as the font's whole line, but most lines leave rows above the capitals and
// below the baseline empty. *first == *end when nothing is inked.
void InkedRows(const std::uint32_t* pixels, int width, int height, int pitch, int* first, int* end);

// From ARGB pixels with straight alpha (SDL_ttf's blended text), keeping only the rows
// that have ink: *first_row says how many were dropped at the top. Coverage only if
// every pixel with ink has `color`'s RGB. An image with no ink at all is empty.
TextImage MakeTextImage(const std::uint32_t* pixels, int width, int height, int pitch, Color color,
                        int* first_row);

// `rect` within `clip` in `color`: replaced when color.a is 255, else blended over.
void FillRect(PixelView dst, Box rect, Color color, Box clip);
// `image` with its top left at (x, y), faded by `alpha`, within `clip`.
void DrawImage(PixelView dst, const TextImage& image, int x, int y, std::uint8_t alpha, Box clip);
// `argb` (width x height, straight alpha, rows packed) with its top left at (x, y), faded
// by `alpha`, within `clip`. `opaque`: every pixel's alpha is 255 (rows are copied when
// not faded).
void DrawPixels(PixelView dst, const std::uint32_t* argb, int width, int height, bool opaque, int x,
                int y, std::uint8_t alpha, Box clip);
// `src` (width x height, rows packed) scaled down to fit within max_w x max_h, keeping its
// aspect ratio, by averaging the source pixels each output pixel covers (an area filter).
// Sizes that fit are copied as they are. *out_w, *out_h: the new size.
std::vector<std::uint32_t> ScaleDownToFit(const std::uint32_t* src, int width, int height,
                                          int max_w, int max_h, int* out_w, int* out_h);
// Copies `src` into `dst` turned clockwise by `degrees` (0, 90, 180 or 270): `dst` is
// `src`'s size, width and height swapped at 90 and 270.
void Rotate(const PixelView& src, PixelView dst, int degrees);

}  // namespace kiosk
