// libFuzzer target: any bytes as a picture file, through ProbePicture and DecodePicture at a
// small size (contained, and covered with a focal point off the centre, so the crop and the
// EXIF turn are exercised). Seeds: tests/make_picture's PNGs and JPEGs (.ci/fuzz.sh makes
// them). Build with -DKIOSK_FUZZ=ON (clang); see .ci/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "picture.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kiosk::PictureInfo info;
  std::string error;
  if (!kiosk::ProbePicture(bytes, &info, &error)) {
    if (error.empty()) std::abort();
    // The decoder must refuse what the probe refused.
    if (kiosk::DecodePicture(bytes, 16, 16, {0, 0, 16, 16}, &error)) std::abort();
    return 0;
  }
  if (info.width <= 0 || info.height <= 0) std::abort();
  for (const bool cover : {false, true}) {
    const kiosk::Placement place =
        kiosk::PlacePicture(info.width, info.height, {0, 0, 48, 32}, cover, 0.3, 0.8);
    error.clear();
    const std::optional<kiosk::Picture> picture =
        kiosk::DecodePicture(bytes, place.scaled_w, place.scaled_h, place.crop, &error);
    if (picture ? (picture->width != place.crop.w || picture->height != place.crop.h ||
                   picture->argb.size() != static_cast<std::size_t>(place.crop.w) * place.crop.h)
                : error.empty()) {
      std::abort();
    }
  }
  return 0;
}
