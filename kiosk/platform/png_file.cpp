#include "png_file.h"

#include <png.h>

#include <cstdio>

namespace kiosk {

bool WritePng(const std::string& path, const std::uint8_t* rgb, int width, int height, int stride,
              std::string* error) {
  if (width <= 0 || height <= 0 || stride < width * 3) {
    *error = "no pixels to write";
    return false;
  }
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_RGB;
  if (png_image_write_to_file(&image, path.c_str(), 0, rgb, stride, nullptr) == 0) {
    *error = image.message[0] ? image.message : "libpng failed";
    png_image_free(&image);
    std::remove(path.c_str());
    return false;
  }
  return true;
}

}  // namespace kiosk
