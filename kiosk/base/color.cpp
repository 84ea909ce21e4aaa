#include "color.h"

namespace kiosk {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Color> ParseColor(std::string_view text) {
  if (text.empty() || text[0] != '#') return std::nullopt;
  text.remove_prefix(1);
  int v[8];
  for (std::size_t i = 0; i < text.size() && i < 8; ++i) {
    v[i] = HexDigit(text[i]);
    if (v[i] < 0) return std::nullopt;
  }
  auto byte = [](int hi, int lo) { return static_cast<std::uint8_t>(hi * 16 + lo); };
  switch (text.size()) {
    case 3:
      return Color{byte(v[0], v[0]), byte(v[1], v[1]), byte(v[2], v[2]), 255};
    case 6:
      return Color{byte(v[0], v[1]), byte(v[2], v[3]), byte(v[4], v[5]), 255};
    case 8:
      return Color{byte(v[0], v[1]), byte(v[2], v[3]), byte(v[4], v[5]), byte(v[6], v[7])};
    default:
      return std::nullopt;
  }
}

}  // namespace kiosk
