// Pictures from files: reading a PNG, JPEG or WebP header, and decoding straight to the size
// a slide shows it at, with an area filter, without ever holding the full-size picture when
// the format allows less (JPEG's DCT scaling, PNG row by row). Pure apart from the bytes it
// is handed: no files, no SDL. Every byte is untrusted: sizes are checked before anything is
// allocated, and a corrupt stream is an error, never a crash or a hang.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout_types.h"

namespace kiosk {

enum class PictureFormat { kPng, kJpeg, kWebp };

struct PictureInfo {
  PictureFormat format = PictureFormat::kPng;
  int width = 0, height = 0;  // as shown: after the EXIF orientation is applied
  int orientation = 1;        // EXIF 1..8 (1: as stored)
  // Human-readable, for --check: "JPEG 4000x3000, progressive, CMYK", "PNG 800x600, 16-bit,
  // interlaced".
  std::string description;
  // Held whole while decoding, whatever the size it is scaled to: an interlaced PNG (its
  // pixels) or a progressive JPEG (its DCT coefficients); 0 when it is decoded row by row.
  std::size_t whole_bytes = 0;
};

// Pixels 0xAARRGGBB with straight (not premultiplied) alpha, rows packed: width * height.
struct Picture {
  int width = 0, height = 0;
  std::vector<std::uint32_t> argb;
  bool opaque = true;  // every alpha is 255 (drawing can copy instead of blend)
  std::size_t bytes() const { return argb.size() * sizeof(std::uint32_t); }
  bool empty() const { return width <= 0 || height <= 0; }
};

// All functions here are pure and reentrant (no global state): pictures may be decoded on
// any thread, several at once. The format is told by the bytes, never by the file name.
// Errors are short reasons without the file name, for "FILE: error: REASON" (the caller
// adds it): "empty file (0 bytes)", "file too large (over 32 MiB)", "not a PNG, JPEG or
// WebP picture", "100000x100000 pixels, over the limit of 20000 pixels per side",
// "cut short (the file ends inside the picture)", "broken PNG data (LIBPNG'S REASON)",
// "broken JPEG data (LIBJPEG'S REASON)", "an animated WebP (...)", "needs 70 MiB to
// decode, over the limit of 64 MiB (...)". They hold no bytes of the file.

// Reads only the header (and the EXIF orientation), allocating nothing for pixels: cheap
// enough for --check and for every reload. False with *error.
bool ProbePicture(std::string_view bytes, PictureInfo* info, std::string* error);

// Decodes `bytes`, oriented, scaled to exactly scaled_w x scaled_h (the caller keeps the aspect
// ratio; see PlacePicture), and returns only the part `crop` of that (crop lies within
// 0,0,scaled_w,scaled_h): a cover fit never holds the pixels it cuts away. Shrinking is an
// area average and enlarging bilinear, both on premultiplied alpha. Nothing (with *error)
// when the picture is broken, over the limits (config.h: kMaxPictureBytes, kMaxPictureSide,
// kMaxPicturePixels, kMaxDecodeBytes), or crop is not inside the scaled size. Takes about
// 80 ms of CPU for a 12-megapixel baseline JPEG to 1920x1080 (bench/picture_bench).
std::optional<Picture> DecodePicture(std::string_view bytes, int scaled_w, int scaled_h, Box crop,
                                     std::string* error);

// The most memory DecodePicture needs at once for this picture at that size, in bytes: the
// result (counted as the whole scaled_w x scaled_h; a crop needs less) plus the decoder's
// working memory, not counting `bytes` themselves. For --check. DecodePicture refuses a
// picture whose working memory (this minus the result) is over config::kMaxDecodeBytes.
std::size_t DecodeMemory(const PictureInfo& info, int scaled_w, int scaled_h);

// Where a w x h picture goes in `box`. contain (cover == false): scaled to fit inside the box,
// centred (a small picture is enlarged to fit, too). cover: scaled to fill the box, the part
// outside cut away so that the focal point (focus_x, focus_y in 0..1 of the picture; out of
// range is clamped) stays as near the box's centre as the picture allows. w x h are the
// shown (oriented) size, PictureInfo's width and height. An empty box or picture: all zero.
struct Placement {
  int scaled_w = 0, scaled_h = 0;  // the whole picture's size after scaling
  Box crop;                        // the part of the scaled picture that shows
  Box dst;  // where that part goes on screen (dst.w == crop.w, dst.h == crop.h)
  bool operator==(const Placement&) const = default;
};
Placement PlacePicture(int w, int h, Box box, bool cover, double focus_x = 0.5,
                       double focus_y = 0.5);

}  // namespace kiosk
