#include "sdl_draw.h"

#include <algorithm>

#include "config.h"

namespace kiosk {
namespace {

constexpr std::size_t kChromeCache = 4;  // counter texts: current, neighbours, typed number

SDL_Rect ToSdl(const Box& b) { return SDL_Rect{b.x, b.y, b.w, b.h}; }

// The rows of an ARGB8888 surface that have ink: a line's surface is as high as the
// font's whole line, but most lines leave rows above the capitals and below the baseline
// empty. Textures of just the inked rows take less memory and less blending.
void InkedRows(SDL_Surface* s, int* first, int* end) {
  *first = 0;
  *end = s->h;
  if (s->format->format != SDL_PIXELFORMAT_ARGB8888 || SDL_MUSTLOCK(s)) return;
  auto inked = [s](int y) {
    const auto* row =
        reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch);
    for (int x = 0; x < s->w; ++x) {
      if (row[x] & 0xFF000000u) return true;
    }
    return false;
  };
  while (*first < *end && !inked(*first)) ++*first;
  while (*end > *first && !inked(*end - 1)) --*end;
}

}  // namespace

FrameDrawer::Texture FrameDrawer::MakeTexture(const TextItem& item) {
  Texture t;
  int top = 0;
  SDL_Surface* surface = fonts_.Render(item.text, item.style, item.px, item.color, item.rtl, &top);
  if (!surface) return t;
  int first = 0;
  int end = surface->h;
  InkedRows(surface, &first, &end);
  if (end <= first) {  // only spaces
    SDL_FreeSurface(surface);
    return t;
  }
  if (first > 0 || end < surface->h) {
    // A view of the inked rows (sharing the pixels) to make the texture from.
    SDL_Surface* inked = SDL_CreateRGBSurfaceWithFormatFrom(
        static_cast<Uint8*>(surface->pixels) + first * surface->pitch, surface->w, end - first, 32,
        surface->pitch, SDL_PIXELFORMAT_ARGB8888);
    t.texture = inked ? SDL_CreateTextureFromSurface(renderer_, inked) : nullptr;
    if (inked) SDL_FreeSurface(inked);
  } else {
    t.texture = SDL_CreateTextureFromSurface(renderer_, surface);
  }
  t.dst = SDL_Rect{item.box.x, item.box.y + top + first, surface->w, end - first};
  t.alpha = item.color.a;
  SDL_FreeSurface(surface);
  if (t.texture) SDL_SetTextureBlendMode(t.texture, SDL_BLENDMODE_BLEND);
  return t;
}

void FrameDrawer::Destroy(SlideTextures& s) {
  for (Texture& t : s.lines) {
    if (t.texture) SDL_DestroyTexture(t.texture);
  }
  s.lines.clear();
}

void FrameDrawer::Clear() {
  for (SlideTextures& s : slides_) Destroy(s);
  slides_.clear();
  for (ChromeText& c : chrome_) {
    if (c.texture.texture) SDL_DestroyTexture(c.texture.texture);
  }
  chrome_.clear();
}

FrameDrawer::SlideTextures* FrameDrawer::Cached(std::size_t slide, Deck& deck) {
  const std::uint64_t version = deck.Version(slide);
  for (SlideTextures& s : slides_) {
    if (s.slide == slide && s.version == version) return &s;
  }
  return nullptr;
}

FrameDrawer::SlideTextures& FrameDrawer::Slide(std::size_t slide, Deck& deck) {
  ++use_counter_;
  if (SlideTextures* cached = Cached(slide, deck)) {
    cached->last_use = use_counter_;
    return *cached;
  }
  const std::uint64_t version = deck.Version(slide);
  // A free place, or the least recently used one.
  SlideTextures* target = nullptr;
  if (slides_.size() < static_cast<std::size_t>(config::kSlideTextureCache)) {
    target = &slides_.emplace_back();
  }
  if (!target) {
    target = &*std::min_element(
        slides_.begin(), slides_.end(),
        [](const SlideTextures& a, const SlideTextures& b) { return a.last_use < b.last_use; });
  }
  Destroy(*target);
  target->slide = slide;
  target->version = version;
  target->last_use = use_counter_;
  for (const TextItem& item : deck.Items(slide)) target->lines.push_back(MakeTexture(item));
  return *target;
}

bool FrameDrawer::Prepare(std::size_t slide, Deck& deck) {
  if (slide >= deck.playlist().slides.size() || Cached(slide, deck)) return false;
  Slide(slide, deck);
  return true;
}

const FrameDrawer::Texture& FrameDrawer::Chrome(const TextItem& item) {
  for (ChromeText& c : chrome_) {
    if (c.item == item) return c.texture;
  }
  if (chrome_.size() >= kChromeCache) {
    if (chrome_.front().texture.texture) SDL_DestroyTexture(chrome_.front().texture.texture);
    chrome_.erase(chrome_.begin());
  }
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
    for (const Texture& t : Slide(layer.slide, deck).lines) {
      if (!t.texture) continue;
      SDL_SetTextureAlphaMod(t.texture, static_cast<std::uint8_t>(layer.alpha * t.alpha / 255));
      SDL_RenderCopy(renderer_, t.texture, nullptr, &t.dst);
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
    SDL_SetTextureAlphaMod(t.texture, t.alpha);
    SDL_RenderCopy(renderer_, t.texture, nullptr, &t.dst);
  }
}

}  // namespace kiosk
