#include "decoders.h"

namespace kiosk::image {

bool ProbeWebp(std::string_view, Header*, std::string* error) {
  *error = "WebP pictures are not supported yet";
  return false;
}

std::optional<Picture> DecodeWebp(std::string_view, int, int, Box, std::string* error) {
  *error = "WebP pictures are not supported yet";
  return std::nullopt;
}

std::size_t WebpWorkingBytes(const Header&, int, int) { return 0; }

}  // namespace kiosk::image
