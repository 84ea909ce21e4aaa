// RGBA colours as written in playlists ("#rgb", "#rrggbb", "#rrggbbaa").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kiosk {

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Color&) const = default;
};

std::optional<Color> ParseColor(std::string_view text);

}  // namespace kiosk
