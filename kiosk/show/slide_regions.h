// Where the parts of a slide go on a w x h screen: its picture or QR code beside (landscape)
// or above (portrait) the text, or alone; the theme's logo in its corner, with the text
// area shrunk by the logo's band so the two never overlap. Pure arithmetic on boxes: the
// Deck lays the text out in the box it is given here, with the theme's typography.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "layout.h"
#include "playlist.h"

namespace kiosk {

// A picture's size as shown (EXIF orientation applied), from probing its file.
struct PictureSize {
  int width = 0, height = 0;  // 0 x 0: the file could not be read; it is not shown
  bool usable() const { return width > 0 && height > 0; }
  bool operator==(const PictureSize&) const = default;
};
// Resolved file -> size. A file missing from the map has not been probed (tests, or a
// caller that does not know): it is shown, with its box split evenly.
using PictureSizes = std::map<std::string, PictureSize>;

struct RegionRequest {
  int screen_w = 0, screen_h = 0;
  Box safe;              // inside the margins (LimitsFor)
  bool has_text = true;  // kicker, title or text
  enum Kind { kNone, kImage, kQr } kind = kNone;
  ImagePosition position = ImagePosition::kAuto;
  bool cover = false;  // an image with fit "cover": fills a fixed share beside the text
  double aspect = 0;   // the image's width / height; 0: not known
  int caption_h = 0;   // a QR code's caption, in pixels, under the code
  std::optional<Logo> logo;
  double logo_aspect = 0;  // 0: not known (a square box)
};

struct SlideRegions {
  Box text;                    // the text is laid out in this box (the whole area without text)
  std::optional<Box> picture;  // the image's box, or the QR code's square (without caption)
  Box caption;                 // a QR code's caption (h 0: none)
  std::optional<Box> logo;     // the logo's box, in its corner inside the margins
  bool operator==(const SlideRegions&) const = default;
};

SlideRegions PlaceRegions(const RegionRequest& request);

// Where a picture beside text goes when the slide says kAuto: right of the text on a
// landscape screen; above it (an image) or below it (a QR code: read first, then scanned)
// on a portrait one.
ImagePosition ResolvePosition(ImagePosition position, RegionRequest::Kind kind, int screen_w,
                              int screen_h);

}  // namespace kiosk
