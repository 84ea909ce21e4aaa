#include "sdl_rotation.h"

#include <string>
#include <utility>

#include "log.h"

namespace kiosk {

void SdlRotation::LayoutSize(int* w, int* h) const {
  if (degrees_ == 90 || degrees_ == 270) std::swap(*w, *h);
}

bool SdlRotation::Begin(SDL_Renderer* renderer) {
  active_ = false;
  if (degrees_ == 0 || failed_) return false;
  int w = 0;
  int h = 0;
  if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0 || w <= 0 || h <= 0) return false;
  LayoutSize(&w, &h);
  if (texture_ && (renderer != renderer_ || w != texture_w_ || h != texture_h_)) Reset();
  if (!texture_) {
    texture_ =
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!texture_) {
      Log("cannot rotate the picture by " + std::to_string(degrees_) + " degrees (" +
          SDL_GetError() + "): showing it unrotated");
      failed_ = true;
      return false;
    }
    renderer_ = renderer;
    texture_w_ = w;
    texture_h_ = h;
  }
  if (SDL_SetRenderTarget(renderer, texture_) != 0) return false;
  active_ = true;
  return true;
}

void SdlRotation::End() {
  if (!active_) return;
  active_ = false;
  SDL_SetRenderTarget(renderer_, nullptr);
  int w = 0;
  int h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  // The texture's unturned rectangle, centred on the screen: turned about its centre it
  // covers the screen exactly.
  const SDL_Rect dst{(w - texture_w_) / 2, (h - texture_h_) / 2, texture_w_, texture_h_};
  SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
  SDL_RenderClear(renderer_);
  SDL_RenderCopyEx(renderer_, texture_, nullptr, &dst, degrees_, nullptr, SDL_FLIP_NONE);
}

void SdlRotation::Reset() {
  if (texture_) SDL_DestroyTexture(texture_);
  texture_ = nullptr;
  renderer_ = nullptr;
  active_ = false;
}

}  // namespace kiosk
