// Draws a Frame with an SDL_Renderer. Slide text is rasterised once per slide into
// textures (ahead of time with Prepare), so a crossfade only blends textures.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <vector>

#include "frame.h"
#include "sdl_text.h"

namespace kiosk {

class FrameDrawer {
 public:
  FrameDrawer(SDL_Renderer* renderer, TtfFonts& fonts) : renderer_(renderer), fonts_(fonts) {}
  FrameDrawer(const FrameDrawer&) = delete;
  FrameDrawer& operator=(const FrameDrawer&) = delete;
  ~FrameDrawer() { Clear(); }

  // Draws into the renderer's target; the caller presents or reads the pixels.
  void Draw(const Frame& frame, Deck& deck);
  // Lays out and rasterises a slide now, so showing it later costs only a blit. Returns
  // whether there was anything to do (false: it was ready).
  bool Prepare(std::size_t slide, Deck& deck);
  // Drops every texture (after a renderer reset, a reload or a size change).
  void Clear();

 private:
  struct Texture {
    SDL_Texture* texture = nullptr;
    SDL_Rect dst{};
    std::uint8_t alpha = 255;  // the text colour's own alpha
  };
  struct SlideTextures {
    std::uint64_t version = 0;  // Deck::Version of the layout drawn
    std::size_t slide = 0;
    std::uint64_t last_use = 0;
    std::vector<Texture> lines;
  };
  struct ChromeText {
    TextItem item;
    Texture texture;
  };

  Texture MakeTexture(const TextItem& item);
  SlideTextures& Slide(std::size_t slide, Deck& deck);
  SlideTextures* Cached(std::size_t slide, Deck& deck);  // nullptr: not rasterised yet
  const Texture& Chrome(const TextItem& item);
  static void Destroy(SlideTextures& s);

  SDL_Renderer* renderer_;
  TtfFonts& fonts_;
  std::uint64_t use_counter_ = 0;
  std::vector<SlideTextures> slides_;
  std::vector<ChromeText> chrome_;
};

}  // namespace kiosk
