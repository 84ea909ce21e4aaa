// Writes 8-bit RGB pixels to a PNG file (libpng's simplified API): --render's output.
#pragma once

#include <cstdint>
#include <string>

namespace kiosk {

// `rgb`: `height` rows of `width` pixels, 3 bytes each (R, G, B), `stride` bytes apart.
// On failure returns false and says why in `error`; a half-written file is removed.
bool WritePng(const std::string& path, const std::uint8_t* rgb, int width, int height, int stride,
              std::string* error);

}  // namespace kiosk
