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
  live_.clear();
  band_items_.clear();
  band_textures_.clear();
  picture_textures_.clear();
  pictures_.Recheck();
}

SDL_Texture* FrameDrawer::PictureTextureOf(const std::shared_ptr<const PreparedPicture>& picture) {
  for (const PictureTexture& t : picture_textures_) {
    if (t.picture == picture) return t.texture.get();
  }
  const Picture& p = picture->pixels;
  const std::uint32_t* pixels = p.argb.data();
  int w = p.width;
  int h = p.height;
  std::vector<std::uint32_t> smaller;
  if ((max_texture_w_ > 0 && w > max_texture_w_) || (max_texture_h_ > 0 && h > max_texture_h_)) {
    smaller = ScaleDownToFit(pixels, w, h, max_texture_w_ > 0 ? max_texture_w_ : w,
                             max_texture_h_ > 0 ? max_texture_h_ : h, &w, &h);
    pixels = smaller.data();
  }
  PictureTexture t;
  t.picture = picture;
  t.texture.reset(
      SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w, h));
  if (t.texture) {
    SDL_UpdateTexture(t.texture.get(), nullptr, pixels, w * 4);
    t.bytes = static_cast<std::size_t>(w) * h * 4;
    SDL_SetTextureBlendMode(t.texture.get(), SDL_BLENDMODE_BLEND);
  }
  picture_textures_.push_back(std::move(t));
  return picture_textures_.back().texture.get();
}

std::size_t FrameDrawer::picture_texture_bytes() const {
  std::size_t total = 0;
  for (const PictureTexture& t : picture_textures_) total += t.bytes;
  return total;
}

void FrameDrawer::DrawPicture(const PictureItem& item, std::uint8_t alpha) {
  const SDL_Rect box = ToSdl(item.box);
  SDL_RenderSetClipRect(renderer_, &box);
  if (PictureCache* cache = pictures_.cache()) {
    if (const std::shared_ptr<const PreparedPicture> p = cache->Find(item)) {
      if (SDL_Texture* texture = PictureTextureOf(p)) {
        const SDL_Rect dst = ToSdl(p->dst);
        SDL_SetTextureAlphaMod(texture, alpha);
        SDL_RenderCopy(renderer_, texture, nullptr, &dst);
      }
    }
  }
  if (item.overlay.a > 0) {
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer_, item.overlay.r, item.overlay.g, item.overlay.b,
                           static_cast<std::uint8_t>(item.overlay.a * alpha / 255));
    SDL_RenderFillRect(renderer_, &box);
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

const std::vector<FrameDrawer::Texture>& FrameDrawer::Slide(std::size_t slide, Deck& deck) {
  const std::uint64_t version = deck.Version(slide);
  if (const std::vector<Texture>* lines = slides_.Find(slide, version)) return *lines;
  std::vector<Texture> lines;
  for (const TextItem& item : deck.Items(slide)) lines.push_back(MakeTexture(item));
  return slides_.Store(slide, version, std::move(lines));
}

bool FrameDrawer::Prepare(std::size_t slide, Deck& deck) {
  pictures_.Next(slide, deck);
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

const FrameDrawer::Texture& FrameDrawer::Live(const TextItem& item,
                                              std::vector<ChromeText>* shown) {
  for (ChromeText& c : live_) {
    if (c.item == item && c.texture.texture) {
      shown->push_back(std::move(c));
      return shown->back().texture;
    }
  }
  shown->push_back({item, MakeTexture(item)});
  return shown->back().texture;
}

void FrameDrawer::Draw(const Frame& frame, Deck& deck) {
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(renderer_, frame.background.r, frame.background.g, frame.background.b,
                         255);
  SDL_RenderSetClipRect(renderer_, nullptr);
  SDL_RenderClear(renderer_);

  pictures_.Frame(frame, deck);
  PictureCache* cache = pictures_.cache();
  for (const PictureItem& item : frame.under) DrawPicture(item, 255);
  const std::vector<std::uint8_t> alphas =
      cache ? LayerAlphas(frame, deck, *cache) : std::vector<std::uint8_t>();
  const SDL_Rect clip = ToSdl(frame.clip);
  std::vector<ChromeText> live;  // reserved: Live's references stay valid
  std::size_t live_count = 0;
  for (const std::vector<TextItem>& items : frame.live) live_count += items.size();
  live.reserve(live_count);
  for (std::size_t i = 0; i < frame.layers.size(); ++i) {
    const SlideLayer& layer = frame.layers[i];
    const std::uint8_t alpha = alphas.empty() ? layer.alpha : alphas[i];
    if (alpha == 0) continue;
    if (cache) {
      for (const PictureItem& item : deck.Pictures(layer.slide)) DrawPicture(item, alpha);
    }
    SDL_RenderSetClipRect(renderer_, &clip);
    for (const Texture& t : Slide(layer.slide, deck)) {
      if (!t.texture) continue;
      SDL_SetTextureAlphaMod(t.texture.get(), static_cast<std::uint8_t>(alpha * t.alpha / 255));
      SDL_RenderCopy(renderer_, t.texture.get(), nullptr, &t.dst);
    }
    static const std::vector<TextItem> kNone;
    for (const TextItem& item : i < frame.live.size() ? frame.live[i] : kNone) {
      const Texture& t = Live(item, &live);
      if (!t.texture) continue;
      SDL_SetTextureAlphaMod(t.texture.get(), static_cast<std::uint8_t>(alpha * t.alpha / 255));
      SDL_RenderCopy(renderer_, t.texture.get(), nullptr, &t.dst);
    }
    SDL_RenderSetClipRect(renderer_, nullptr);
  }
  live_ = std::move(live);
  for (const PictureItem& item : frame.over) DrawPicture(item, 255);
  // Textures of pictures the cache no longer holds go (a drawer alone keeps them alive).
  std::erase_if(picture_textures_,
                [](const PictureTexture& t) { return t.picture.use_count() == 1; });

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
