#include "sdl_draw.h"

#include <algorithm>
#include <cstdint>

#include "canvas.h"
#include "config.h"

namespace kiosk {
namespace {

constexpr std::size_t kChromeCache = 4;  // counter texts: current, neighbours, typed number

SDL_Rect ToSdl(const Box& b) { return SDL_Rect{b.x, b.y, b.w, b.h}; }

}  // namespace

FrameDrawer::Texture FrameDrawer::MakeTexture(const TextItem& item) {
  Texture t;
  int top = 0;
  SDL_Surface* surface = fonts_.Render(item.text, item.style, item.px, item.color, item.rtl, &top);
  if (!surface) return t;
  // Textures of just the inked rows take less memory and less blending.
  int first = 0;
  int end = surface->h;
  if (surface->format->format == SDL_PIXELFORMAT_ARGB8888 && !SDL_MUSTLOCK(surface)) {
    InkedRows(static_cast<const std::uint32_t*>(surface->pixels), surface->w, surface->h,
              surface->pitch / 4, &first, &end);
  }
  if (end <= first) {  // only spaces
    SDL_FreeSurface(surface);
    return t;
  }
  if (first > 0 || end < surface->h) {
    // A view of the inked rows (sharing the pixels) to make the texture from.
    SDL_Surface* inked = SDL_CreateRGBSurfaceWithFormatFrom(
        static_cast<Uint8*>(surface->pixels) + first * surface->pitch, surface->w, end - first, 32,
        surface->pitch, SDL_PIXELFORMAT_ARGB8888);
    t.texture.reset(inked ? SDL_CreateTextureFromSurface(renderer_, inked) : nullptr);
    if (inked) SDL_FreeSurface(inked);
  } else {
    t.texture.reset(SDL_CreateTextureFromSurface(renderer_, surface));
  }
  t.dst = SDL_Rect{item.box.x, item.box.y + top + first, surface->w, end - first};
  t.alpha = item.color.a;
  SDL_FreeSurface(surface);
  if (t.texture) SDL_SetTextureBlendMode(t.texture.get(), SDL_BLENDMODE_BLEND);
  return t;
}

void FrameDrawer::Clear() {
  slides_.Clear();
  chrome_.clear();
  band_items_.clear();
  band_textures_.clear();
}

const std::vector<FrameDrawer::Texture>& FrameDrawer::Slide(std::size_t slide, Deck& deck) {
  const std::uint64_t version = deck.Version(slide);
  if (const std::vector<Texture>* lines = slides_.Find(slide, version)) return *lines;
  std::vector<Texture> lines;
  for (const TextItem& item : deck.Items(slide)) lines.push_back(MakeTexture(item));
  return slides_.Store(slide, version, std::move(lines));
}

bool FrameDrawer::Prepare(std::size_t slide, Deck& deck) {
  if (slide >= deck.playlist().slides.size() || slides_.Find(slide, deck.Version(slide))) {
    return false;
  }
  Slide(slide, deck);
  return true;
}

const FrameDrawer::Texture& FrameDrawer::Chrome(const TextItem& item) {
  for (ChromeText& c : chrome_) {
    if (c.item == item) return c.texture;
  }
  if (chrome_.size() >= kChromeCache) chrome_.erase(chrome_.begin());
  chrome_.push_back({item, MakeTexture(item)});
  return chrome_.back().texture;
}

void FrameDrawer::Draw(const Frame& frame, Deck& deck) {
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(renderer_, frame.background.r, frame.background.g, frame.background.b,
                         255);
  SDL_RenderSetClipRect(renderer_, nullptr);
  SDL_RenderClear(renderer_);

  const SDL_Rect clip = ToSdl(frame.clip);
  SDL_RenderSetClipRect(renderer_, &clip);
  for (const SlideLayer& layer : frame.layers) {
    if (layer.alpha == 0) continue;
    for (const Texture& t : Slide(layer.slide, deck)) {
      if (!t.texture) continue;
      SDL_SetTextureAlphaMod(t.texture.get(),
                             static_cast<std::uint8_t>(layer.alpha * t.alpha / 255));
      SDL_RenderCopy(renderer_, t.texture.get(), nullptr, &t.dst);
    }
  }
  SDL_RenderSetClipRect(renderer_, nullptr);

  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
  for (const RectItem& r : frame.rects) {
    const SDL_Rect rect = ToSdl(r.box);
    SDL_SetRenderDrawColor(renderer_, r.color.r, r.color.g, r.color.b, r.color.a);
    SDL_RenderFillRect(renderer_, &rect);
  }
  for (const TextItem& item : frame.texts) {
    const Texture& t = Chrome(item);
    if (!t.texture) continue;
    SDL_SetTextureAlphaMod(t.texture.get(), t.alpha);
    SDL_RenderCopy(renderer_, t.texture.get(), nullptr, &t.dst);
  }
  if (frame.band) DrawBand(*frame.band);
}

void FrameDrawer::DrawBand(const Band& band) {
  if (band.alpha == 0) return;
  if (band.texts != band_items_) {
    band_textures_.clear();
    for (const TextItem& item : band.texts) band_textures_.push_back(MakeTexture(item));
    band_items_ = band.texts;
  }
  const SDL_Rect box = ToSdl(band.box);
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(renderer_, band.background.r, band.background.g, band.background.b,
                         static_cast<std::uint8_t>(band.background.a * band.alpha / 255));
  SDL_RenderFillRect(renderer_, &box);
  SDL_RenderSetClipRect(renderer_, &box);
  for (const Texture& t : band_textures_) {
    if (!t.texture) continue;
    SDL_SetTextureAlphaMod(t.texture.get(), static_cast<std::uint8_t>(band.alpha * t.alpha / 255));
    SDL_RenderCopy(renderer_, t.texture.get(), nullptr, &t.dst);
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

}  // namespace kiosk
