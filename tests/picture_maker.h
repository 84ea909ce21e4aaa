// Test pictures, made by code (no files from elsewhere): PNG and JPEG in every variant the
// decoders handle, and broken ones. Used by the unit tests, by tests/make_picture (for the
// end-to-end tests, the fuzzer's seeds and the benchmarks) and by bench/picture_bench.
//
// The pattern, as the picture shows (after its EXIF orientation is applied): four
// quadrants, red top left, green top right, blue bottom left, yellow bottom right (the
// split at width / 2 and height / 2). Each of the eight orientations puts them somewhere
// else, and a picture scaled or cut wrongly moves the split. With alpha, the top half is
// opaque, the bottom left half transparent and the bottom right fully transparent.
#pragma once

#include <cstdint>
#include <string>

namespace kiosk::testing {

struct PictureSpec {
  std::string type = "png";     // png, jpeg
  int width = 64, height = 48;  // as shown
  // PNG
  std::string color = "rgb";  // rgb, rgba, grey, grey-alpha, palette (with tRNS)
  int depth = 8;              // 8 or 16; palette 1, 2, 4 or 8
  bool interlace = false;     // Adam7
  // JPEG
  std::string jpeg = "baseline";  // baseline, progressive, grey, cmyk, ycck
  bool many_scans = false;        // progressive with each AC coefficient in a scan of its own (190)
  int quality = 92;               // JPEG, lossy WebP
  // WebP
  std::string webp = "lossy";  // lossy, lossless
  bool webp_alpha = false;     // with the alpha pattern
  int orientation = 0;  // 1..8: an EXIF orientation tag (pixels stored turned to match); 0: none
  bool exif_big_endian = false;
  // Photo-like detail for benchmarks: each channel of each pixel moved by up to +-noise
  // (deterministic), so JPEG and PNG compress about as badly as a photo.
  int noise = 0;
  // Damage, applied in this order.
  int claim_w = 0, claim_h = 0;  // the header says this size (PNG: with a valid CRC)
  bool corrupt = false;          // bytes in the middle of the pixel data garbled (PNG: valid CRC)
  bool bad_crc = false;          // PNG: a byte of IDAT changed, its CRC not
  long long truncate = -1;       // only the first N bytes
};

struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

// The pattern's colour at (x, y) of a w x h picture; `alpha`: with the alpha pattern.
Rgba PatternAt(int x, int y, int w, int h, bool alpha);
// The grey a greyscale picture has for a colour (ITU-R BT.601 weights).
std::uint8_t GreyOf(Rgba c);

// The file's bytes, or false with *error (a spec it cannot make).
bool MakePicture(const PictureSpec& spec, std::string* bytes, std::string* error);

}  // namespace kiosk::testing
