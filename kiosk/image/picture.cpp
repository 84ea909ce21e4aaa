#include "picture.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "config.h"
#include "decoders.h"

namespace kiosk {

namespace image {

std::string CheckPictureSize(long long width, long long height) {
  const std::string size = std::to_string(width) + "x" + std::to_string(height) + " pixels";
  if (width <= 0 || height <= 0) return size + ": no pixels";
  if (width > config::kMaxPictureSide || height > config::kMaxPictureSide) {
    return size + ", over the limit of " + std::to_string(config::kMaxPictureSide) +
           " pixels per side";
  }
  if (width * height > config::kMaxPicturePixels) {
    return size + ", over the limit of " + std::to_string(config::kMaxPicturePixels / 1000000) +
           " megapixels";
  }
  return {};
}

}  // namespace image

namespace {

constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1a\n";

std::string MiB(std::size_t bytes) {
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MiB";
}

enum class Sniffed { kPng, kJpeg, kWebp, kUnknown };

Sniffed Sniff(std::string_view bytes) {
  if (bytes.starts_with(kPngSignature)) return Sniffed::kPng;
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xD8 &&
      static_cast<unsigned char>(bytes[2]) == 0xFF) {
    return Sniffed::kJpeg;
  }
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return Sniffed::kWebp;
  }
  return Sniffed::kUnknown;
}

bool ProbeHeader(std::string_view bytes, image::Header* header, std::string* error) {
  if (bytes.empty()) {
    *error = "empty file (0 bytes)";
    return false;
  }
  if (bytes.size() > static_cast<std::size_t>(config::kMaxPictureBytes)) {
    *error =
        "file too large (over " + MiB(static_cast<std::size_t>(config::kMaxPictureBytes)) + ")";
    return false;
  }
  switch (Sniff(bytes)) {
    case Sniffed::kPng:
      return image::ProbePng(bytes, header, error);
    case Sniffed::kJpeg:
      return image::ProbeJpeg(bytes, header, error);
    case Sniffed::kWebp:
      return image::ProbeWebp(bytes, header, error);
    case Sniffed::kUnknown:
      break;
  }
  *error = "not a PNG, JPEG or WebP picture";
  return false;
}

bool Transposed(int orientation) { return orientation >= 5 && orientation <= 8; }

// The stored pixel (of a stored_w x stored_h picture) that shows at (x, y) once the EXIF
// orientation is applied.
std::pair<int, int> StoredPoint(int orientation, int x, int y, int stored_w, int stored_h) {
  switch (orientation) {
    case 2:
      return {stored_w - 1 - x, y};
    case 3:
      return {stored_w - 1 - x, stored_h - 1 - y};
    case 4:
      return {x, stored_h - 1 - y};
    case 5:
      return {y, x};
    case 6:
      return {y, stored_h - 1 - x};
    case 7:
      return {stored_w - 1 - y, stored_h - 1 - x};
    case 8:
      return {stored_w - 1 - y, x};
    default:
      return {x, y};
  }
}

image::Header HeaderOf(const PictureInfo& info) {
  image::Header header;
  header.format = info.format;
  header.orientation = info.orientation;
  header.width = Transposed(info.orientation) ? info.height : info.width;
  header.height = Transposed(info.orientation) ? info.width : info.height;
  header.whole = info.whole_bytes > 0;
  header.whole_bytes = info.whole_bytes;
  return header;
}

// DecodeMemory without the result's own pixels.
std::size_t WorkingBytes(const image::Header& header, int scaled_w, int scaled_h) {
  const bool transposed = Transposed(header.orientation);
  const int stored_w = transposed ? scaled_h : scaled_w;
  const int stored_h = transposed ? scaled_w : scaled_h;
  std::size_t bytes = 0;
  switch (header.format) {
    case PictureFormat::kPng:
      bytes = image::PngWorkingBytes(header, stored_w, stored_h);
      break;
    case PictureFormat::kJpeg:
      bytes = image::JpegWorkingBytes(header, stored_w, stored_h);
      break;
    case PictureFormat::kWebp:
      bytes = image::WebpWorkingBytes(header, stored_w, stored_h);
      break;
  }
  return bytes;
}

}  // namespace

bool ProbePicture(std::string_view bytes, PictureInfo* info, std::string* error) {
  image::Header header;
  if (!ProbeHeader(bytes, &header, error)) return false;
  *info = PictureInfo{};
  info->format = header.format;
  info->orientation = header.orientation;
  const bool transposed = Transposed(header.orientation);
  info->width = transposed ? header.height : header.width;
  info->height = transposed ? header.width : header.height;
  info->whole_bytes = header.whole ? header.whole_bytes : 0;
  const char* format = header.format == PictureFormat::kPng    ? "PNG"
                       : header.format == PictureFormat::kJpeg ? "JPEG"
                                                               : "WebP";
  info->description =
      std::string(format) + " " + std::to_string(info->width) + "x" + std::to_string(info->height);
  if (!header.description.empty()) info->description += ", " + header.description;
  if (header.orientation != 1) {
    info->description += ", EXIF orientation " + std::to_string(header.orientation);
  }
  return true;
}

std::optional<Picture> DecodePicture(std::string_view bytes, int scaled_w, int scaled_h, Box crop,
                                     std::string* error) {
  image::Header header;
  if (!ProbeHeader(bytes, &header, error)) return std::nullopt;
  if (const std::string size = image::CheckPictureSize(scaled_w, scaled_h); !size.empty()) {
    *error = "cannot scale to " + size;
    return std::nullopt;
  }
  if (crop.w <= 0 || crop.h <= 0 || crop.x < 0 || crop.y < 0 || crop.x > scaled_w - crop.w ||
      crop.y > scaled_h - crop.h) {
    *error = "the part to show is not inside the scaled picture";
    return std::nullopt;
  }
  if (const std::size_t working = WorkingBytes(header, scaled_w, scaled_h);
      working > static_cast<std::size_t>(config::kMaxDecodeBytes)) {
    *error = "needs " + MiB(working) + " to decode, over the limit of " +
             MiB(static_cast<std::size_t>(config::kMaxDecodeBytes));
    if (header.whole && header.format == PictureFormat::kPng) {
      *error += " (an interlaced PNG is decoded whole: save it without interlacing)";
    } else if (header.whole && header.format == PictureFormat::kJpeg) {
      *error += " (a progressive JPEG is decoded whole: save it as baseline JPEG)";
    } else if (header.whole) {
      *error += " (a lossless WebP is decoded whole)";
    }
    return std::nullopt;
  }
  const int orientation = header.orientation;
  const bool transposed = Transposed(orientation);
  const int stored_w = transposed ? scaled_h : scaled_w;
  const int stored_h = transposed ? scaled_w : scaled_h;
  const auto [ax, ay] = StoredPoint(orientation, crop.x, crop.y, stored_w, stored_h);
  const auto [bx, by] =
      StoredPoint(orientation, crop.x + crop.w - 1, crop.y + crop.h - 1, stored_w, stored_h);
  const Box stored_crop{std::min(ax, bx), std::min(ay, by), std::abs(bx - ax) + 1,
                        std::abs(by - ay) + 1};
  switch (header.format) {
    case PictureFormat::kPng:
      return image::DecodePng(bytes, stored_w, stored_h, stored_crop, orientation, error);
    case PictureFormat::kJpeg:
      return image::DecodeJpeg(bytes, stored_w, stored_h, stored_crop, orientation, error);
    case PictureFormat::kWebp:  // no EXIF orientation read: always 1
      return image::DecodeWebp(bytes, stored_w, stored_h, stored_crop, error);
  }
  return std::nullopt;
}

std::size_t DecodeMemory(const PictureInfo& info, int scaled_w, int scaled_h) {
  if (scaled_w <= 0 || scaled_h <= 0) return 0;
  const std::size_t result = static_cast<std::size_t>(scaled_w) * scaled_h * 4;
  return result + WorkingBytes(HeaderOf(info), scaled_w, scaled_h);
}

Placement PlacePicture(int w, int h, Box box, bool cover, double focus_x, double focus_y) {
  Placement place;
  if (w <= 0 || h <= 0 || box.w <= 0 || box.h <= 0) return place;
  const long long pw = w, ph = h, bw = box.w, bh = box.h;
  // Which side decides: the box is wider than the picture (bw/bh > pw/ph) or not.
  const bool box_wider = bw * ph > bh * pw;
  auto scale = [](long long value, long long num, long long den) {
    return static_cast<int>(std::max(1LL, (value * num + den / 2) / den));
  };
  if (!cover) {
    if (box_wider) {
      place.scaled_h = box.h;
      place.scaled_w = std::min(box.w, scale(pw, bh, ph));
    } else {
      place.scaled_w = box.w;
      place.scaled_h = std::min(box.h, scale(ph, bw, pw));
    }
    place.crop = {0, 0, place.scaled_w, place.scaled_h};
    place.dst = {box.x + (box.w - place.scaled_w) / 2, box.y + (box.h - place.scaled_h) / 2,
                 place.scaled_w, place.scaled_h};
    return place;
  }
  if (box_wider) {
    place.scaled_w = box.w;
    place.scaled_h = std::max(box.h, scale(ph, bw, pw));
  } else {
    place.scaled_h = box.h;
    place.scaled_w = std::max(box.w, scale(pw, bh, ph));
  }
  // The focal point as near the box's centre as the picture's edges allow.
  auto offset = [](int scaled, int shown, double focus) {
    if (!(focus >= 0)) focus = 0;  // also NaN
    focus = std::min(focus, 1.0);
    const double want = focus * scaled - shown / 2.0;
    return static_cast<int>(std::clamp(std::lround(want), 0L, static_cast<long>(scaled - shown)));
  };
  place.crop = {offset(place.scaled_w, box.w, focus_x), offset(place.scaled_h, box.h, focus_y),
                box.w, box.h};
  place.dst = box;
  return place;
}

}  // namespace kiosk
