#include "contrast.h"

#include <doctest/doctest.h>

#include <vector>

namespace kiosk {
namespace {

constexpr Color kWhite{255, 255, 255, 255};
constexpr Color kBlack{0, 0, 0, 255};

std::uint32_t Argb(Color c) {
  return 0xff000000u | static_cast<std::uint32_t>(c.r) << 16 |
         static_cast<std::uint32_t>(c.g) << 8 | c.b;
}

TEST_CASE("WCAG luminance and contrast: the known values") {
  CHECK(RelativeLuminance(kBlack) == 0);
  CHECK(RelativeLuminance(kWhite) == doctest::Approx(1));
  CHECK(ContrastRatio(RelativeLuminance(kWhite), RelativeLuminance(kBlack)) == doctest::Approx(21));
  CHECK(ContrastRatio(0.5, 0.5) == 1);
  // #777777 on white is the classic "just fails AA" grey (4.48:1).
  CHECK(ContrastRatio(RelativeLuminance({0x77, 0x77, 0x77, 255}), 1) ==
        doctest::Approx(4.48).epsilon(0.01));
  // Order does not matter.
  CHECK(ContrastRatio(0.1, 0.7) == ContrastRatio(0.7, 0.1));
}

TEST_CASE("DefaultOverlay: just enough for 4.5:1 over the worst pixel") {
  for (const Color text : {kWhite, kBlack, Color{0xf5, 0xb7, 0x2c, 255}, Color{20, 40, 90, 255}}) {
    CAPTURE(int{text.r});
    const Color overlay = DefaultOverlay(text);
    const double lt = RelativeLuminance(text);
    const Color worst = overlay.r == 0 ? kWhite : kBlack;
    CHECK(ContrastRatio(lt, RelativeLuminance(Blend(worst, overlay))) >= kReadableContrast);
    Color weaker = overlay;
    weaker.a = static_cast<std::uint8_t>(overlay.a - 1);
    CHECK(ContrastRatio(lt, RelativeLuminance(Blend(worst, weaker))) < kReadableContrast);
  }
  CHECK(DefaultOverlay(kWhite).r == 0);    // light text: darken
  CHECK(DefaultOverlay(kBlack).r == 255);  // dark text: lighten
  CHECK(DefaultOverlay(kWhite).a > 100);
  CHECK(DefaultOverlay(kWhite).a < 160);
}

TEST_CASE("WorstContrast: the lowest ratio under any box, clipped to the image") {
  // 8x4: black, with one light grey pixel at (6, 1) and a white one at (1, 3).
  std::vector<std::uint32_t> px(32, Argb(kBlack));
  px[1 * 8 + 6] = Argb({200, 200, 200, 255});
  px[3 * 8 + 1] = Argb(kWhite);
  const double grey = ContrastRatio(1, RelativeLuminance({200, 200, 200, 255}));
  SUBCASE("white text over black only") {
    const Box boxes[] = {{0, 0, 4, 2}};
    CHECK(WorstContrast(px, 8, 4, boxes, kWhite) == doctest::Approx(21));
  }
  SUBCASE("a box over the grey pixel gives its ratio") {
    const Box boxes[] = {{0, 0, 2, 2}, {5, 0, 3, 3}};
    CHECK(WorstContrast(px, 8, 4, boxes, kWhite) == doctest::Approx(grey));
  }
  SUBCASE("boxes reaching past the image are clipped") {
    const Box boxes[] = {{-5, 2, 8, 10}};
    CHECK(WorstContrast(px, 8, 4, boxes, kWhite) == doctest::Approx(1));
  }
  SUBCASE("no box: nothing to read") { CHECK(WorstContrast(px, 8, 4, {}, kWhite) == 21); }
  SUBCASE("a box outside the image") {
    const Box boxes[] = {{100, 100, 4, 4}};
    CHECK(WorstContrast(px, 8, 4, boxes, kWhite) == 21);
  }
}

}  // namespace
}  // namespace kiosk
