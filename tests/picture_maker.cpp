#include "picture_maker.h"

#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>
#include <webp/encode.h>

namespace kiosk::testing {

namespace {

// Where stored pixel (sx, sy) shows, from the EXIF specification's table of where the
// 0th row and the 0th column go (written independently of the decoder's mapping).
void ShownAt(int orientation, int sx, int sy, int w, int h, int* x, int* y) {
  switch (orientation) {
    case 2:  // row 0 top, column 0 right
      *x = w - 1 - sx, *y = sy;
      break;
    case 3:  // bottom, right
      *x = w - 1 - sx, *y = h - 1 - sy;
      break;
    case 4:  // bottom, left
      *x = sx, *y = h - 1 - sy;
      break;
    case 5:  // row 0 is the left side, column 0 the top
      *x = sy, *y = sx;
      break;
    case 6:  // right, top
      *x = w - 1 - sy, *y = sx;
      break;
    case 7:  // right, bottom
      *x = w - 1 - sy, *y = h - 1 - sx;
      break;
    case 8:  // left, bottom
      *x = sy, *y = h - 1 - sx;
      break;
    default:
      *x = sx, *y = sy;
      break;
  }
}

bool Transposed(int orientation) { return orientation >= 5; }

// The pattern's pixels as stored: w x h shown, turned for the orientation.
std::vector<Rgba> StoredPattern(const PictureSpec& spec, bool alpha, int* stored_w, int* stored_h) {
  *stored_w = Transposed(spec.orientation) ? spec.height : spec.width;
  *stored_h = Transposed(spec.orientation) ? spec.width : spec.height;
  std::vector<Rgba> pixels(static_cast<std::size_t>(*stored_w) *
                           static_cast<std::size_t>(*stored_h));
  for (int sy = 0; sy < *stored_h; ++sy) {
    for (int sx = 0; sx < *stored_w; ++sx) {
      int x = 0;
      int y = 0;
      ShownAt(spec.orientation, sx, sy, spec.width, spec.height, &x, &y);
      Rgba c = PatternAt(x, y, spec.width, spec.height, alpha);
      if (spec.noise > 0) {
        // A hash of the position: the same picture every time, no visible repetition.
        std::uint32_t hash = static_cast<std::uint32_t>(x) * 0x9E3779B1u ^
                             static_cast<std::uint32_t>(y) * 0x85EBCA77u;
        hash ^= hash >> 15;
        hash *= 0x2C1B3C6Du;
        hash ^= hash >> 12;
        auto jitter = [&](std::uint8_t v, int shift) {
          const int d =
              static_cast<int>((hash >> shift) & 0xff) * (2 * spec.noise + 1) / 256 - spec.noise;
          return static_cast<std::uint8_t>(std::clamp(v + d, 0, 255));
        };
        c = {jitter(c.r, 0), jitter(c.g, 8), jitter(c.b, 16), c.a};
      }
      pixels[static_cast<std::size_t>(sy) * *stored_w + sx] = c;
    }
  }
  return pixels;
}

void PutBe32(std::string* bytes, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) (*bytes)[at + i] = static_cast<char>(value >> (24 - 8 * i));
}

std::uint32_t Be32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

void FixCrc(std::string* bytes, std::size_t chunk) {
  const std::uint32_t length = Be32(*bytes, chunk);
  const uLong crc = crc32(0, reinterpret_cast<const Bytef*>(bytes->data() + chunk + 4), length + 4);
  PutBe32(bytes, chunk + 8 + length, static_cast<std::uint32_t>(crc));
}

// The offset of the first chunk of `type`, or npos.
std::size_t FindChunk(const std::string& bytes, const char* type) {
  std::size_t at = 8;
  while (at + 12 <= bytes.size()) {
    if (bytes.compare(at + 4, 4, type) == 0) return at;
    at += 12 + Be32(bytes, at);
  }
  return std::string::npos;
}

void OnPngWrite(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))
      ->append(reinterpret_cast<const char*>(data), length);
}
void OnPngFlush(png_structp) {}

struct PngOut {
  std::jmp_buf jump;
  char message[200] = "";
};
void OnPngError(png_structp png, png_const_charp message) {
  auto* out = static_cast<PngOut*>(png_get_error_ptr(png));
  std::snprintf(out->message, sizeof out->message, "%s", message);
  std::longjmp(out->jump, 1);
}

// No C++ objects with destructors in this frame (libpng longjmps out of it).
bool WritePngRows(PngOut* out, png_structp png, png_infop info, std::string* bytes, int w, int h,
                  int depth, int color_type, bool interlace, png_colorp palette, int palette_size,
                  png_bytep trns, int trns_size, png_bytepp rows) {
  if (setjmp(out->jump) != 0) return false;
  png_set_write_fn(png, bytes, OnPngWrite, OnPngFlush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), depth,
               color_type, interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (palette_size > 0) png_set_PLTE(png, info, palette, palette_size);
  if (trns_size > 0) png_set_tRNS(png, info, trns, trns_size, nullptr);
  png_write_info(png, info);
  png_write_image(png, rows);
  png_write_end(png, info);
  return true;
}

bool MakePng(const PictureSpec& spec, std::string* bytes, std::string* error) {
  const std::string& color = spec.color;
  const bool palette = color == "palette";
  const bool alpha = color == "rgba" || color == "grey-alpha" || palette;
  int color_type = 0;
  int channels = 0;
  if (color == "rgb") {
    color_type = PNG_COLOR_TYPE_RGB, channels = 3;
  } else if (color == "rgba") {
    color_type = PNG_COLOR_TYPE_RGB_ALPHA, channels = 4;
  } else if (color == "grey") {
    color_type = PNG_COLOR_TYPE_GRAY, channels = 1;
  } else if (color == "grey-alpha") {
    color_type = PNG_COLOR_TYPE_GRAY_ALPHA, channels = 2;
  } else if (palette) {
    color_type = PNG_COLOR_TYPE_PALETTE, channels = 1;
  } else {
    *error = "unknown PNG colour type \"" + color + "\" (rgb, rgba, grey, grey-alpha, palette)";
    return false;
  }
  const int depth = spec.depth;
  if (palette ? (depth != 1 && depth != 2 && depth != 4 && depth != 8)
              : (depth != 8 && depth != 16)) {
    *error = "bit depth " + std::to_string(depth) + " not possible for " + color;
    return false;
  }
  if (palette && depth == 1) {
    *error = "the pattern has 4 colours: a palette needs at least 2 bits";
    return false;
  }
  int w = 0;
  int h = 0;
  const std::vector<Rgba> pixels = StoredPattern(spec, alpha, &w, &h);
  // The palette: the pattern's four colours, in the order of PatternAt's quadrants.
  const Rgba quadrant[4] = {PatternAt(0, 0, 2, 2, true), PatternAt(1, 0, 2, 2, true),
                            PatternAt(0, 1, 2, 2, true), PatternAt(1, 1, 2, 2, true)};
  png_color plte[4];
  png_byte trns[4];
  for (int i = 0; i < 4; ++i) {
    plte[i] = {quadrant[i].r, quadrant[i].g, quadrant[i].b};
    trns[i] = quadrant[i].a;
  }
  auto index_of = [&](Rgba c) {
    for (int i = 0; i < 4; ++i) {
      if (quadrant[i].r == c.r && quadrant[i].g == c.g && quadrant[i].b == c.b) return i;
    }
    return 0;
  };
  const std::size_t row_bytes = palette ? (static_cast<std::size_t>(w) * depth + 7) / 8
                                        : static_cast<std::size_t>(w) * channels * (depth / 8);
  std::vector<png_byte> data(row_bytes * static_cast<std::size_t>(h), 0);
  std::vector<png_bytep> rows(static_cast<std::size_t>(h));
  for (int y = 0; y < h; ++y) {
    png_bytep row = data.data() + row_bytes * y;
    rows[static_cast<std::size_t>(y)] = row;
    for (int x = 0; x < w; ++x) {
      const Rgba c = pixels[static_cast<std::size_t>(y) * w + x];
      if (palette) {
        const int bit = x * depth;
        row[bit / 8] = static_cast<png_byte>(row[bit / 8] | index_of(c) << (8 - depth - bit % 8));
        continue;
      }
      const std::uint8_t grey = GreyOf(c);
      std::uint8_t values[4] = {c.r, c.g, c.b, c.a};
      if (channels <= 2) values[0] = grey, values[1] = c.a;
      for (int i = 0; i < channels; ++i) {
        if (depth == 8) {
          row[x * channels + i] = values[i];
        } else {  // 16-bit, big-endian: v * 257 plus a low byte that 8-bit scaling rounds away
          const unsigned v16 = values[i] * 257u;
          row[(x * channels + i) * 2] = static_cast<png_byte>(v16 >> 8);
          row[(x * channels + i) * 2 + 1] = static_cast<png_byte>(v16 & 0xff);
        }
      }
    }
  }
  PngOut out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &out, OnPngError, nullptr);
  png_infop info = png_create_info_struct(png);
  bytes->clear();
  const bool ok = WritePngRows(&out, png, info, bytes, w, h, depth, color_type, spec.interlace,
                               plte, palette ? 4 : 0, trns, palette ? 4 : 0, rows.data());
  png_destroy_write_struct(&png, &info);
  if (!ok) *error = std::string("libpng: ") + out.message;
  return ok;
}

std::string ExifSegment(int orientation, bool big_endian) {
  std::string exif("Exif\0\0", 6);
  auto u16 = [&](unsigned v) {
    if (big_endian) {
      exif += static_cast<char>(v >> 8), exif += static_cast<char>(v & 0xff);
    } else {
      exif += static_cast<char>(v & 0xff), exif += static_cast<char>(v >> 8);
    }
  };
  auto u32 = [&](unsigned v) {
    if (big_endian) {
      u16(v >> 16), u16(v & 0xffff);
    } else {
      u16(v & 0xffff), u16(v >> 16);
    }
  };
  exif += big_endian ? "MM" : "II";
  u16(42);
  u32(8);  // the first IFD right after the header
  u16(2);  // entries: one before the orientation, so the reader has to look for it
  u16(0x010F), u16(2), u32(4), exif += std::string("kio\0", 4);  // Make: "kio"
  u16(0x0112), u16(3), u32(1), u16(static_cast<unsigned>(orientation)), u16(0);
  u32(0);  // no next IFD
  return exif;
}

bool MakeJpeg(const PictureSpec& spec, std::string* bytes, std::string* error) {
  const std::string& kind = spec.jpeg;
  const bool grey = kind == "grey";
  const bool cmyk = kind == "cmyk" || kind == "ycck";
  if (!grey && !cmyk && kind != "baseline" && kind != "progressive") {
    *error = "unknown JPEG kind \"" + kind + "\" (baseline, progressive, grey, cmyk, ycck)";
    return false;
  }
  if (spec.width > 65500 || spec.height > 65500) {
    *error = "a JPEG has at most 65500 pixels per side (--claim writes a larger header)";
    return false;
  }
  int w = 0;
  int h = 0;
  const std::vector<Rgba> pixels = StoredPattern(spec, false, &w, &h);
  jpeg_compress_struct cinfo{};
  jpeg_error_mgr err{};
  cinfo.err = jpeg_std_error(&err);  // a bad parameter exits: fine for a test tool
  jpeg_create_compress(&cinfo);
  unsigned char* out = nullptr;
  unsigned long out_size = 0;
  jpeg_mem_dest(&cinfo, &out, &out_size);
  cinfo.image_width = static_cast<JDIMENSION>(w);
  cinfo.image_height = static_cast<JDIMENSION>(h);
  cinfo.input_components = grey ? 1 : cmyk ? 4 : 3;
  cinfo.in_color_space = grey ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, spec.quality, TRUE);
  // CMYK as Photoshop writes it: with an Adobe marker, and the inks inverted.
  if (cmyk) jpeg_set_colorspace(&cinfo, kind == "ycck" ? JCS_YCCK : JCS_CMYK);
  if (kind == "progressive") jpeg_simple_progression(&cinfo);
  // A valid but extreme scan script: DC first, then every AC coefficient of every
  // component in a scan of its own.
  std::vector<jpeg_scan_info> scans;
  if (spec.many_scans) {
    if (kind != "progressive") {
      *error = "--many-scans is for --jpeg progressive";
      jpeg_destroy_compress(&cinfo);
      return false;
    }
    jpeg_scan_info dc{};
    dc.comps_in_scan = cinfo.num_components;
    for (int c = 0; c < cinfo.num_components; ++c) dc.component_index[c] = c;
    scans.push_back(dc);
    for (int c = 0; c < cinfo.num_components; ++c) {
      for (int k = 1; k < 64; ++k) {
        jpeg_scan_info ac{};
        ac.comps_in_scan = 1;
        ac.component_index[0] = c;
        ac.Ss = k;
        ac.Se = k;
        scans.push_back(ac);
      }
    }
    cinfo.scan_info = scans.data();
    cinfo.num_scans = static_cast<int>(scans.size());
  }
  jpeg_start_compress(&cinfo, TRUE);
  if (spec.orientation != 0) {
    const std::string exif = ExifSegment(spec.orientation, spec.exif_big_endian);
    jpeg_write_marker(&cinfo, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(exif.data()),
                      static_cast<unsigned>(exif.size()));
  }
  std::vector<JSAMPLE> row(static_cast<std::size_t>(w) * 4);
  while (cinfo.next_scanline < cinfo.image_height) {
    const Rgba* src = pixels.data() + static_cast<std::size_t>(cinfo.next_scanline) * w;
    for (int x = 0; x < w; ++x) {
      const Rgba c = src[x];
      if (grey) {
        row[x] = GreyOf(c);
      } else if (cmyk) {
        // Inverted: K' = max(R, G, B), C' = R / K' (so that R = C' * K' / 255).
        const unsigned k = std::max({c.r, c.g, c.b});
        auto ink = [k](unsigned v) {
          return static_cast<JSAMPLE>(k == 0 ? 0 : (v * 255 + k / 2) / k);
        };
        row[x * 4] = ink(c.r), row[x * 4 + 1] = ink(c.g), row[x * 4 + 2] = ink(c.b);
        row[x * 4 + 3] = static_cast<JSAMPLE>(k);
      } else {
        row[x * 3] = c.r, row[x * 3 + 1] = c.g, row[x * 3 + 2] = c.b;
      }
    }
    JSAMPROW rows[1] = {row.data()};
    jpeg_write_scanlines(&cinfo, rows, 1);
  }
  jpeg_finish_compress(&cinfo);
  bytes->assign(reinterpret_cast<const char*>(out), out_size);
  jpeg_destroy_compress(&cinfo);
  std::free(out);
  return true;
}

bool MakeWebp(const PictureSpec& spec, std::string* bytes, std::string* error) {
  const bool lossless = spec.webp == "lossless";
  if (!lossless && spec.webp != "lossy") {
    *error = "unknown WebP kind \"" + spec.webp + "\" (lossy, lossless)";
    return false;
  }
  int w = 0;
  int h = 0;
  const std::vector<Rgba> pixels = StoredPattern(spec, spec.webp_alpha, &w, &h);
  std::uint8_t* out = nullptr;
  const auto* rgba = reinterpret_cast<const std::uint8_t*>(pixels.data());
  static_assert(sizeof(Rgba) == 4);
  const std::size_t size =
      lossless ? WebPEncodeLosslessRGBA(rgba, w, h, w * 4, &out)
               : WebPEncodeRGBA(rgba, w, h, w * 4, static_cast<float>(spec.quality), &out);
  if (size == 0) {
    *error = "libwebp could not encode it";
    return false;
  }
  bytes->assign(reinterpret_cast<const char*>(out), size);
  WebPFree(out);
  return true;
}

bool ClaimSize(const PictureSpec& spec, std::string* bytes, std::string* error) {
  if (spec.type == "png") {
    PutBe32(bytes, 16, static_cast<std::uint32_t>(spec.claim_w));
    PutBe32(bytes, 20, static_cast<std::uint32_t>(spec.claim_h));
    FixCrc(bytes, 8);
    return true;
  }
  if (spec.claim_w > 65535 || spec.claim_h > 65535) {
    *error = "a JPEG header holds at most 65535 pixels per side";
    return false;
  }
  for (std::size_t at = 2; at + 9 < bytes->size();) {
    const auto marker = static_cast<unsigned char>((*bytes)[at + 1]);
    if (marker >= 0xC0 && marker <= 0xC2) {
      (*bytes)[at + 5] = static_cast<char>(spec.claim_h >> 8);
      (*bytes)[at + 6] = static_cast<char>(spec.claim_h & 0xff);
      (*bytes)[at + 7] = static_cast<char>(spec.claim_w >> 8);
      (*bytes)[at + 8] = static_cast<char>(spec.claim_w & 0xff);
      return true;
    }
    at += 2 + (static_cast<unsigned char>((*bytes)[at + 2]) << 8 |
               static_cast<unsigned char>((*bytes)[at + 3]));
  }
  *error = "no SOF marker found";
  return false;
}

// The range of the compressed pixel data: PNG the first IDAT's data, JPEG from after the
// first SOS segment to the end.
bool PixelData(const PictureSpec& spec, const std::string& bytes, std::size_t* begin,
               std::size_t* end) {
  if (spec.type == "png") {
    const std::size_t idat = FindChunk(bytes, "IDAT");
    if (idat == std::string::npos) return false;
    *begin = idat + 8;
    *end = *begin + Be32(bytes, idat);
    return true;
  }
  for (std::size_t at = 2; at + 4 < bytes.size();) {
    const auto marker = static_cast<unsigned char>(bytes[at + 1]);
    const std::size_t length =
        static_cast<unsigned char>(bytes[at + 2]) << 8 | static_cast<unsigned char>(bytes[at + 3]);
    if (marker == 0xDA) {
      *begin = at + 2 + length;
      *end = bytes.size() - 2;  // before EOI
      return *begin < *end;
    }
    at += 2 + length;
  }
  return false;
}

}  // namespace

Rgba PatternAt(int x, int y, int w, int h, bool alpha) {
  const bool right = x >= w / 2;
  const bool bottom = y >= h / 2;
  Rgba c;
  if (!bottom) {
    c = right ? Rgba{30, 200, 60, 255} : Rgba{220, 30, 30, 255};
  } else {
    c = right ? Rgba{240, 220, 40, 255} : Rgba{30, 60, 220, 255};
    if (alpha) c.a = right ? 0 : 128;
  }
  return c;
}

std::uint8_t GreyOf(Rgba c) {
  return static_cast<std::uint8_t>((77 * c.r + 150 * c.g + 29 * c.b + 128) >> 8);
}

bool MakePicture(const PictureSpec& spec, std::string* bytes, std::string* error) {
  if (spec.width <= 0 || spec.height <= 0 || spec.orientation < 0 || spec.orientation > 8) {
    *error = "bad size or orientation";
    return false;
  }
  if (spec.type == "png") {
    if (spec.orientation != 0) {
      *error = "--orientation is for JPEG (EXIF)";
      return false;
    }
    if (!MakePng(spec, bytes, error)) return false;
  } else if (spec.type == "jpeg") {
    if (!MakeJpeg(spec, bytes, error)) return false;
  } else if (spec.type == "webp") {
    if (spec.orientation != 0 || spec.claim_w > 0 || spec.claim_h > 0 || spec.corrupt ||
        spec.bad_crc) {
      *error = "WebP: only --truncate of the damage, and no --orientation";
      return false;
    }
    if (!MakeWebp(spec, bytes, error)) return false;
  } else {
    *error = "unknown type \"" + spec.type + "\" (png, jpeg, webp)";
    return false;
  }
  if ((spec.claim_w > 0 || spec.claim_h > 0) && !ClaimSize(spec, bytes, error)) return false;
  if (spec.corrupt || spec.bad_crc) {
    std::size_t begin = 0;
    std::size_t end = 0;
    if (!PixelData(spec, *bytes, &begin, &end) || end - begin < 4) {
      *error = "no pixel data to damage";
      return false;
    }
    const std::size_t middle = begin + (end - begin) / 2;
    if (spec.bad_crc) (*bytes)[middle] = static_cast<char>((*bytes)[middle] ^ 0x01);
    if (spec.corrupt) {
      // Garbled bytes in the middle; in a JPEG never 0xFF (a marker would end the data
      // cleanly instead of garbling it).
      for (std::size_t at = middle; at < std::min(end, middle + 32); ++at) {
        auto value = static_cast<unsigned char>((*bytes)[at] ^ 0x5A);
        if (spec.type == "jpeg" &&
            (value == 0xFF || static_cast<unsigned char>((*bytes)[at]) == 0xFF ||
             static_cast<unsigned char>((*bytes)[at - 1]) == 0xFF)) {
          continue;
        }
        (*bytes)[at] = static_cast<char>(value);
      }
      if (spec.type == "png") FixCrc(bytes, begin - 8);
    }
  }
  if (spec.truncate >= 0 && static_cast<std::size_t>(spec.truncate) < bytes->size()) {
    bytes->resize(static_cast<std::size_t>(spec.truncate));
  }
  return true;
}

}  // namespace kiosk::testing
