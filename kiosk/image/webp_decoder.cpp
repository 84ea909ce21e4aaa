// WebP through libwebp, which scales while it decodes (an area filter when shrinking, as
// ours): a lossy picture is decoded a few rows at a time; a lossless one is held whole by
// libwebp (its back references reach any earlier pixel), which DecodeMemory counts.
// Animated WebP is refused: a slide shows one picture.
#include <webp/decode.h>

#include <algorithm>
#include <vector>

#include "config.h"
#include "decoders.h"

namespace kiosk::image {

namespace {

const char* StatusText(VP8StatusCode status) {
  switch (status) {
    case VP8_STATUS_OUT_OF_MEMORY:
      return "out of memory";
    case VP8_STATUS_INVALID_PARAM:
      return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR:
      return "bitstream error";
    case VP8_STATUS_UNSUPPORTED_FEATURE:
      return "unsupported feature";
    case VP8_STATUS_SUSPENDED:
      return "suspended";
    case VP8_STATUS_USER_ABORT:
      return "aborted";
    case VP8_STATUS_NOT_ENOUGH_DATA:
      return "not enough data";
    default:
      return "ok";
  }
}

bool Features(std::string_view bytes, WebPBitstreamFeatures* features, std::string* error) {
  const VP8StatusCode status =
      WebPGetFeatures(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), features);
  if (status == VP8_STATUS_NOT_ENOUGH_DATA) {
    *error = "cut short (the file ends inside the picture)";
    return false;
  }
  if (status != VP8_STATUS_OK) {
    *error = std::string("broken WebP data (") + StatusText(status) + ")";
    return false;
  }
  if (features->has_animation) {
    *error = "an animated WebP (a slide shows one still picture)";
    return false;
  }
  if (std::string size = CheckPictureSize(features->width, features->height); !size.empty()) {
    *error = std::move(size);
    return false;
  }
  return true;
}

}  // namespace

bool ProbeWebp(std::string_view bytes, Header* header, std::string* error) {
  WebPBitstreamFeatures features;
  if (!Features(bytes, &features, error)) return false;
  header->format = PictureFormat::kWebp;
  header->width = features.width;
  header->height = features.height;
  header->orientation = 1;
  const bool lossless = features.format == 2;
  const std::size_t pixels = static_cast<std::size_t>(features.width) * features.height;
  // Lossless: libwebp keeps every pixel (4 bytes); lossy with alpha: the alpha plane.
  header->whole = lossless || features.has_alpha;
  header->whole_bytes = lossless ? pixels * 4 : features.has_alpha ? pixels : 0;
  header->description = lossless ? "lossless" : "lossy";
  if (features.has_alpha) header->description += ", with alpha";
  return true;
}

std::size_t WebpWorkingBytes(const Header& header, int scaled_w, int scaled_h) {
  // The scaled picture before the crop, libwebp's rescaler rows and its YUV rows.
  const std::size_t scaled = static_cast<std::size_t>(scaled_w) * scaled_h * 4;
  const std::size_t rows = static_cast<std::size_t>(header.width) * 4 * 16 * 3 + 256 * 1024;
  return scaled + rows + header.whole_bytes;
}

std::optional<Picture> DecodeWebp(std::string_view bytes, int scaled_w, int scaled_h, Box crop,
                                  std::string* error) {
  WebPDecoderConfig config;
  if (WebPInitDecoderConfig(&config) == 0) {
    *error = "libwebp version mismatch";
    return std::nullopt;
  }
  if (!Features(bytes, &config.input, error)) return std::nullopt;
  // At its own size unscaled: libwebp's rescaler would round every pixel with alpha.
  if (scaled_w != config.input.width || scaled_h != config.input.height) {
    config.options.use_scaling = 1;
    config.options.scaled_width = scaled_w;
    config.options.scaled_height = scaled_h;
  }
  // Into our buffer, straight alpha (libwebp premultiplies while it scales, and undoes it).
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(scaled_w) * scaled_h * 4);
  config.output.colorspace = MODE_RGBA;
  config.output.is_external_memory = 1;
  config.output.u.RGBA.rgba = rgba.data();
  config.output.u.RGBA.stride = scaled_w * 4;
  config.output.u.RGBA.size = rgba.size();
  const VP8StatusCode status =
      WebPDecode(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), &config);
  WebPFreeDecBuffer(&config.output);  // external memory: frees nothing of ours
  if (status == VP8_STATUS_NOT_ENOUGH_DATA) {
    *error = "cut short (the file ends inside the picture)";
    return std::nullopt;
  }
  if (status != VP8_STATUS_OK) {
    *error = std::string("broken WebP data (") + StatusText(status) + ")";
    return std::nullopt;
  }
  Picture picture;
  picture.width = crop.w;
  picture.height = crop.h;
  picture.argb.resize(static_cast<std::size_t>(crop.w) * crop.h);
  bool opaque = true;
  for (int y = 0; y < crop.h; ++y) {
    const std::uint8_t* p =
        rgba.data() + (static_cast<std::size_t>(crop.y + y) * scaled_w + crop.x) * 4;
    std::uint32_t* out = picture.argb.data() + static_cast<std::size_t>(y) * crop.w;
    for (int x = 0; x < crop.w; ++x, p += 4) {
      opaque = opaque && p[3] == 255;
      out[x] = static_cast<std::uint32_t>(p[3]) << 24 | static_cast<std::uint32_t>(p[0]) << 16 |
               static_cast<std::uint32_t>(p[1]) << 8 | p[2];
    }
  }
  picture.opaque = opaque;
  return picture;
}

}  // namespace kiosk::image
