#include "disk_pictures.h"

#include <algorithm>

#include "config.h"
#include "file_system.h"
#include "qr.h"

namespace kiosk {
namespace {

PictureSource::Result DecodeQr(const PictureItem& item) {
  PictureSource::Result r;
  std::optional<QrCode> code = MakeQr(item.qr_text, &r.error);
  if (!code) return r;
  PreparedPicture p;
  p.pixels = RenderQr(*code, std::min(item.box.w, item.box.h));
  p.dst = Box{item.box.x + (item.box.w - p.pixels.width) / 2,
              item.box.y + (item.box.h - p.pixels.height) / 2, p.pixels.width, p.pixels.height};
  r.picture = std::move(p);
  return r;
}

}  // namespace

PictureSource::Result DiskPictures::Decode(const PictureItem& item) {
  if (item.file.empty()) return DecodeQr(item);
  Result r;
  const UniqueFd fd = OpenRegularFile(item.file, config::kMaxPictureBytes, &r.error);
  if (!fd) {
    r.error = "cannot read: " + r.error;
    return r;
  }
  r.identity = IdentityOfFd(fd.get());
  std::string bytes;
  if (!ReadOpenFile(fd.get(), config::kMaxPictureBytes, &bytes, &r.error)) {
    r.error = "cannot read: " + r.error;
    return r;
  }
  PictureInfo info;
  if (!ProbePicture(bytes, &info, &r.error)) return r;
  const Placement place =
      PlacePicture(info.width, info.height, item.box, item.cover, item.focus_x, item.focus_y);
  if (place.crop.w <= 0 || place.crop.h <= 0) {
    r.error = "no room for it on this screen";
    return r;
  }
  std::optional<Picture> picture =
      DecodePicture(bytes, place.scaled_w, place.scaled_h, place.crop, &r.error);
  if (!picture) return r;
  r.picture = PreparedPicture{std::move(*picture), place.dst};
  return r;
}

std::optional<FileIdentity> DiskPictures::Identify(const std::string& path) {
  return IdentityOfPath(path);
}

}  // namespace kiosk
