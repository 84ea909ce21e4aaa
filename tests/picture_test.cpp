#include "picture.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "config.h"
#include "decoders.h"
#include "picture_maker.h"

using kiosk::Box;
using kiosk::DecodePicture;
using kiosk::Picture;
using kiosk::PictureInfo;
using kiosk::PlacePicture;
using kiosk::ProbePicture;
using kiosk::testing::PatternAt;
using kiosk::testing::PictureSpec;
using kiosk::testing::Rgba;

namespace {

std::string Make(const PictureSpec& spec) {
  std::string bytes;
  std::string error;
  REQUIRE_MESSAGE(kiosk::testing::MakePicture(spec, &bytes, &error), error);
  return bytes;
}

PictureSpec Png(const std::string& color, int depth = 8, bool interlace = false) {
  PictureSpec spec;
  spec.color = color;
  spec.depth = depth;
  spec.interlace = interlace;
  return spec;
}

PictureSpec Jpeg(const std::string& kind, int orientation = 0) {
  PictureSpec spec;
  spec.type = "jpeg";
  spec.jpeg = kind;
  spec.orientation = orientation;
  return spec;
}

// The whole picture scaled to w x h.
Picture Decode(const std::string& bytes, int w, int h) {
  std::string error;
  std::optional<Picture> picture = DecodePicture(bytes, w, h, {0, 0, w, h}, &error);
  REQUIRE_MESSAGE(picture.has_value(), error);
  REQUIRE(picture->width == w);
  REQUIRE(picture->height == h);
  REQUIRE(picture->argb.size() == static_cast<std::size_t>(w) * h);
  return *picture;
}

Rgba At(const Picture& picture, int x, int y) {
  const std::uint32_t p = picture.argb[static_cast<std::size_t>(y) * picture.width + x];
  return {static_cast<std::uint8_t>(p >> 16), static_cast<std::uint8_t>(p >> 8),
          static_cast<std::uint8_t>(p), static_cast<std::uint8_t>(p >> 24)};
}

std::string Text(Rgba c) {
  return "(" + std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," +
         std::to_string(c.a) + ")";
}

bool Near(Rgba got, Rgba want, int tolerance) {
  auto near = [tolerance](int a, int b) { return std::abs(a - b) <= tolerance; };
  if (!near(got.a, want.a)) return false;
  if (want.a == 0) return true;  // a transparent pixel's colour does not matter
  return near(got.r, want.r) && near(got.g, want.g) && near(got.b, want.b);
}

Rgba GreyPattern(Rgba c) {
  const std::uint8_t grey = kiosk::testing::GreyOf(c);
  return {grey, grey, grey, c.a};
}

// Every pixel at least `margin` pixels away from the quadrants' split has the pattern's
// colour (pixel centres compared, in the picture's own size).
void CheckPattern(const Picture& picture, bool alpha, bool grey, int tolerance, int margin = 2) {
  const int w = picture.width;
  const int h = picture.height;
  int wrong = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (std::abs(2 * x + 1 - w) < 2 * margin || std::abs(2 * y + 1 - h) < 2 * margin) continue;
      Rgba want = PatternAt(x, y, w, h, alpha);
      if (grey) want = GreyPattern(want);
      const Rgba got = At(picture, x, y);
      if (!Near(got, want, tolerance) && wrong++ < 3) {
        CHECK_MESSAGE(false,
                      "at " << x << "," << y << " got " << Text(got) << " want " << Text(want));
      }
    }
  }
  CHECK(wrong == 0);
}

std::string Probe(const std::string& bytes, PictureInfo* info) {
  std::string error;
  if (!ProbePicture(bytes, info, &error)) return "error: " + error;
  return info->description;
}

// Probe and decode both fail, with a message; returns the decoder's.
std::string Fails(const std::string& bytes) {
  PictureInfo info;
  std::string probe_error;
  const bool probed = ProbePicture(bytes, &info, &probe_error);
  std::string error;
  const std::optional<Picture> picture = DecodePicture(bytes, 32, 24, {0, 0, 32, 24}, &error);
  CHECK_FALSE(picture.has_value());
  CHECK_FALSE(error.empty());
  if (!probed) CHECK_FALSE(probe_error.empty());
  return error;
}

}  // namespace

TEST_CASE("picture: every PNG variant decodes to the pattern, at its size and scaled down") {
  struct Case {
    const char* color;
    int depth;
    bool interlace;
    const char* description;
  };
  const Case cases[] = {
      {"rgb", 8, false, "PNG 64x48"},
      {"rgb", 16, false, "PNG 64x48, 16-bit"},
      {"rgba", 8, false, "PNG 64x48, with alpha"},
      {"rgba", 16, false, "PNG 64x48, 16-bit, with alpha"},
      {"grey", 8, false, "PNG 64x48, grey"},
      {"grey", 16, false, "PNG 64x48, 16-bit, grey"},
      {"grey-alpha", 8, false, "PNG 64x48, grey with alpha"},
      {"grey-alpha", 16, false, "PNG 64x48, 16-bit, grey with alpha"},
      {"palette", 8, false, "PNG 64x48, palette, transparent colour"},
      {"palette", 2, false, "PNG 64x48, palette, transparent colour"},
      {"palette", 4, true, "PNG 64x48, palette, transparent colour, interlaced"},
      {"rgb", 8, true, "PNG 64x48, interlaced"},
      {"rgba", 16, true, "PNG 64x48, 16-bit, with alpha, interlaced"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.color);
    CAPTURE(c.depth);
    CAPTURE(c.interlace);
    const std::string bytes = Make(Png(c.color, c.depth, c.interlace));
    PictureInfo info;
    CHECK(Probe(bytes, &info) == c.description);
    CHECK(info.width == 64);
    CHECK(info.height == 48);
    CHECK(info.format == kiosk::PictureFormat::kPng);
    CHECK((info.whole_bytes > 0) == c.interlace);
    const std::string color = c.color;
    const bool alpha = color == "rgba" || color == "grey-alpha" || color == "palette";
    const bool grey = color == "grey" || color == "grey-alpha";
    const Picture full = Decode(bytes, 64, 48);
    CheckPattern(full, alpha, grey, 0, 0);
    CHECK(full.opaque == !alpha);
    CheckPattern(Decode(bytes, 32, 24), alpha, grey, 1, 1);
    CheckPattern(Decode(bytes, 13, 7), alpha, grey, 1, 1);
  }
}

TEST_CASE("picture: every JPEG variant decodes to the pattern, at its size and scaled down") {
  struct Case {
    const char* kind;
    const char* description;
  };
  const Case cases[] = {
      {"baseline", "JPEG 64x48, baseline"},        {"progressive", "JPEG 64x48, progressive"},
      {"grey", "JPEG 64x48, baseline, greyscale"}, {"cmyk", "JPEG 64x48, baseline, CMYK"},
      {"ycck", "JPEG 64x48, baseline, YCCK"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.kind);
    const std::string bytes = Make(Jpeg(c.kind));
    PictureInfo info;
    CHECK(Probe(bytes, &info) == c.description);
    CHECK(info.format == kiosk::PictureFormat::kJpeg);
    CHECK((info.whole_bytes > 0) == (std::string(c.kind) == "progressive"));
    const bool grey = std::string(c.kind) == "grey";
    // JPEG is lossy and subsamples colour: near the split the colours run into each other.
    const Picture full = Decode(bytes, 64, 48);
    CHECK(full.opaque);
    CheckPattern(full, false, grey, 12, 4);
    CheckPattern(Decode(bytes, 32, 24), false, grey, 12, 3);
    CheckPattern(Decode(bytes, 8, 6), false, grey, 12, 1);
  }
}

TEST_CASE("picture: WebP, lossy and lossless, with and without alpha, decodes to the pattern") {
  struct Case {
    const char* kind;
    bool alpha;
    const char* description;
    int tolerance;
  };
  const Case cases[] = {
      {"lossy", false, "WebP 64x48, lossy", 16},
      {"lossy", true, "WebP 64x48, lossy, with alpha", 16},
      {"lossless", false, "WebP 64x48, lossless", 0},
      {"lossless", true, "WebP 64x48, lossless, with alpha", 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.kind);
    CAPTURE(c.alpha);
    PictureSpec spec;
    spec.type = "webp";
    spec.webp = c.kind;
    spec.webp_alpha = c.alpha;
    const std::string bytes = Make(spec);
    PictureInfo info;
    CHECK(Probe(bytes, &info) == c.description);
    CHECK(info.format == kiosk::PictureFormat::kWebp);
    const Picture full = Decode(bytes, 64, 48);
    CHECK(full.opaque == !c.alpha);
    CheckPattern(full, c.alpha, false, c.tolerance, 4);
    CheckPattern(Decode(bytes, 32, 24), c.alpha, false, c.tolerance + 2, 2);
    // A part, as a cover fit cuts it.
    std::string error;
    const std::optional<Picture> part = DecodePicture(bytes, 64, 48, {40, 30, 20, 10}, &error);
    REQUIRE_MESSAGE(part.has_value(), error);
    CHECK(Near(At(*part, 19, 9), At(full, 59, 39), 0));
    // Cut short.
    CHECK(Fails(bytes.substr(0, bytes.size() / 2)) != "");
  }
}

TEST_CASE("picture: EXIF orientation 1..8 shows the pattern upright, oriented sizes reported") {
  for (int orientation = 1; orientation <= 8; ++orientation) {
    for (const bool big_endian : {false, true}) {
      CAPTURE(orientation);
      CAPTURE(big_endian);
      PictureSpec spec = Jpeg("baseline", orientation);
      spec.exif_big_endian = big_endian;
      const std::string bytes = Make(spec);
      PictureInfo info;
      std::string error;
      REQUIRE(ProbePicture(bytes, &info, &error));
      CHECK(info.width == 64);
      CHECK(info.height == 48);
      CHECK(info.orientation == orientation);
      CheckPattern(Decode(bytes, 64, 48), false, false, 12, 4);
      CheckPattern(Decode(bytes, 16, 12), false, false, 12, 1);
      // A part of it (as a cover fit cuts): the same pixels as the whole picture there.
      const Picture whole = Decode(bytes, 48, 36);
      const Box crop{5, 3, 30, 20};
      std::optional<Picture> part = DecodePicture(bytes, 48, 36, crop, &error);
      REQUIRE_MESSAGE(part.has_value(), error);
      REQUIRE(part->width == crop.w);
      REQUIRE(part->height == crop.h);
      int different = 0;
      for (int y = 0; y < crop.h; ++y) {
        for (int x = 0; x < crop.w; ++x) {
          if (!Near(At(*part, x, y), At(whole, crop.x + x, crop.y + y), 0)) ++different;
        }
      }
      CHECK(different == 0);
    }
  }
}

TEST_CASE("picture: a part (a cover fit's crop) has the pixels of the whole picture there") {
  // Rows skipped above the part and columns left out beside it, at a DCT scaling.
  for (const char* kind : {"baseline", "progressive", "grey", "cmyk"}) {
    for (const int scaled_w : {150, 400, 500}) {
      CAPTURE(kind);
      CAPTURE(scaled_w);
      PictureSpec spec = Jpeg(kind);
      spec.width = 400;
      spec.height = 300;
      spec.noise = 30;
      const std::string bytes = Make(spec);
      const int scaled_h = scaled_w * 3 / 4;
      const Picture whole = Decode(bytes, scaled_w, scaled_h);
      const Box crop{scaled_w / 3, scaled_h / 5, scaled_w / 2, scaled_h / 2};
      std::string error;
      const std::optional<Picture> part = DecodePicture(bytes, scaled_w, scaled_h, crop, &error);
      REQUIRE_MESSAGE(part.has_value(), error);
      int worst = 0;
      for (int y = 0; y < crop.h; ++y) {
        for (int x = 0; x < crop.w; ++x) {
          const Rgba a = At(*part, x, y);
          const Rgba b = At(whole, crop.x + x, crop.y + y);
          worst = std::max({worst, std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
        }
      }
      CHECK(worst == 0);
    }
  }
}

TEST_CASE("picture: a JPEG decodes at the smallest DCT scaling that covers the size asked for") {
  struct Case {
    int w, h, scaled_w, scaled_h, decode_w, decode_h;
  };
  const Case cases[] = {
      {4000, 3000, 1920, 1440, 2000, 1500},  // cover 1920x1080: 1/2
      {4000, 3000, 1440, 1080, 1500, 1125},  // contain 1920x1080: 3/8
      {4000, 3000, 500, 375, 500, 375},      // 1/8
      {4000, 3000, 501, 375, 1000, 750},     // just over 1/8: 2/8
      {6000, 4000, 1620, 1080, 2250, 1500},  // 24 megapixels for 1080p: 3/8
      {6000, 4000, 3840, 2560, 4500, 3000},  // 4K: 6/8
      {640, 480, 1920, 1440, 640, 480},      // enlarged: decoded whole, never more
  };
  for (const Case& c : cases) {
    CAPTURE(c.w);
    CAPTURE(c.scaled_w);
    int dw = 0;
    int dh = 0;
    kiosk::image::JpegDecodeSize(c.w, c.h, c.scaled_w, c.scaled_h, &dw, &dh);
    CHECK(dw == c.decode_w);
    CHECK(dh == c.decode_h);
  }
}

TEST_CASE("picture: shrinking averages areas on premultiplied alpha, without fringes") {
  // 64 wide to 9: output pixel 4 covers source 28.4..35.6, half each side of the split at 32.
  const Picture opaque = Decode(Make(Png("rgb")), 9, 9);
  const Rgba red = PatternAt(0, 0, 2, 2, false);
  const Rgba green = PatternAt(1, 0, 2, 2, false);
  const Rgba top_mid = At(opaque, 4, 1);
  CHECK_MESSAGE(Near(top_mid,
                     {static_cast<std::uint8_t>((red.r + green.r + 1) / 2),
                      static_cast<std::uint8_t>((red.g + green.g + 1) / 2),
                      static_cast<std::uint8_t>((red.b + green.b + 1) / 2), 255},
                     1),
                Text(top_mid));
  // Bottom: blue at alpha 128 beside fully transparent yellow: half the alpha, and still
  // blue (a filter on straight alpha would mix in the invisible yellow).
  const Picture alpha = Decode(Make(Png("rgba")), 9, 9);
  const Rgba bottom_mid = At(alpha, 4, 7);
  const Rgba blue = PatternAt(0, 1, 2, 2, false);
  CHECK_MESSAGE(Near(bottom_mid, {blue.r, blue.g, blue.b, 64}, 2), Text(bottom_mid));
  CHECK(At(alpha, 8, 8).a == 0);
  CHECK_FALSE(alpha.opaque);
}

TEST_CASE("picture: enlarging a small picture is bilinear: corners kept, a blend between") {
  PictureSpec spec = Png("rgb");
  spec.width = 4;
  spec.height = 2;
  const Picture big = Decode(Make(spec), 40, 20);
  CHECK(Near(At(big, 0, 0), PatternAt(0, 0, 2, 2, false), 0));
  CHECK(Near(At(big, 39, 0), PatternAt(1, 0, 2, 2, false), 0));
  CHECK(Near(At(big, 0, 19), PatternAt(0, 1, 2, 2, false), 0));
  CHECK(Near(At(big, 39, 19), PatternAt(1, 1, 2, 2, false), 0));
  // Across the split the colour changes smoothly: red falls step by step.
  int previous = 256;
  for (int x = 10; x < 30; ++x) {
    const int r = At(big, x, 2).r;
    CHECK(r <= previous);
    previous = r;
  }
  CHECK(At(big, 15, 2).r < 220);
  CHECK(At(big, 15, 2).r > 30);
}

TEST_CASE("picture: PlacePicture contains, covers, keeps the focal point in view") {
  using kiosk::Placement;
  const Box screen{0, 0, 1920, 1080};
  SUBCASE("contain: letterboxed and pillarboxed, centred") {
    CHECK(PlacePicture(4000, 3000, screen, false) ==
          Placement{1440, 1080, {0, 0, 1440, 1080}, {240, 0, 1440, 1080}});
    CHECK(PlacePicture(3000, 1000, screen, false) ==
          Placement{1920, 640, {0, 0, 1920, 640}, {0, 220, 1920, 640}});
    CHECK(PlacePicture(100, 50, {10, 20, 400, 400}, false) ==
          Placement{400, 200, {0, 0, 400, 200}, {10, 120, 400, 200}});
    // A hair-thin picture keeps at least a pixel.
    CHECK(PlacePicture(10000, 1, {0, 0, 100, 100}, false).scaled_h == 1);
  }
  SUBCASE("cover: fills the box, the centre by default") {
    CHECK(PlacePicture(4000, 3000, screen, true) ==
          Placement{1920, 1440, {0, 180, 1920, 1080}, screen});
    CHECK(PlacePicture(1000, 2000, {100, 100, 300, 300}, true) ==
          Placement{300, 600, {0, 150, 300, 300}, {100, 100, 300, 300}});
  }
  SUBCASE("cover: the focal point as near the centre as the edges allow") {
    CHECK(PlacePicture(4000, 3000, screen, true, 0.5, 0.0).crop == Box{0, 0, 1920, 1080});
    CHECK(PlacePicture(4000, 3000, screen, true, 0.5, 1.0).crop == Box{0, 360, 1920, 1080});
    CHECK(PlacePicture(4000, 3000, screen, true, 0.5, 0.4).crop == Box{0, 36, 1920, 1080});
    CHECK(PlacePicture(1000, 3000, {0, 0, 500, 500}, true, 0.9, 0.25).crop ==
          Box{0, 125, 500, 500});
    CHECK(PlacePicture(3000, 1000, {0, 0, 500, 500}, true, 0.9, 0.5).crop ==
          Box{1000, 0, 500, 500});
    CHECK(PlacePicture(3000, 1000, {0, 0, 500, 500}, true, -3, 0.5).crop == Box{0, 0, 500, 500});
  }
  SUBCASE("nothing to place") {
    CHECK(PlacePicture(0, 10, screen, false) == Placement{});
    CHECK(PlacePicture(10, 10, {0, 0, 0, 10}, true) == Placement{});
  }
}

TEST_CASE("picture: DecodeMemory counts the result, the rows, and what is held whole") {
  PictureInfo baseline;
  baseline.format = kiosk::PictureFormat::kJpeg;
  baseline.width = 4000;
  baseline.height = 3000;
  const std::size_t result = 1920u * 1440 * 4;
  const std::size_t rows = kiosk::DecodeMemory(baseline, 1920, 1440);
  CHECK(rows > result);
  CHECK(rows < result + 4 * 1024 * 1024);
  PictureInfo progressive = baseline;
  progressive.whole_bytes = 36'000'000;
  CHECK(kiosk::DecodeMemory(progressive, 1920, 1440) == rows + 36'000'000);
  // Turned: the same (the scaler writes the rows turned, no copy).
  PictureInfo turned = baseline;
  turned.orientation = 6;
  turned.width = 3000;
  turned.height = 4000;
  CHECK(kiosk::DecodeMemory(turned, 1440, 1920) == rows);
  // A portrait phone photo covering a 4K screen: within the limit besides its result.
  const std::size_t cover_4k = 3840u * 5120 * 4;
  CHECK(kiosk::DecodeMemory(turned, 3840, 5120) - cover_4k <=
        static_cast<std::size_t>(kiosk::config::kMaxDecodeBytes));
}

TEST_CASE("picture: an interlaced PNG too large to hold whole is refused, not decoded") {
  // 64x48 interlaced, its header claiming 8000x6000: 192 MB held whole.
  PictureSpec spec = Png("rgb", 8, true);
  spec.claim_w = 8000;
  spec.claim_h = 6000;
  const std::string bytes = Make(spec);
  PictureInfo info;
  std::string error;
  REQUIRE(ProbePicture(bytes, &info, &error));
  CHECK(info.whole_bytes == 8000u * 6000 * 4);
  CHECK(kiosk::DecodeMemory(info, 1920, 1440) >
        static_cast<std::size_t>(kiosk::config::kMaxDecodeBytes));
  CHECK_FALSE(DecodePicture(bytes, 1920, 1440, {0, 0, 1920, 1440}, &error));
  CHECK(error ==
        "needs 184 MiB to decode, over the limit of 64 MiB (an interlaced PNG is decoded whole: "
        "save it without interlacing)");
}

TEST_CASE("picture: bad input is a clear error, never a crash") {
  SUBCASE("empty") { CHECK(Fails("") == "empty file (0 bytes)"); }
  SUBCASE("text called .png") {
    CHECK(Fails("{\"slides\": []}\n") == "not a PNG, JPEG or WebP picture");
  }
  SUBCASE("a PNG header claiming 100000x100000") {
    PictureSpec spec = Png("rgb");
    spec.claim_w = 100000;
    spec.claim_h = 100000;
    CHECK(Fails(Make(spec)) == "100000x100000 pixels, over the limit of 20000 pixels per side");
    spec.claim_w = 10000;
    spec.claim_h = 10000;
    CHECK(Fails(Make(spec)) == "10000x10000 pixels, over the limit of 50 megapixels");
  }
  SUBCASE("a JPEG header claiming 65535x65535 (the most a JPEG can)") {
    PictureSpec spec = Jpeg("baseline");
    spec.claim_w = 65535;
    spec.claim_h = 65535;
    CHECK(Fails(Make(spec)) == "65535x65535 pixels, over the limit of 20000 pixels per side");
  }
  SUBCASE("a header claiming a size the data does not have") {
    PictureSpec png = Png("rgb");
    png.claim_w = 640;
    png.claim_h = 480;
    CHECK(Fails(Make(png)).starts_with("broken PNG data ("));
    PictureSpec jpeg = Jpeg("baseline");
    jpeg.claim_w = 640;
    jpeg.claim_h = 480;
    CHECK(Fails(Make(jpeg)).starts_with("broken JPEG data ("));
  }
  SUBCASE("PNG cut short anywhere") {
    const std::string whole = Make(Png("rgba"));
    for (std::size_t n : {std::size_t{1}, std::size_t{8}, std::size_t{20}, std::size_t{40},
                          whole.size() / 2, whole.size() - 13}) {
      CAPTURE(n);
      const std::string error = Fails(whole.substr(0, n));
      if (n >= 33) CHECK(error == "cut short (the file ends inside the picture)");
    }
  }
  SUBCASE("JPEG cut short anywhere") {
    for (const char* kind : {"baseline", "progressive"}) {
      const std::string whole = Make(Jpeg(kind));
      for (std::size_t n :
           {std::size_t{2}, std::size_t{3}, std::size_t{100}, whole.size() / 2, whole.size() - 3}) {
        CAPTURE(kind);
        CAPTURE(n);
        const std::string error = Fails(whole.substr(0, n));
        if (n > 3) CHECK(error == "cut short (the file ends inside the picture)");
      }
    }
  }
  SUBCASE("PNG corrupt mid-way: the zlib stream, or a CRC") {
    PictureSpec spec = Png("rgb");
    spec.width = 256;
    spec.height = 256;
    spec.corrupt = true;
    CHECK(Fails(Make(spec)).starts_with("broken PNG data ("));
    spec.corrupt = false;
    spec.bad_crc = true;
    // zlib's own check (adler32) at the end of the stream comes before the chunk's CRC.
    CHECK(Fails(Make(spec)).starts_with("broken PNG data (IDAT: "));
  }
  SUBCASE("JPEG corrupt mid-way") {
    for (const char* kind : {"baseline", "progressive"}) {
      CAPTURE(kind);
      PictureSpec spec = Jpeg(kind);
      spec.width = 256;
      spec.height = 256;
      spec.corrupt = true;
      // Baseline: libjpeg's warning "Corrupt JPEG data: premature end of data segment";
      // progressive: the garbage lands in a later scan's header.
      CHECK(Fails(Make(spec)).starts_with("broken JPEG data ("));
    }
  }
  SUBCASE("a progressive JPEG of too many scans") {
    PictureSpec spec = Jpeg("progressive");
    spec.many_scans = true;
    CHECK(Fails(Make(spec)) ==
          "a progressive JPEG of more than 100 scans (real ones have about 10)");
  }
  SUBCASE("random bytes, alone and behind each signature") {
    std::mt19937 random(12);
    const std::string signatures[] = {"", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff",
                                      "RIFF\x10\0\0\0WEBP"};
    for (int round = 0; round < 200; ++round) {
      std::string bytes = signatures[round % 4];
      const int n = static_cast<int>(random() % 2000);
      for (int i = 0; i < n; ++i) bytes += static_cast<char>(random());
      Fails(bytes);
    }
  }
}

TEST_CASE("picture: the EXIF reader takes the orientation tag and nothing malformed") {
  using kiosk::image::ExifOrientation;
  const std::string header("Exif\0\0", 6);
  // Little-endian, one entry: the orientation 6.
  const std::string le =
      header + std::string("II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0", 22);
  CHECK(ExifOrientation(le) == 6);
  const std::string be =
      header + std::string("MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x08\0\0", 22);
  CHECK(ExifOrientation(be) == 8);
  CHECK(ExifOrientation("") == 1);
  CHECK(ExifOrientation(header) == 1);
  CHECK(ExifOrientation(le.substr(0, le.size() - 4)) == 1);  // the entry cut short
  std::string out_of_range = le;
  out_of_range[6 + 18] = 9;
  CHECK(ExifOrientation(out_of_range) == 1);
  std::string far_ifd = le;
  far_ifd[6 + 4] = '\x7f';  // the IFD past the end
  CHECK(ExifOrientation(far_ifd) == 1);
  std::string many = le;
  many[6 + 8] = '\xff';  // 255 entries claimed, one there
  CHECK(ExifOrientation(many) == 6);
}
