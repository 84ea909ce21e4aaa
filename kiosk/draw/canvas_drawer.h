// Draws a Frame into pixels in memory (canvas.h): the software path, with no GPU. Like
// FrameDrawer (sdl_draw.h) it rasterises each slide's lines once, ahead of time, so a
// crossfade only blends finished text; the text is kept as 8-bit coverage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "canvas.h"
#include "config.h"
#include "frame.h"
#include "frame_pictures.h"
#include "picture_cache.h"
#include "slide_cache.h"

namespace kiosk {

class CanvasDrawer {
 public:
  // One line of text as pixels, and where its top goes relative to the item's box.
  struct Raster {
    TextImage image;
    int top = 0;
  };
  using Rasteriser = std::function<Raster(const TextItem&)>;

  // `pictures`: where the pictures come from (none: they are not drawn); a frame whose
  // pictures are not decoded yet waits up to `picture_wait_ms` for them (-1: until they are).
  explicit CanvasDrawer(Rasteriser rasterise, PictureCache* pictures = nullptr,
                        int picture_wait_ms = config::kPictureWaitMs)
      : rasterise_(std::move(rasterise)),
        slides_(config::kSlideTextureCache),
        pictures_(pictures, picture_wait_ms) {}

  // Draws `frame` into `target`, which is the Deck's screen size: the background, the
  // frame's under pictures, each slide layer (its pictures with their overlays, then its
  // text), the over pictures, the rectangles and the chrome text.
  void Draw(const Frame& frame, Deck& deck, PixelView target);
  // Lays out and rasterises a slide now, and has its pictures decoded in the background;
  // returns whether there was text to rasterise.
  bool Prepare(std::size_t slide, Deck& deck);
  // Forgets every text image (after a reload or a size change); the pictures' files are
  // checked again.
  void Clear();
  // Decoded pictures arrived: true if the frame drawn last should be drawn again.
  bool PicturesArrived() { return pictures_.Arrived(); }
  // The memory the images hold, in bytes.
  std::size_t bytes() const;

 private:
  struct Line {
    TextImage image;
    int x = 0, y = 0;
    std::uint8_t alpha = 255;  // the text colour's own alpha
  };
  struct ChromeText {
    TextItem item;
    Line line;
  };

  Line Make(const TextItem& item);
  const std::vector<Line>& Slide(std::size_t slide, Deck& deck);
  const Line& Chrome(const TextItem& item);
  // A live line's span (Deck::LiveItems): made once per value, kept while it shows.
  const Line& Live(const TextItem& item, std::vector<ChromeText>* shown);
  void DrawBand(const Band& band, PixelView target);
  void DrawPicture(PixelView target, const PictureItem& item, std::uint8_t alpha);

  Rasteriser rasterise_;
  SlideCache<Line> slides_;
  std::vector<ChromeText> chrome_;
  std::vector<ChromeText> live_;      // the live items of the frame drawn last
  std::vector<TextItem> band_items_;  // the announcement rasterised: once per message
  std::vector<Line> band_lines_;
  PictureWants pictures_;
};

}  // namespace kiosk
