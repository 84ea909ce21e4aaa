// The picture files on disk (and QR codes), decoded for the PictureCache: read through
// base's OpenRegularFile (never blocking, never without bound: a FIFO, a device or a
// directory is an error at once), probed, placed in the item's box (PlacePicture) and
// decoded at exactly that size (image/picture.h). QR codes through image/qr.h, with whole
// pixels per module, centred in their box.
#pragma once

#include "picture_cache.h"

namespace kiosk {

class DiskPictures : public PictureSource {
 public:
  Result Decode(const PictureItem& item) override;
  std::optional<FileIdentity> Identify(const std::string& path) override;
};

}  // namespace kiosk
