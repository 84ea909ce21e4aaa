// QR codes through libqrencode: the modules of a code, and the code as pixels with whole
// pixels per module and its quiet zone, so any phone camera reads it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "color.h"
#include "picture.h"

namespace kiosk {

struct QrCode {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // size * size, row by row
};

// The code for `text` (UTF-8, byte mode, error correction level M, the smallest version it
// fits); nothing with *error when the text is empty or too long for a QR code (over 2331
// bytes: "2400 bytes: too long for a QR code (at most 2331 at error correction level M)").
// Byte mode has no ECI header, so readers guess the encoding of non-ASCII text: zbarimg
// guesses a legacy one (Shift JIS) unless given -Sbinary; check phones with such text.
std::optional<QrCode> MakeQr(std::string_view text, std::string* error);

// Modules per side with the quiet zone of 4 modules on each side.
inline int QrSideModules(const QrCode& code) { return code.size + 8; }

// The code as a square picture at most `max_side` pixels wide: the largest whole number of
// pixels per module that fits (at least 1), dark modules `dark`, the rest and the quiet zone
// `light`.
Picture RenderQr(const QrCode& code, int max_side, Color dark = {0, 0, 0, 255},
                 Color light = {255, 255, 255, 255});

}  // namespace kiosk
