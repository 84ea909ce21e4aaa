// Where the show's frames go, chosen once the window exists:
//  - the GPU: an SDL_Renderer (OpenGL ES 2 through KMSDRM on a Pi, a desktop's GL), the
//    text in textures (FrameDrawer), turned by SdlRotation, paced by vsync;
//  - no GPU: kiosk draws into the window's own pixels (SDL_GetWindowSurface) with
//    CanvasDrawer and turns them itself. No OpenGL is loaded (Mesa's llvmpipe alone is
//    about 60 MiB), and a crossfade blends 8-bit text rather than SDL's generic blitter.
#pragma once

#include <SDL.h>

#include <memory>
#include <string>

#include "canvas_drawer.h"
#include "deck.h"
#include "frame.h"
#include "picture_cache.h"
#include "sdl_text.h"

namespace kiosk {

class Screen {
 public:
  virtual ~Screen() = default;
  // The size to lay out for: the output's, width and height swapped at 90 and 270
  // degrees. False while the output has no size.
  virtual bool LayoutSize(int* w, int* h) = 0;
  // Draws `frame` (not yet visible).
  virtual void Draw(const Frame& frame, Deck& deck) = 0;
  // Waits until the drawing is really done (for frame times; Present implies it).
  virtual void Finish() = 0;
  virtual void Present() = 0;
  // Lays out and rasterises a slide ahead of time; false if it was ready.
  virtual bool Prepare(std::size_t slide, Deck& deck) = 0;
  // Forgets all rasterised text: after a reload, a size change or lost textures. The
  // pictures' files are checked again (a changed one is decoded again).
  virtual void Clear() = 0;
  // The picture cache woke the loop: true if the frame shown should be drawn again.
  virtual bool PicturesArrived() = 0;
  // After SDL_RENDER_DEVICE_RESET: a new renderer. False if there is none.
  virtual bool Reset() = 0;
  // Whether Present waits for vsync (else the loop paces crossfades itself).
  virtual bool PacedByVsync() const = 0;
  // For the log: "opengles2", "software", ...
  virtual std::string Name() const = 0;
};

// The screen of `window`. `software`: kiosk's own drawing; else the GPU, or kiosk's own
// drawing if no accelerated renderer can be made (logged). nullptr if neither works.
// `pictures`: where decoded pictures come from (none: pictures are not drawn).
std::unique_ptr<Screen> OpenScreen(SDL_Window* window, TtfFonts& fonts, int rotate, bool software,
                                   PictureCache* pictures = nullptr);

// One line of text as kiosk's software drawing keeps it (also for --render).
CanvasDrawer::Raster RasteriseLine(TtfFonts& fonts, const TextItem& item);

}  // namespace kiosk
