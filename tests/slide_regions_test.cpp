#include "slide_regions.h"

#include <doctest/doctest.h>

#include "config.h"

namespace kiosk {
namespace {

bool Inside(const Box& in, const Box& out) {
  return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
         in.y + in.h <= out.y + out.h;
}

bool Overlap(const Box& a, const Box& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

RegionRequest Request(int w, int h) {
  RegionRequest r;
  r.screen_w = w;
  r.screen_h = h;
  r.safe = LimitsFor(DefaultPlaylist().theme, w, h).safe;
  return r;
}

// 1920x1080 with the default theme: margin 65, safe {65, 65, 1790, 950}, gap 43.
TEST_CASE("PlaceRegions: without a picture or logo the text has the whole safe area") {
  const RegionRequest r = Request(1920, 1080);
  REQUIRE(r.safe == Box{65, 65, 1790, 950});
  const SlideRegions s = PlaceRegions(r);
  CHECK(s.text == r.safe);
  CHECK_FALSE(s.picture);
  CHECK_FALSE(s.logo);
}

TEST_CASE("PlaceRegions: landscape, the picture beside the text, its width from its aspect") {
  RegionRequest r = Request(1920, 1080);
  r.kind = RegionRequest::kImage;
  SUBCASE("square: as tall as the area, on the right (auto)") {
    r.aspect = 1;
    const SlideRegions s = PlaceRegions(r);
    CHECK(s.picture == Box{905, 65, 950, 950});
    CHECK(s.text == Box{65, 65, 1790 - 950 - 43, 950});
  }
  SUBCASE("wide (4:3): capped at 60 % of the width, the text keeps the rest") {
    r.aspect = 4.0 / 3;
    const SlideRegions s = PlaceRegions(r);
    CHECK(s.picture == Box{807, 65, 1048, 950});
    CHECK(s.text == Box{65, 65, 699, 950});
  }
  SUBCASE("left") {
    r.aspect = 1;
    r.position = ImagePosition::kLeft;
    const SlideRegions s = PlaceRegions(r);
    CHECK(s.picture == Box{65, 65, 950, 950});
    CHECK(s.text == Box{65 + 950 + 43, 65, 797, 950});
  }
  SUBCASE("size not known (not probed): half each") {
    const SlideRegions s = PlaceRegions(r);
    CHECK(s.picture->w == 874);  // (1790 - 43) / 2, rounded
    CHECK(s.text.w == 1790 - 874 - 43);
  }
  SUBCASE("cover: a fixed half, whatever the aspect") {
    r.cover = true;
    r.aspect = 0.2;
    CHECK(PlaceRegions(r).picture->w == 874);
  }
  SUBCASE("above and below on a landscape screen, when the slide says so") {
    r.aspect = 16.0 / 9;
    r.position = ImagePosition::kBelow;
    const SlideRegions s = PlaceRegions(r);
    // 1790 wide at 16:9 would be 1007 tall: capped at 60 % of the height left.
    CHECK(s.picture == Box{65, 65 + 950 - 544, 1790, 544});
    CHECK(s.text == Box{65, 65, 1790, 950 - 544 - 43});
  }
  const SlideRegions s = PlaceRegions(r);
  CHECK(Inside(*s.picture, r.safe));
  CHECK(Inside(s.text, r.safe));
  CHECK_FALSE(Overlap(*s.picture, s.text));
}

TEST_CASE("PlaceRegions: portrait, the picture above the text") {
  RegionRequest r = Request(1080, 1920);
  REQUIRE(r.safe == Box{65, 65, 950, 1790});
  r.kind = RegionRequest::kImage;
  r.aspect = 16.0 / 9;
  const SlideRegions s = PlaceRegions(r);
  CHECK(s.picture == Box{65, 65, 950, 534});
  CHECK(s.text == Box{65, 65 + 534 + 43, 950, 1790 - 534 - 43});
}

TEST_CASE("PlaceRegions: a picture without text has the whole area") {
  RegionRequest r = Request(1920, 1080);
  r.kind = RegionRequest::kImage;
  r.aspect = 3;
  r.has_text = false;
  CHECK(PlaceRegions(r).picture == r.safe);
}

TEST_CASE("PlaceRegions: the logo in each corner; the text (and picture) give way to its band") {
  struct Case {
    Corner corner;
    Box logo;
    Box text;
  };
  // 12 % of 1080 is 130; the band is the logo and a gap of 43.
  const Case cases[] = {
      {Corner::kTopRight, {1725, 65, 130, 130}, {65, 238, 1790, 777}},
      {Corner::kTopLeft, {65, 65, 130, 130}, {65, 238, 1790, 777}},
      {Corner::kBottomRight, {1725, 885, 130, 130}, {65, 65, 1790, 777}},
      {Corner::kBottomLeft, {65, 885, 130, 130}, {65, 65, 1790, 777}},
  };
  for (const Case& c : cases) {
    CAPTURE(static_cast<int>(c.corner));
    RegionRequest r = Request(1920, 1080);
    r.logo = Logo{{"l.png"}, c.corner, config::kLogoSize};
    SlideRegions s = PlaceRegions(r);
    CHECK(s.logo == c.logo);
    CHECK(s.text == c.text);
    CHECK_FALSE(Overlap(*s.logo, s.text));
    r.kind = RegionRequest::kImage;
    r.aspect = 1;
    s = PlaceRegions(r);
    CHECK_FALSE(Overlap(*s.logo, s.text));
    CHECK_FALSE(Overlap(*s.logo, *s.picture));
    CHECK_FALSE(Overlap(*s.picture, s.text));
  }
  SUBCASE("a wide logo: its band is only as tall as it is") {
    RegionRequest r = Request(1920, 1080);
    r.logo = Logo{{"l.png"}, Corner::kTopLeft, 0.2};
    r.logo_aspect = 3;
    const SlideRegions s = PlaceRegions(r);
    CHECK(s.logo == Box{65, 65, 216, 72});
    CHECK(s.text == Box{65, 65 + 72 + 43, 1790, 950 - 72 - 43});
  }
}

TEST_CASE("PlaceRegions: a QR code is a large square, its caption right under it") {
  SUBCASE("beside text, landscape: 70 % of the height, centred in its column") {
    RegionRequest r = Request(1920, 1080);
    r.kind = RegionRequest::kQr;
    const SlideRegions s = PlaceRegions(r);
    CHECK(s.picture == Box{1099, 162, 756, 756});
    CHECK(s.text == Box{65, 65, 1790 - 756 - 43, 950});
  }
  SUBCASE("alone at 800x480, with a caption of 40 px") {
    RegionRequest r = Request(800, 480);
    REQUIRE(r.safe == Box{29, 29, 742, 422});
    r.kind = RegionRequest::kQr;
    r.has_text = false;
    r.caption_h = 40;
    const SlideRegions s = PlaceRegions(r);
    CHECK(s.picture == Box{232, 52, 336, 336});
    CHECK(s.caption == Box{29, 388, 742, 40});
  }
  SUBCASE("portrait: below the text (auto), caption included in its share") {
    RegionRequest r = Request(1080, 1920);
    r.kind = RegionRequest::kQr;
    r.caption_h = 50;
    const SlideRegions s = PlaceRegions(r);
    CHECK(s.picture->w == 756);
    CHECK(s.picture->y > s.text.y + s.text.h);
    CHECK(s.caption.y == s.picture->y + 756);
    CHECK(Inside(s.caption, r.safe));
    CHECK_FALSE(Overlap(s.caption, s.text));
  }
}

TEST_CASE("PlaceRegions: the smallest screens still give every box at least a pixel") {
  for (const auto& [w, h] : {std::pair{16, 16}, std::pair{16, 7680}, std::pair{7680, 16}}) {
    for (const ImagePosition where :
         {ImagePosition::kAuto, ImagePosition::kLeft, ImagePosition::kRight, ImagePosition::kAbove,
          ImagePosition::kBelow}) {
      for (const auto kind : {RegionRequest::kImage, RegionRequest::kQr}) {
        CAPTURE(w);
        CAPTURE(h);
        RegionRequest r = Request(w, h);
        r.safe = {0, 0, w, h};  // no margin: the logo takes all it can
        r.kind = kind;
        r.position = where;
        r.caption_h = 30;
        r.logo = Logo{{"l.png"}, Corner::kBottomLeft, 0.5};
        const SlideRegions s = PlaceRegions(r);
        CHECK(s.text.w >= 1);
        CHECK(s.text.h >= 1);
        CHECK(s.picture->w >= 1);
        CHECK(s.picture->h >= 1);
      }
    }
  }
}

}  // namespace
}  // namespace kiosk
