#include "sdl_screen.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "log.h"
#include "sdl_draw.h"
#include "sdl_rotation.h"

namespace kiosk {
namespace {

// The GPU through an SDL_Renderer.
class RendererScreen : public Screen {
 public:
  RendererScreen(SDL_Window* window, TtfFonts& fonts, int rotate, PictureCache* pictures)
      : window_(window), fonts_(fonts), rotation_(rotate), pictures_(pictures) {}
  ~RendererScreen() override { Destroy(); }

  bool Create() {
    Destroy();
    renderer_ =
        SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!renderer_) return false;
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer_, &info);
    name_ = info.name ? info.name : "?";
    paced_by_vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    // A Pi 3's GPU takes textures of at most 2048x2048, a Pi 4's 4096x4096: a picture
    // larger than that (a 4K screen's background) is scaled down into it.
    drawer_ = std::make_unique<FrameDrawer>(renderer_, fonts_, pictures_, info.max_texture_width,
                                            info.max_texture_height);
    return true;
  }

  bool LayoutSize(int* w, int* h) override {
    if (SDL_GetRendererOutputSize(renderer_, w, h) != 0 || *w <= 0 || *h <= 0) return false;
    rotation_.LayoutSize(w, h);
    return true;
  }
  void Draw(const Frame& frame, Deck& deck) override {
    rotation_.Begin(renderer_);
    drawer_->Draw(frame, deck);
    rotation_.End();
  }
  void Finish() override { SDL_RenderFlush(renderer_); }
  void Present() override { SDL_RenderPresent(renderer_); }
  bool Prepare(std::size_t slide, Deck& deck) override { return drawer_->Prepare(slide, deck); }
  void Clear() override { drawer_->Clear(); }
  bool PicturesArrived() override { return drawer_->PicturesArrived(); }
  bool Reset() override { return Create(); }
  bool PacedByVsync() const override { return paced_by_vsync_; }
  std::string Name() const override { return name_; }

 private:
  void Destroy() {
    drawer_.reset();
    rotation_.Reset();
    if (renderer_) SDL_DestroyRenderer(renderer_);
    renderer_ = nullptr;
  }

  SDL_Window* window_;
  TtfFonts& fonts_;
  SdlRotation rotation_;
  PictureCache* pictures_;
  SDL_Renderer* renderer_ = nullptr;
  std::unique_ptr<FrameDrawer> drawer_;
  std::string name_;
  bool paced_by_vsync_ = true;
};

bool IsXrgb(const SDL_Surface* s) {
  return s->format->format == SDL_PIXELFORMAT_XRGB8888 ||
         s->format->format == SDL_PIXELFORMAT_ARGB8888;
}

// kiosk's own drawing into the window's pixels.
class CanvasScreen : public Screen {
 public:
  CanvasScreen(SDL_Window* window, TtfFonts& fonts, int rotate, PictureCache* pictures)
      : window_(window),
        rotate_(rotate),
        drawer_([&fonts](const TextItem& item) { return RasteriseLine(fonts, item); }, pictures) {}

  bool LayoutSize(int* w, int* h) override {
    SDL_Surface* surface = SDL_GetWindowSurface(window_);
    if (!surface || surface->w <= 0 || surface->h <= 0) return false;
    *w = surface->w;
    *h = surface->h;
    if (rotate_ == 90 || rotate_ == 270) std::swap(*w, *h);
    return true;
  }

  void Draw(const Frame& frame, Deck& deck) override {
    SDL_Surface* surface = SDL_GetWindowSurface(window_);
    if (!surface) {
      if (!surface_failed_) Log(std::string("cannot draw: no window surface: ") + SDL_GetError());
      surface_failed_ = true;
      return;
    }
    surface_failed_ = false;
    const int w = deck.width();
    const int h = deck.height();
    const bool turned = rotate_ == 90 || rotate_ == 270;
    const int out_w = turned ? h : w;
    const int out_h = turned ? w : h;
    // Not while a size change is on its way (its event lays out again): then the picture
    // is clipped for a frame rather than the screen left as it was.
    const bool fits = surface->w == out_w && surface->h == out_h;
    if (rotate_ == 0 && fits && IsXrgb(surface) && SDL_LockSurface(surface) == 0) {
      drawer_.Draw(frame, deck, View(surface));
      SDL_UnlockSurface(surface);
      return;
    }
    // Drawn in the layout's orientation, then turned, converted or clipped into the window.
    canvas_.resize(static_cast<std::size_t>(w) * h);
    const PixelView canvas{canvas_.data(), w, h, w};
    drawer_.Draw(frame, deck, canvas);
    if (fits && IsXrgb(surface) && SDL_LockSurface(surface) == 0) {
      Rotate(canvas, View(surface), rotate_);
      SDL_UnlockSurface(surface);
      return;
    }
    PixelView out = canvas;
    if (rotate_ != 0) {
      turned_.resize(canvas_.size());
      out = PixelView{turned_.data(), out_w, out_h, out_w};
      Rotate(canvas, out, rotate_);
    }
    if (SDL_Surface* from = SDL_CreateRGBSurfaceWithFormatFrom(
            out.pixels, out.width, out.height, 32, out.pitch * 4, SDL_PIXELFORMAT_XRGB8888)) {
      SDL_BlitSurface(from, nullptr, surface, nullptr);
      SDL_FreeSurface(from);
    }
  }
  void Finish() override {}
  void Present() override { SDL_UpdateWindowSurface(window_); }
  bool Prepare(std::size_t slide, Deck& deck) override { return drawer_.Prepare(slide, deck); }
  void Clear() override { drawer_.Clear(); }
  bool PicturesArrived() override { return drawer_.PicturesArrived(); }
  bool Reset() override { return true; }
  bool PacedByVsync() const override { return false; }
  std::string Name() const override { return "software"; }

 private:
  static PixelView View(SDL_Surface* s) {
    return PixelView{static_cast<std::uint32_t*>(s->pixels), s->w, s->h, s->pitch / 4};
  }

  SDL_Window* window_;
  int rotate_;
  CanvasDrawer drawer_;
  std::vector<std::uint32_t> canvas_;  // only when turned or converted
  std::vector<std::uint32_t> turned_;
  bool surface_failed_ = false;
};

}  // namespace

std::unique_ptr<Screen> OpenScreen(SDL_Window* window, TtfFonts& fonts, int rotate, bool software,
                                   PictureCache* pictures) {
  if (!software) {
    auto gpu = std::make_unique<RendererScreen>(window, fonts, rotate, pictures);
    if (gpu->Create()) return gpu;
    Log(std::string("no accelerated renderer (") + SDL_GetError() + "), drawing in software");
  }
  if (!SDL_GetWindowSurface(window)) {
    Log(std::string("cannot draw in software either: ") + SDL_GetError());
    return nullptr;
  }
  return std::make_unique<CanvasScreen>(window, fonts, rotate, pictures);
}

CanvasDrawer::Raster RasteriseLine(TtfFonts& fonts, const TextItem& item) {
  CanvasDrawer::Raster raster;
  int top = 0;
  SDL_Surface* surface = fonts.Render(item.text, item.style, item.px, item.color, item.rtl, &top);
  if (!surface) return raster;
  if (surface->format->format != SDL_PIXELFORMAT_ARGB8888) {
    SDL_Surface* argb = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(surface);
    surface = argb;
    if (!surface) return raster;
  }
  int first = 0;
  if (SDL_LockSurface(surface) == 0) {
    raster.image = MakeTextImage(static_cast<const std::uint32_t*>(surface->pixels), surface->w,
                                 surface->h, surface->pitch / 4, item.color, &first);
    SDL_UnlockSurface(surface);
  }
  raster.top = top + first;
  SDL_FreeSurface(surface);
  return raster;
}

}  // namespace kiosk
