// The one EXIF tag kiosk needs, read by hand rather than through libexif: the orientation
// is a single SHORT in the first IFD, libjpeg already hands over the APP1 segment, and a
// reader of 40 bounded lines adds no library to map at start and no parser of maker notes
// and thumbnails (libexif's history of CVEs) to the surface a bad file can reach.
#include <cstdint>

#include "decoders.h"

namespace kiosk::image {

int ExifOrientation(std::string_view app1) {
  constexpr std::string_view kExif("Exif\0\0", 6);
  if (!app1.starts_with(kExif)) return 1;
  const std::string_view tiff = app1.substr(kExif.size());
  if (tiff.size() < 8) return 1;
  bool big_endian = false;
  if (tiff.starts_with("MM")) {
    big_endian = true;
  } else if (!tiff.starts_with("II")) {
    return 1;
  }
  auto byte = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(tiff[at]));
  };
  // Callers check that at + 2 (or + 4) <= tiff.size().
  auto u16 = [&](std::size_t at) {
    return big_endian ? (byte(at) << 8 | byte(at + 1)) : (byte(at + 1) << 8 | byte(at));
  };
  auto u32 = [&](std::size_t at) {
    return big_endian ? (u16(at) << 16 | u16(at + 2)) : (u16(at + 2) << 16 | u16(at));
  };
  if (u16(2) != 42) return 1;
  const std::size_t ifd = u32(4);
  if (ifd > tiff.size() - 2) return 1;
  const std::size_t entries = u16(ifd);
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    if (entry > tiff.size() - 12) break;
    if (u16(entry) != 0x0112) continue;  // Orientation
    constexpr std::uint32_t kShort = 3;
    if (u16(entry + 2) != kShort || u32(entry + 4) < 1) return 1;
    const std::uint32_t value = u16(entry + 8);
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
  }
  return 1;
}

}  // namespace kiosk::image
