#include "frame_pictures.h"

#include <algorithm>

namespace kiosk {

std::vector<PictureItem> PicturesOf(const Frame& frame, Deck& deck) {
  std::vector<PictureItem> items = frame.under;
  for (const SlideLayer& layer : frame.layers) {
    if (layer.alpha == 0 || layer.slide >= deck.playlist().slides.size()) continue;
    for (PictureItem& p : deck.Pictures(layer.slide)) items.push_back(std::move(p));
  }
  items.insert(items.end(), frame.over.begin(), frame.over.end());
  return items;
}

bool CoversScreen(const PictureCache& cache, const PictureItem& item, int w, int h) {
  const std::shared_ptr<const PreparedPicture> p = cache.Find(item);
  if (!p || !p->pixels.opaque) return false;
  const Box& d = p->dst;
  return d.x <= 0 && d.y <= 0 && d.x + d.w >= w && d.y + d.h >= h;
}

std::vector<std::uint8_t> LayerAlphas(const Frame& frame, Deck& deck, const PictureCache& cache) {
  std::vector<std::uint8_t> alphas;
  for (const SlideLayer& layer : frame.layers) alphas.push_back(layer.alpha);
  if (frame.layers.size() < 2) return alphas;
  const SlideLayer& in = frame.layers.back();
  if (in.slide >= deck.playlist().slides.size()) return alphas;
  for (const PictureItem& item : deck.Pictures(in.slide)) {
    if (CoversScreen(cache, item, deck.width(), deck.height())) {
      for (std::size_t i = 0; i + 1 < alphas.size(); ++i) alphas[i] = 255;
      break;
    }
  }
  return alphas;
}

void PictureWants::Keep() {
  std::vector<PictureItem> all = frame_;
  all.insert(all.end(), next_.begin(), next_.end());
  cache_->Keep(all);
}

void PictureWants::Frame(const kiosk::Frame& frame, Deck& deck) {
  if (!cache_) return;
  std::vector<PictureItem> items = PicturesOf(frame, deck);
  if (items != frame_) {
    frame_ = std::move(items);
    Keep();
  }
  if (std::any_of(frame_.begin(), frame_.end(),
                  [this](const PictureItem& i) { return cache_->Pending(i); })) {
    cache_->Wait(frame_, wait_ms_);
  } else {
    cache_->Collect();
  }
  drawn_ = Found();
}

std::vector<std::shared_ptr<const PreparedPicture>> PictureWants::Found() const {
  std::vector<std::shared_ptr<const PreparedPicture>> found;
  for (const PictureItem& i : frame_) found.push_back(cache_->Find(i));
  return found;
}

void PictureWants::Next(std::size_t slide, Deck& deck) {
  if (!cache_ || slide >= deck.playlist().slides.size()) return;
  std::vector<PictureItem> items = deck.Pictures(slide);
  if (items == next_) return;
  next_ = std::move(items);
  Keep();
}

bool PictureWants::Arrived() {
  if (!cache_ || !cache_->Collect()) return false;
  return Found() != drawn_;
}

void PictureWants::Recheck() {
  if (cache_) cache_->Recheck();
}

}  // namespace kiosk
