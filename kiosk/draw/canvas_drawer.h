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

  explicit CanvasDrawer(Rasteriser rasterise)
      : rasterise_(std::move(rasterise)), slides_(config::kSlideTextureCache) {}

  // Draws `frame` into `target`, which is the Deck's screen size.
  void Draw(const Frame& frame, Deck& deck, PixelView target);
  // Lays out and rasterises a slide now; returns whether there was anything to do.
  bool Prepare(std::size_t slide, Deck& deck);
  // Forgets every image (after a reload or a size change).
  void Clear();
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
  void DrawBand(const Band& band, PixelView target);

  Rasteriser rasterise_;
  SlideCache<Line> slides_;
  std::vector<ChromeText> chrome_;
  std::vector<TextItem> band_items_;  // the announcement rasterised: once per message
  std::vector<Line> band_lines_;
};

}  // namespace kiosk
