#include "qr.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "png_file.h"

using kiosk::MakeQr;
using kiosk::QrCode;
using kiosk::RenderQr;

namespace {

bool Dark(const QrCode& code, int x, int y) {
  return code.dark[static_cast<std::size_t>(y) * code.size + x];
}

// The 7x7 finder pattern with its top left module at (x, y): a dark ring, a light ring,
// a dark 3x3 core.
bool Finder(const QrCode& code, int x0, int y0) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const int ring = std::max(std::abs(x - 3), std::abs(y - 3));
      if (Dark(code, x0 + x, y0 + y) != (ring != 2)) return false;
    }
  }
  return true;
}

// Reads the code back from a picture with zbarimg (zbar-tools), as a phone would; the
// bytes as they are (-Sbinary: zbar otherwise guesses a legacy encoding such as Shift JIS
// for 8-bit data without an ECI header, and shows "F羹r" for "Für").
std::string Scan(const kiosk::Picture& picture) {
  std::vector<std::uint8_t> rgb;
  for (std::uint32_t p : picture.argb) {
    rgb.push_back(static_cast<std::uint8_t>(p >> 16));
    rgb.push_back(static_cast<std::uint8_t>(p >> 8));
    rgb.push_back(static_cast<std::uint8_t>(p));
  }
  const std::string path = (std::filesystem::temp_directory_path() / "kiosk-qr-test.png").string();
  std::string error;
  REQUIRE(
      kiosk::WritePng(path, rgb.data(), picture.width, picture.height, picture.width * 3, &error));
  std::FILE* pipe = popen(("zbarimg -q --raw -Sbinary " + path).c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  pclose(pipe);
  std::filesystem::remove(path);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("qr: MakeQr gives the modules, finder patterns in three corners") {
  std::string error;
  const std::optional<QrCode> code = MakeQr("https://example.org/programm", &error);
  REQUIRE_MESSAGE(code.has_value(), error);
  CHECK(code->size == 29);  // version 3: 28 bytes at level M (version 2 holds 26)
  CHECK(code->dark.size() == 841u);
  CHECK(Finder(*code, 0, 0));
  CHECK(Finder(*code, code->size - 7, 0));
  CHECK(Finder(*code, 0, code->size - 7));
  CHECK_FALSE(Finder(*code, code->size - 7, code->size - 7));
  CHECK(kiosk::QrSideModules(*code) == 37);
}

TEST_CASE("qr: text too long for a QR code, or none, is an error") {
  std::string error;
  CHECK_FALSE(MakeQr(std::string(2332, 'a'), &error));
  CHECK(error == "2332 bytes: too long for a QR code (at most 2331 at error correction level M)");
  CHECK(MakeQr(std::string(2331, 'a'), &error));
  CHECK_FALSE(MakeQr("", &error));
  CHECK(error == "no text to encode");
}

TEST_CASE("qr: RenderQr draws whole pixels per module with a 4-module quiet zone") {
  std::string error;
  const QrCode code = *MakeQr("kiosk", &error);
  REQUIRE(code.size == 21);
  const int modules = kiosk::QrSideModules(code);  // 29
  const kiosk::Picture picture = RenderQr(code, 300, {10, 20, 30, 255}, {250, 240, 230, 255});
  const int scale = 300 / modules;  // 10
  CHECK(picture.width == modules * scale);
  CHECK(picture.height == modules * scale);
  CHECK(picture.opaque);
  int wrong = 0;
  for (int y = 0; y < picture.height; ++y) {
    for (int x = 0; x < picture.width; ++x) {
      const int mx = x / scale - 4;
      const int my = y / scale - 4;
      const bool inside = mx >= 0 && my >= 0 && mx < code.size && my < code.size;
      const bool dark = inside && Dark(code, mx, my);
      const std::uint32_t want = dark ? 0xff0a141eu : 0xfffaf0e6u;
      if (picture.argb[static_cast<std::size_t>(y) * picture.width + x] != want) ++wrong;
    }
  }
  CHECK(wrong == 0);
  // Smaller than one pixel per module: still one.
  CHECK(RenderQr(code, 10).width == modules);
}

TEST_CASE("qr: zbarimg reads the rendered code back as the text, UTF-8 included") {
  for (const std::string& text :
       {std::string("https://example.org/resolution"),
        std::string("Für eine gelingende Integration"), std::string(300, 'x')}) {
    CAPTURE(text);
    std::string error;
    const std::optional<QrCode> code = MakeQr(text, &error);
    REQUIRE(code.has_value());
    CHECK(Scan(RenderQr(*code, 400)) == text);
  }
}
