#include "canvas_drawer.h"

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

const std::vector<CanvasDrawer::Line>& CanvasDrawer::Slide(std::size_t slide, Deck& deck) {
  const std::uint64_t version = deck.Version(slide);
  if (const std::vector<Line>* lines = slides_.Find(slide, version)) return *lines;
  std::vector<Line> lines;
  for (const TextItem& item : deck.Items(slide)) lines.push_back(Make(item));
  return slides_.Store(slide, version, std::move(lines));
}

bool CanvasDrawer::Prepare(std::size_t slide, Deck& deck) {
  pictures_.Next(slide, deck);
  if (slide >= deck.playlist().slides.size() || slides_.Find(slide, deck.Version(slide))) {
    return false;
  }
  Slide(slide, deck);
  return true;
}

void CanvasDrawer::Clear() {
  slides_.Clear();
  chrome_.clear();
  live_.clear();
  band_items_.clear();
  band_lines_.clear();
  pictures_.Recheck();
}

std::size_t CanvasDrawer::bytes() const {
  std::size_t total = 0;
  slides_.ForEachLine([&total](const Line& l) { total += l.image.bytes(); });
  for (const ChromeText& c : chrome_) total += c.line.image.bytes();
  for (const ChromeText& c : live_) total += c.line.image.bytes();
  for (const Line& l : band_lines_) total += l.image.bytes();
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

const CanvasDrawer::Line& CanvasDrawer::Live(const TextItem& item, std::vector<ChromeText>* shown) {
  for (ChromeText& c : live_) {
    if (c.item == item && !c.line.image.empty()) {
      shown->push_back(std::move(c));
      return shown->back().line;
    }
  }
  shown->push_back({item, Make(item)});
  return shown->back().line;
}

void CanvasDrawer::DrawPicture(PixelView target, const PictureItem& item, std::uint8_t alpha) {
  if (PictureCache* cache = pictures_.cache()) {
    if (const std::shared_ptr<const PreparedPicture> p = cache->Find(item)) {
      DrawPixels(target, p->pixels.argb.data(), p->pixels.width, p->pixels.height, p->pixels.opaque,
                 p->dst.x, p->dst.y, alpha, item.box);
    }
  }
  Color overlay = item.overlay;
  overlay.a = static_cast<std::uint8_t>(overlay.a * alpha / 255);
  FillRect(target, item.box, overlay, item.box);
}

void CanvasDrawer::Draw(const Frame& frame, Deck& deck, PixelView target) {
  const Box whole{0, 0, target.width, target.height};
  pictures_.Frame(frame, deck);
  PictureCache* cache = pictures_.cache();
  const std::vector<std::uint8_t> alphas =
      cache ? LayerAlphas(frame, deck, *cache) : std::vector<std::uint8_t>();
  // Filling 8 MB of background that a full-screen picture then covers is a fifth of a
  // crossfade frame between two such slides: left out.
  auto covers = [&](const std::vector<PictureItem>& items) {
    return cache && !items.empty() && CoversScreen(*cache, items[0], target.width, target.height);
  };
  const bool first_layer_covers = !frame.layers.empty() && !alphas.empty() && alphas[0] == 255 &&
                                  covers(deck.Pictures(frame.layers[0].slide));
  if (!first_layer_covers) {
    if (!covers(frame.under)) {
      Color background = frame.background;
      background.a = 255;
      FillRect(target, whole, background, whole);
    }
    for (const PictureItem& item : frame.under) DrawPicture(target, item, 255);
  }
  std::vector<ChromeText> live;  // reserved: Live's references stay valid
  std::size_t live_count = 0;
  for (const std::vector<TextItem>& items : frame.live) live_count += items.size();
  live.reserve(live_count);
  for (std::size_t i = 0; i < frame.layers.size(); ++i) {
    const SlideLayer& layer = frame.layers[i];
    const std::uint8_t alpha = alphas.empty() ? layer.alpha : alphas[i];
    if (alpha == 0) continue;
    if (pictures_.cache()) {
      for (const PictureItem& item : deck.Pictures(layer.slide)) DrawPicture(target, item, alpha);
    }
    for (const Line& l : Slide(layer.slide, deck)) {
      DrawImage(target, l.image, l.x, l.y, static_cast<std::uint8_t>(alpha * l.alpha / 255),
                frame.clip);
    }
    static const std::vector<TextItem> kNone;
    for (const TextItem& item : i < frame.live.size() ? frame.live[i] : kNone) {
      const Line& l = Live(item, &live);
      DrawImage(target, l.image, l.x, l.y, static_cast<std::uint8_t>(alpha * l.alpha / 255),
                frame.clip);
    }
  }
  live_ = std::move(live);
  for (const PictureItem& item : frame.over) DrawPicture(target, item, 255);
  for (const RectItem& r : frame.rects) FillRect(target, r.box, r.color, whole);
  for (const TextItem& item : frame.texts) {
    const Line& l = Chrome(item);
    DrawImage(target, l.image, l.x, l.y, l.alpha, whole);
  }
  if (frame.band) DrawBand(*frame.band, target);
}

void CanvasDrawer::DrawBand(const Band& band, PixelView target) {
  if (band.alpha == 0) return;
  if (band.texts != band_items_) {
    band_lines_.clear();
    for (const TextItem& item : band.texts) band_lines_.push_back(Make(item));
    band_items_ = band.texts;
  }
  const Box whole{0, 0, target.width, target.height};
  Color background = band.background;
  background.a = static_cast<std::uint8_t>(background.a * band.alpha / 255);
  FillRect(target, band.box, background, whole);
  for (const Line& l : band_lines_) {
    DrawImage(target, l.image, l.x, l.y, static_cast<std::uint8_t>(band.alpha * l.alpha / 255),
              band.box);
  }
}

}  // namespace kiosk
