// What the two drawers (software and GPU) share about a Frame's pictures: which pictures
// it needs, keeping those and the next slide's in the cache, and how strongly each slide
// layer is drawn.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "frame.h"
#include "picture_cache.h"

namespace kiosk {

// The pictures of `frame`: under, each layer's slide's, over.
std::vector<PictureItem> PicturesOf(const Frame& frame, Deck& deck);

// The alpha each of frame.layers is drawn with. A crossfade draws the outgoing slide at
// 1 - t and the incoming at t over it; where the incoming slide covers the whole screen
// with an opaque picture, the outgoing one is drawn fully instead, so two full-screen
// backgrounds blend into each other without showing the theme's background halfway.
std::vector<std::uint8_t> LayerAlphas(const Frame& frame, Deck& deck, const PictureCache& cache);

// Whether `item`'s pixels are ready and opaque and cover the whole w x h screen: what is
// drawn before it at full strength does not show.
bool CoversScreen(const PictureCache& cache, const PictureItem& item, int w, int h);

// Keeps the cache holding the pictures of the frame drawn last and of the slide prepared
// last (the next one), and nothing else.
class PictureWants {
 public:
  explicit PictureWants(PictureCache* cache, int wait_ms) : cache_(cache), wait_ms_(wait_ms) {}
  // Before drawing `frame`: asks for its pictures and waits up to wait_ms for those not
  // ready.
  void Frame(const kiosk::Frame& frame, Deck& deck);
  // The slide shown next.
  void Next(std::size_t slide, Deck& deck);
  // Takes the decoded pictures; true if one of the last frame's changed (draw again).
  bool Arrived();
  // After a reload: the files may differ.
  void Recheck();
  PictureCache* cache() const { return cache_; }

 private:
  void Keep();
  std::vector<std::shared_ptr<const PreparedPicture>> Found() const;
  PictureCache* cache_;
  int wait_ms_;
  std::vector<PictureItem> frame_;
  std::vector<PictureItem> next_;
  std::vector<std::shared_ptr<const PreparedPicture>>
      drawn_;  // what Find gave for frame_ when drawn
};

}  // namespace kiosk
