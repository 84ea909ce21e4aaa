#include "qr.h"

#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <memory>

namespace kiosk {

std::optional<QrCode> MakeQr(std::string_view text, std::string* error) {
  if (text.empty()) {
    *error = "no text to encode";
    return std::nullopt;
  }
  // 8-bit mode takes the bytes as they are (UTF-8 here); version 0: the smallest that fits.
  errno = 0;
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      QRcode_free);
  if (code == nullptr) {
    *error = errno == ERANGE ? std::to_string(text.size()) +
                                   " bytes: too long for a QR code (at most 2331 at error "
                                   "correction level M)"
                             : "libqrencode failed";
    return std::nullopt;
  }
  QrCode qr;
  qr.size = code->width;
  const std::size_t modules = static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size);
  qr.dark.resize(modules);
  // Bit 0 of each byte: dark module.
  for (std::size_t i = 0; i < modules; ++i) qr.dark[i] = (code->data[i] & 1) != 0;
  return qr;
}

Picture RenderQr(const QrCode& code, int max_side, Color dark, Color light) {
  Picture picture;
  const int modules = QrSideModules(code);
  if (code.size <= 0 || code.dark.size() != static_cast<std::size_t>(code.size) * code.size) {
    return picture;
  }
  const int scale = std::max(1, max_side / modules);
  const int side = modules * scale;
  auto argb = [](Color c) {
    return static_cast<std::uint32_t>(c.a) << 24 | static_cast<std::uint32_t>(c.r) << 16 |
           static_cast<std::uint32_t>(c.g) << 8 | c.b;
  };
  const std::uint32_t ink = argb(dark);
  const std::uint32_t paper = argb(light);
  picture.width = side;
  picture.height = side;
  picture.opaque = dark.a == 255 && light.a == 255;
  picture.argb.assign(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), paper);
  for (int my = 0; my < code.size; ++my) {
    for (int mx = 0; mx < code.size; ++mx) {
      if (!code.dark[static_cast<std::size_t>(my) * code.size + mx]) continue;
      for (int y = (my + 4) * scale; y < (my + 5) * scale; ++y) {
        std::uint32_t* row = picture.argb.data() + static_cast<std::size_t>(y) * side;
        std::fill(row + (mx + 4) * scale, row + (mx + 5) * scale, ink);
      }
    }
  }
  return picture;
}

}  // namespace kiosk
