#include "color.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

namespace kiosk {
namespace {

struct ColorCase {
  std::string_view text;
  std::optional<Color> expected;  // nullopt: must be refused
};

const ColorCase kCases[] = {
    // Good: #rgb doubles each digit, alpha defaults to opaque.
    {"#000", Color{0, 0, 0, 255}},
    {"#fff", Color{255, 255, 255, 255}},
    {"#abc", Color{0xaa, 0xbb, 0xcc, 255}},
    {"#ABC", Color{0xaa, 0xbb, 0xcc, 255}},
    {"#121e2f", Color{0x12, 0x1e, 0x2f, 255}},
    {"#F5b72C", Color{0xf5, 0xb7, 0x2c, 255}},
    {"#11223380", Color{0x11, 0x22, 0x33, 0x80}},
    {"#ffffff00", Color{255, 255, 255, 0}},
    {"#09afAF", Color{0x09, 0xaf, 0xaf, 255}},
    // Bad: no '#', wrong length, non-hex digits, spaces, names.
    {"", std::nullopt},
    {"#", std::nullopt},
    {"fff", std::nullopt},
    {"121e2f", std::nullopt},
    {"#f", std::nullopt},
    {"#ff", std::nullopt},
    {"#ffff", std::nullopt},
    {"#fffff", std::nullopt},
    {"#fffffff", std::nullopt},
    {"#fffffffff", std::nullopt},
    {"#ggg", std::nullopt},
    {"#12345g", std::nullopt},
    {"#1234567g", std::nullopt},
    {" #fff", std::nullopt},
    {"#fff ", std::nullopt},
    {"# fff", std::nullopt},
    {"##fff", std::nullopt},
    {"#-12", std::nullopt},
    {"red", std::nullopt},
    {"rgb(1,2,3)", std::nullopt},
    {"#\xC3\xA4\xC3\xA4", std::nullopt},  // "#ää": four bytes, none hex
};

TEST_CASE("ParseColor") {
  for (const ColorCase& c : kCases) {
    CAPTURE(std::string(c.text));
    const std::optional<Color> got = ParseColor(c.text);
    REQUIRE(got.has_value() == c.expected.has_value());
    if (got) {
      CHECK(int{got->r} == int{c.expected->r});
      CHECK(int{got->g} == int{c.expected->g});
      CHECK(int{got->b} == int{c.expected->b});
      CHECK(int{got->a} == int{c.expected->a});
    }
  }
}

}  // namespace
}  // namespace kiosk
