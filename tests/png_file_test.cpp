#include "png_file.h"

#include <doctest/doctest.h>
#include <png.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace {

// Reads a PNG back as RGB with libpng, the way an image viewer would.
std::vector<std::uint8_t> ReadRgb(const std::string& path, int* w, int* h) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&image, path.c_str()) == 0) return {};
  image.format = PNG_FORMAT_RGB;
  std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(image));
  if (png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr) == 0) return {};
  *w = static_cast<int>(image.width);
  *h = static_cast<int>(image.height);
  return pixels;
}

}  // namespace

TEST_CASE("WritePng: the pixels read back exactly, rows taken `stride` bytes apart") {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "kiosk-png-test.png";
  // 2x2 pixels with 2 bytes of padding after each row (stride 8).
  const std::array<std::uint8_t, 16> rgb = {255, 0, 0,   0,  255, 0,  0xAA, 0xAA,
                                            0,   0, 255, 10, 20,  30, 0xAA, 0xAA};
  std::string error;
  REQUIRE(kiosk::WritePng(path.string(), rgb.data(), 2, 2, 8, &error));
  int w = 0;
  int h = 0;
  const std::vector<std::uint8_t> back = ReadRgb(path.string(), &w, &h);
  std::filesystem::remove(path);
  CHECK(w == 2);
  CHECK(h == 2);
  CHECK(back == std::vector<std::uint8_t>{255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30});
}

TEST_CASE("WritePng: failures say why and leave no file") {
  std::string error;
  const std::array<std::uint8_t, 3> pixel = {1, 2, 3};
  SUBCASE("a directory that does not exist") {
    CHECK_FALSE(kiosk::WritePng("/nonexistent-kiosk-dir/x.png", pixel.data(), 1, 1, 3, &error));
    CHECK_FALSE(error.empty());
    CHECK_FALSE(std::filesystem::exists("/nonexistent-kiosk-dir/x.png"));
  }
  SUBCASE("no pixels") {
    CHECK_FALSE(kiosk::WritePng("/tmp/kiosk-empty.png", pixel.data(), 0, 1, 3, &error));
    CHECK(error == "no pixels to write");
    CHECK_FALSE(std::filesystem::exists("/tmp/kiosk-empty.png"));
  }
  SUBCASE("a stride shorter than a row") {
    CHECK_FALSE(kiosk::WritePng("/tmp/kiosk-short.png", pixel.data(), 1, 1, 2, &error));
    CHECK(error == "no pixels to write");
  }
}
