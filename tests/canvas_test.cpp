#include "canvas.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

using kiosk::Box;
using kiosk::Color;
using kiosk::PixelView;
using kiosk::TextImage;

namespace {

struct Pixels {
  Pixels(int w, int h, std::uint32_t fill) : data(static_cast<std::size_t>(w) * h, fill) {
    view = PixelView{data.data(), w, h, w};
  }
  std::uint32_t at(int x, int y) const {
    return data[static_cast<std::size_t>(y) * view.pitch + x];
  }
  std::vector<std::uint32_t> data;
  PixelView view;
};

constexpr Box kAll{0, 0, 1000, 1000};

TextImage Coverage(int w, int h, std::vector<std::uint8_t> cov, Color c) {
  TextImage image;
  image.width = w;
  image.height = h;
  image.color = c;
  image.coverage = std::move(cov);
  return image;
}

}  // namespace

TEST_CASE("canvas: blending is (s*a + d*(255-a)) / 255, rounded, for every a and value") {
  // One red pixel drawn with every coverage over every background value.
  for (int d = 0; d < 256; d += 5) {
    for (int a = 0; a < 256; ++a) {
      Pixels p(1, 1, 0xFF000000u | static_cast<std::uint32_t>(d) << 16);
      kiosk::DrawImage(p.view, Coverage(1, 1, {static_cast<std::uint8_t>(a)}, Color{255, 0, 0}), 0,
                       0, 255, kAll);
      const int expected = a == 0 ? d : (255 * a + d * (255 - a) + 127) / 255;
      REQUIRE(static_cast<int>((p.at(0, 0) >> 16) & 0xFF) == expected);
    }
  }
}

TEST_CASE("canvas: MakeTextImage keeps the inked rows, as coverage when it is one colour") {
  const std::uint32_t ink = 0x80FFFF00u;   // yellow at half coverage
  const std::uint32_t none = 0x00FFFF00u;  // SDL_ttf's empty pixels keep the colour
  const std::vector<std::uint32_t> argb = {none, none, none,  //
                                           none, ink,  none,  //
                                           ink,  none, none,  //
                                           none, none, none};
  int first = -1;
  const TextImage image = kiosk::MakeTextImage(argb.data(), 3, 4, 3, Color{255, 255, 0}, &first);
  CHECK(first == 1);
  CHECK(image.width == 3);
  CHECK(image.height == 2);
  CHECK(image.argb.empty());
  CHECK(image.coverage == std::vector<std::uint8_t>{0, 0x80, 0, 0x80, 0, 0});
  CHECK(image.bytes() == 6);

  SUBCASE("a pixel of another colour (an emoji) keeps the line in ARGB") {
    std::vector<std::uint32_t> emoji = argb;
    emoji[4] = 0xFF00FF00u;
    const TextImage e = kiosk::MakeTextImage(emoji.data(), 3, 4, 3, Color{255, 255, 0}, &first);
    CHECK(e.coverage.empty());
    CHECK(e.argb == std::vector<std::uint32_t>{none, 0xFF00FF00u, none, ink, none, none});
    CHECK(e.bytes() == 24);
  }
  SUBCASE("InkedRows, which FrameDrawer's textures use too") {
    int end = -1;
    kiosk::InkedRows(argb.data(), 3, 4, 3, &first, &end);
    CHECK(first == 1);
    CHECK(end == 3);
    const std::vector<std::uint32_t> blank(6, none);
    kiosk::InkedRows(blank.data(), 3, 2, 3, &first, &end);
    CHECK(first == end);
  }
  SUBCASE("no ink at all: empty") {
    const std::vector<std::uint32_t> blank(6, none);
    CHECK(kiosk::MakeTextImage(blank.data(), 3, 2, 3, Color{}, &first).empty());
  }
  SUBCASE("rows `pitch` pixels apart") {
    const std::vector<std::uint32_t> padded = {ink, 0xDEADBEEF, none, 0xDEADBEEF};
    const TextImage p = kiosk::MakeTextImage(padded.data(), 1, 2, 2, Color{255, 255, 0}, &first);
    CHECK(first == 0);
    CHECK(p.coverage == std::vector<std::uint8_t>{0x80});
  }
}

TEST_CASE("canvas: DrawImage fades, stays inside the clip and the view, skips empty pixels") {
  const TextImage full = Coverage(2, 2, {255, 0, 255, 255}, Color{0, 0, 255});
  SUBCASE("full coverage replaces, none leaves the background") {
    Pixels p(3, 3, 0xFF000000u);
    kiosk::DrawImage(p.view, full, 1, 1, 255, kAll);
    CHECK(p.at(1, 1) == 0xFF0000FFu);
    CHECK(p.at(2, 1) == 0xFF000000u);
    CHECK(p.at(1, 2) == 0xFF0000FFu);
    CHECK(p.at(0, 0) == 0xFF000000u);
  }
  SUBCASE("faded to 51: a fifth of the way") {
    Pixels p(2, 2, 0xFF000000u);
    kiosk::DrawImage(p.view, full, 0, 0, 51, kAll);
    CHECK(p.at(0, 0) == 0xFF000033u);
  }
  SUBCASE("alpha 0 draws nothing") {
    Pixels p(2, 2, 0xFF000000u);
    kiosk::DrawImage(p.view, full, 0, 0, 0, kAll);
    CHECK(p.at(0, 0) == 0xFF000000u);
  }
  SUBCASE("clipped by the clip box and by the view's edges") {
    Pixels p(3, 3, 0xFF000000u);
    kiosk::DrawImage(p.view, full, -1, 2, 255, kAll);  // only (0,2) is on the view
    CHECK(p.at(0, 2) == 0xFF000000u);                  // the image's (1,0): no coverage
    kiosk::DrawImage(p.view, full, 0, 0, 255, Box{0, 0, 1, 1});
    CHECK(p.at(0, 0) == 0xFF0000FFu);
    CHECK(p.at(0, 1) == 0xFF000000u);
  }
  SUBCASE("an ARGB image blends each pixel's own colour") {
    TextImage argb;
    argb.width = 1;
    argb.height = 1;
    argb.argb = {0xFFFF0000u};
    Pixels p(1, 1, 0xFF000000u);
    kiosk::DrawImage(p.view, argb, 0, 0, 255, kAll);
    CHECK(p.at(0, 0) == 0xFFFF0000u);
  }
}

TEST_CASE("canvas: FillRect replaces or blends, within the clip") {
  Pixels p(4, 1, 0xFF000000u);
  kiosk::FillRect(p.view, Box{0, 0, 4, 1}, Color{255, 255, 255, 255}, Box{1, 0, 2, 1});
  CHECK(p.at(0, 0) == 0xFF000000u);
  CHECK(p.at(1, 0) == 0xFFFFFFFFu);
  CHECK(p.at(3, 0) == 0xFF000000u);
  kiosk::FillRect(p.view, Box{3, 0, 5, 5}, Color{255, 255, 255, 51}, kAll);
  CHECK(p.at(3, 0) == 0xFF333333u);
}

TEST_CASE("canvas: Rotate turns clockwise") {
  // 3x2:  a b c        90:  d a      180:  f e d      270:  c f
  //       d e f             e b            c b a            b e
  //                         f c                             a d
  std::vector<std::uint32_t> src = {'a', 'b', 'c', 'd', 'e', 'f'};
  const PixelView in{src.data(), 3, 2, 3};
  std::vector<std::uint32_t> out(6);
  kiosk::Rotate(in, PixelView{out.data(), 2, 3, 2}, 90);
  CHECK(out == std::vector<std::uint32_t>{'d', 'a', 'e', 'b', 'f', 'c'});
  kiosk::Rotate(in, PixelView{out.data(), 3, 2, 3}, 180);
  CHECK(out == std::vector<std::uint32_t>{'f', 'e', 'd', 'c', 'b', 'a'});
  kiosk::Rotate(in, PixelView{out.data(), 2, 3, 2}, 270);
  CHECK(out == std::vector<std::uint32_t>{'c', 'f', 'b', 'e', 'a', 'd'});
  kiosk::Rotate(in, PixelView{out.data(), 3, 2, 3}, 0);
  CHECK(out == src);
}
