// Draws a Frame with an SDL_Renderer. Slide text is rasterised once per slide into
// textures (ahead of time with Prepare), so a crossfade only blends textures.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "config.h"
#include "frame.h"
#include "sdl_text.h"
#include "slide_cache.h"

namespace kiosk {

class FrameDrawer {
 public:
  FrameDrawer(SDL_Renderer* renderer, TtfFonts& fonts)
      : renderer_(renderer), fonts_(fonts), slides_(config::kSlideTextureCache) {}
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
  struct DestroyTexture {
    void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
  };
  struct Texture {
    std::unique_ptr<SDL_Texture, DestroyTexture> texture;
    SDL_Rect dst{};
    std::uint8_t alpha = 255;  // the text colour's own alpha
  };
  struct ChromeText {
    TextItem item;
    Texture texture;
  };

  Texture MakeTexture(const TextItem& item);
  const std::vector<Texture>& Slide(std::size_t slide, Deck& deck);
  const Texture& Chrome(const TextItem& item);
  void DrawBand(const Band& band);

  SDL_Renderer* renderer_;
  TtfFonts& fonts_;
  SlideCache<Texture> slides_;
  std::vector<ChromeText> chrome_;
  std::vector<TextItem> band_items_;  // the announcement rasterised: once per message
  std::vector<Texture> band_textures_;
};

}  // namespace kiosk
