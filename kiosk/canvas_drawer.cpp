#include "canvas_drawer.h"

#include <algorithm>

#include "config.h"

namespace kiosk {
namespace {

constexpr std::size_t kChromeCache = 4;  // counter texts: current, neighbours, typed number

}  // namespace

CanvasDrawer::Line CanvasDrawer::Make(const TextItem& item) {
  Raster raster = rasterise_(item);
  Line line;
  line.x = item.box.x;
  line.y = item.box.y + raster.top;
  line.alpha = item.color.a;
  line.image = std::move(raster.image);
  return line;
}

CanvasDrawer::SlideImages* CanvasDrawer::Cached(std::size_t slide, Deck& deck) {
  const std::uint64_t version = deck.Version(slide);
  for (SlideImages& s : slides_) {
    if (s.slide == slide && s.version == version) return &s;
  }
  return nullptr;
}

CanvasDrawer::SlideImages& CanvasDrawer::Slide(std::size_t slide, Deck& deck) {
  ++use_counter_;
  if (SlideImages* cached = Cached(slide, deck)) {
    cached->last_use = use_counter_;
    return *cached;
  }
  SlideImages* target = nullptr;
  if (slides_.size() < static_cast<std::size_t>(config::kSlideTextureCache)) {
    target = &slides_.emplace_back();
  } else {
    target = &*std::min_element(
        slides_.begin(), slides_.end(),
        [](const SlideImages& a, const SlideImages& b) { return a.last_use < b.last_use; });
  }
  target->slide = slide;
  target->version = deck.Version(slide);
  target->last_use = use_counter_;
  target->lines.clear();
  for (const TextItem& item : deck.Items(slide)) target->lines.push_back(Make(item));
  return *target;
}

bool CanvasDrawer::Prepare(std::size_t slide, Deck& deck) {
  if (slide >= deck.playlist().slides.size() || Cached(slide, deck)) return false;
  Slide(slide, deck);
  return true;
}

void CanvasDrawer::Clear() {
  slides_.clear();
  chrome_.clear();
}

std::size_t CanvasDrawer::bytes() const {
  std::size_t total = 0;
  for (const SlideImages& s : slides_) {
    for (const Line& l : s.lines) total += l.image.bytes();
  }
  for (const ChromeText& c : chrome_) total += c.line.image.bytes();
  return total;
}

const CanvasDrawer::Line& CanvasDrawer::Chrome(const TextItem& item) {
  for (const ChromeText& c : chrome_) {
    if (c.item == item) return c.line;
  }
  if (chrome_.size() >= kChromeCache) chrome_.erase(chrome_.begin());
  chrome_.push_back({item, Make(item)});
  return chrome_.back().line;
}

void CanvasDrawer::Draw(const Frame& frame, Deck& deck, PixelView target) {
  const Box whole{0, 0, target.width, target.height};
  Color background = frame.background;
  background.a = 255;
  FillRect(target, whole, background, whole);
  for (const SlideLayer& layer : frame.layers) {
    if (layer.alpha == 0) continue;
    for (const Line& l : Slide(layer.slide, deck).lines) {
      DrawImage(target, l.image, l.x, l.y, static_cast<std::uint8_t>(layer.alpha * l.alpha / 255),
                frame.clip);
    }
  }
  for (const RectItem& r : frame.rects) FillRect(target, r.box, r.color, whole);
  for (const TextItem& item : frame.texts) {
    const Line& l = Chrome(item);
    DrawImage(target, l.image, l.x, l.y, l.alpha, whole);
  }
}

}  // namespace kiosk
