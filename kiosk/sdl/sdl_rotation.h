// Turning the picture by 90, 180 or 270 degrees in the renderer, for screens mounted on
// their side or upside down: KMSDRM ignores the panel's orientation, so kiosk lays out
// for the turned screen, draws into a texture of that size and copies it turned.
#pragma once

#include <SDL.h>

namespace kiosk {

class SdlRotation {
 public:
  explicit SdlRotation(int degrees) : degrees_(degrees) {}
  ~SdlRotation() { Reset(); }
  SdlRotation(const SdlRotation&) = delete;
  SdlRotation& operator=(const SdlRotation&) = delete;

  // The size to lay out for on an output of `w` x `h`: swapped at 90 and 270 degrees.
  void LayoutSize(int* w, int* h) const;
  // Directs drawing into the turned texture, (re)creating it for the current output size.
  // At 0 degrees, or if the texture cannot be made (logged once), drawing goes straight
  // to the screen and Begin returns false.
  bool Begin(SDL_Renderer* renderer);
  // Copies what was drawn since Begin onto the screen, turned.
  void End();
  // Drops the texture: call it before its renderer is destroyed. The next Begin makes a
  // new one (after a size change or SDL_RENDER_TARGETS_RESET nothing else is needed).
  void Reset();

 private:
  int degrees_;
  SDL_Renderer* renderer_ = nullptr;  // the texture's owner
  SDL_Texture* texture_ = nullptr;
  int texture_w_ = 0, texture_h_ = 0;
  bool active_ = false;
  bool failed_ = false;
};

}  // namespace kiosk
