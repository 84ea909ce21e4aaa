// Draws a Frame with an SDL_Renderer. Slide text is rasterised once per slide into
// textures (ahead of time with Prepare), so a crossfade only blends textures. Pictures come
// decoded and scaled from the PictureCache; each becomes a texture once, scaled down into
// the renderer's largest texture (2048 on a Pi 3) and stretched back by the GPU.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "config.h"
#include "frame.h"
#include "frame_pictures.h"
#include "picture_cache.h"
#include "sdl_text.h"
#include "slide_cache.h"

namespace kiosk {

class FrameDrawer {
 public:
  // `pictures`: none, no pictures are drawn. max_texture_w/h: SDL_RendererInfo's (0: no
  // limit).
  FrameDrawer(SDL_Renderer* renderer, TtfFonts& fonts, PictureCache* pictures = nullptr,
              int max_texture_w = 0, int max_texture_h = 0,
              int picture_wait_ms = config::kPictureWaitMs)
      : renderer_(renderer),
        fonts_(fonts),
        slides_(config::kSlideTextureCache),
        pictures_(pictures, picture_wait_ms),
        max_texture_w_(max_texture_w),
        max_texture_h_(max_texture_h) {}
  FrameDrawer(const FrameDrawer&) = delete;
  FrameDrawer& operator=(const FrameDrawer&) = delete;
  ~FrameDrawer() { Clear(); }

  // Draws into the renderer's target; the caller presents or reads the pixels.
  void Draw(const Frame& frame, Deck& deck);
  // Lays out and rasterises a slide now, so showing it later costs only a blit. Returns
  // whether there was anything to do (false: it was ready).
  bool Prepare(std::size_t slide, Deck& deck);
  // Drops every texture (after a renderer reset, a reload or a size change); the
  // pictures' files are checked again.
  void Clear();
  // Decoded pictures arrived: true if the frame drawn last should be drawn again.
  bool PicturesArrived() { return pictures_.Arrived(); }
  // The memory of the pictures' textures, in bytes (as uploaded: after any scaling down).
  std::size_t picture_texture_bytes() const;

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
  struct PictureTexture {
    std::shared_ptr<const PreparedPicture> picture;  // held: its address is the key
    std::unique_ptr<SDL_Texture, DestroyTexture> texture;
    std::size_t bytes = 0;
  };

  Texture MakeTexture(const TextItem& item);
  const std::vector<Texture>& Slide(std::size_t slide, Deck& deck);
  const Texture& Chrome(const TextItem& item);
  // A live line's span (Deck::LiveItems): made once per value, kept while it shows.
  const Texture& Live(const TextItem& item, std::vector<ChromeText>* shown);
  void DrawBand(const Band& band);
  SDL_Texture* PictureTextureOf(const std::shared_ptr<const PreparedPicture>& picture);
  void DrawPicture(const PictureItem& item, std::uint8_t alpha);

  SDL_Renderer* renderer_;
  TtfFonts& fonts_;
  SlideCache<Texture> slides_;
  std::vector<ChromeText> chrome_;
  std::vector<ChromeText> live_;      // the live items of the frame drawn last
  std::vector<TextItem> band_items_;  // the announcement rasterised: once per message
  std::vector<Texture> band_textures_;
  PictureWants pictures_;
  std::vector<PictureTexture> picture_textures_;
  int max_texture_w_, max_texture_h_;
};

}  // namespace kiosk
