#include "slide_regions.h"

#include <algorithm>
#include <cmath>

#include "config.h"

namespace kiosk {
namespace {

int Round(double v) { return static_cast<int>(std::lround(v)); }

// The logo's box: `size` of the shorter side, the picture's aspect kept inside that square.
Box LogoBox(const RegionRequest& r) {
  const int side = std::max(1, Round(std::min(r.screen_w, r.screen_h) * r.logo->size));
  int w = side, h = side;
  if (r.logo_aspect > 1) h = std::max(1, Round(side / r.logo_aspect));
  if (r.logo_aspect > 0 && r.logo_aspect < 1) w = std::max(1, Round(side * r.logo_aspect));
  const Box& s = r.safe;
  const bool right = r.logo->corner == Corner::kTopRight || r.logo->corner == Corner::kBottomRight;
  const bool bottom =
      r.logo->corner == Corner::kBottomLeft || r.logo->corner == Corner::kBottomRight;
  return {right ? s.x + s.w - w : s.x, bottom ? s.y + s.h - h : s.y, w, h};
}

// The QR code's side in an area of w x h (its caption under it): large enough to be read
// from a few metres, never past the area.
int QrSide(const RegionRequest& r, int w, int h) {
  const int wanted = Round(std::min(r.screen_w, r.screen_h) * config::kQrSize);
  return std::max(1, std::min({wanted, w, h - r.caption_h}));
}

}  // namespace

ImagePosition ResolvePosition(ImagePosition position, RegionRequest::Kind kind, int screen_w,
                              int screen_h) {
  if (position != ImagePosition::kAuto) return position;
  if (screen_w >= screen_h) return ImagePosition::kRight;
  return kind == RegionRequest::kQr ? ImagePosition::kBelow : ImagePosition::kAbove;
}

SlideRegions PlaceRegions(const RegionRequest& r) {
  SlideRegions out;
  Box area = r.safe;
  const int gap = Round(std::min(r.screen_w, r.screen_h) * config::kPictureGap);
  if (r.logo) {
    out.logo = LogoBox(r);
    // The logo's band (its height and a gap) is taken from the top or the bottom.
    const int band = std::min(area.h - 1, out.logo->h + gap);
    if (out.logo->y == area.y) area.y += band;
    area.h -= band;
  }
  out.text = area;
  if (r.kind == RegionRequest::kNone) return out;

  const bool qr = r.kind == RegionRequest::kQr;
  Box pic = area;  // the picture's area (for a QR code, with the caption)
  if (r.has_text) {
    const ImagePosition where = ResolvePosition(r.position, r.kind, r.screen_w, r.screen_h);
    const bool beside = where == ImagePosition::kLeft || where == ImagePosition::kRight;
    const int along = beside ? area.w : area.h;  // the side the two share
    const int across = beside ? area.h : area.w;
    const int room = std::max(0, along - gap);
    const int most = Round(room * config::kMaxPictureShare);
    int size = Round(room * 0.5);  // not known: half each
    if (qr) {
      size = beside ? QrSide(r, most, across) : QrSide(r, across, most) + r.caption_h;
    } else if (r.cover) {
      size = Round(room * config::kCoverShare);
    } else if (r.aspect > 0) {
      size = std::min(most, Round(beside ? across * r.aspect : across / r.aspect));
    }
    size = std::clamp(size, 1, std::max(1, room - 1));
    const bool first = where == ImagePosition::kLeft || where == ImagePosition::kAbove;
    if (beside) {
      pic = {first ? area.x : area.x + area.w - size, area.y, size, area.h};
      out.text = {first ? area.x + size + gap : area.x, area.y, std::max(1, area.w - size - gap),
                  area.h};
    } else {
      pic = {area.x, first ? area.y : area.y + area.h - size, area.w, size};
      out.text = {area.x, first ? area.y + size + gap : area.y, area.w,
                  std::max(1, area.h - size - gap)};
    }
  }
  if (!qr) {
    out.picture = pic;
    return out;
  }
  // The code centred in its area, the caption right under it (the quiet zone is the gap).
  const int side = QrSide(r, pic.w, pic.h);
  const int block = side + r.caption_h;
  const Box code{pic.x + (pic.w - side) / 2, pic.y + (pic.h - block) / 2, side, side};
  out.picture = code;
  if (r.caption_h > 0) out.caption = {pic.x, code.y + side, pic.w, r.caption_h};
  return out;
}

}  // namespace kiosk
