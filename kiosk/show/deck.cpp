#include "deck.h"

#include <algorithm>

#include "announcement.h"

namespace kiosk {

void Deck::SetPlaylist(Playlist playlist) {
  playlist_ = std::move(playlist);
  Invalidate();
}

void Deck::SetScreen(int w, int h) {
  if (w == w_ && h == h_) return;
  w_ = w;
  h_ = h;
  Invalidate();
}

void Deck::SetHyphenator(const Hyphenator* hyphenator, std::span<const std::size_t> keep) {
  if (hyphenator == hyphenator_) return;
  hyphenator_ = hyphenator;
  Invalidate(keep);
}

void Deck::Invalidate(std::span<const std::size_t> keep) {
  std::vector<std::optional<Entry>> kept(playlist_.slides.size());
  for (std::size_t slide : keep) {
    if (slide < layouts_.size() && slide < kept.size()) kept[slide] = std::move(layouts_[slide]);
  }
  layouts_ = std::move(kept);
  uniform_px_.reset();
  band_.reset();
}

std::size_t Deck::HyphenateAllWords() {
  if (!hyphenator_) return 0;
  std::size_t points = 0;
  // The same lines WrapParagraphs will break, so every word it asks for is known.
  const auto ask = [this, &points](const std::string& text) {
    for (std::string_view line : TextLines(text)) {
      for (const Fragment& f : SplitParagraph(line, FontStyle::kRegular, hyphenator_)) {
        points += f.after == BreakAfter::kHyphen;
      }
    }
  };
  for (const Slide& slide : playlist_.slides) {
    for (const std::string* text : {&slide.kicker, &slide.title, &slide.text}) ask(*text);
  }
  ask(playlist_.announcement);
  ask(announcement_);
  return points;
}

LayoutLimits Deck::Limits() const { return LimitsFor(playlist_.theme, w_, h_); }

int Deck::UniformBodyPx() {
  if (!uniform_px_) {
    const LayoutLimits limits = Limits();
    int px = limits.max_body_px;
    for (const Slide& slide : playlist_.slides) {
      px = std::min(px, LayoutSlide(slide, limits, measurer_, hyphenator_).body_px);
    }
    uniform_px_ = px;
  }
  return *uniform_px_;
}

const SlideLayout& Deck::Layout(std::size_t slide) {
  auto& cached = layouts_.at(slide);
  if (!cached) {
    LayoutLimits limits = Limits();
    const int readable_px = limits.min_body_px;
    if (playlist_.theme.uniform_size) {
      limits.max_body_px = std::max(1, UniformBodyPx());
      limits.min_body_px = std::min(limits.min_body_px, limits.max_body_px);
    }
    cached = Entry{LayoutSlide(playlist_.slides[slide], limits, measurer_, hyphenator_),
                   next_version_++};
    // The uniform size may lower the floor; the readable minimum stays the theme's.
    if (cached->layout.body_px < readable_px) cached->layout.met_minimum = false;
    if (on_layout_) on_layout_(slide, cached->layout, limits);
  }
  return cached->layout;
}

std::uint64_t Deck::Version(std::size_t slide) {
  Layout(slide);
  return layouts_[slide]->version;
}

std::vector<PictureItem> Deck::Pictures(std::size_t /*slide*/) { return {}; }

const std::vector<TextItem>& Deck::Band(const std::string& text) {
  if (band_ && band_->first == text) return band_->second;
  std::vector<TextItem> items;
  Color color = playlist_.theme.background;
  color.a = 255;
  const SlideLayout layout =
      LayoutAnnouncement(text, playlist_.theme, w_, h_, measurer_, hyphenator_);
  for (const LineBox& line : layout.lines) {
    for (const Span& span : line.spans) {
      const Box box{line.box.x + span.x, line.box.y, span.w, line.box.h};
      items.push_back({span.text, span.style, line.px, box, color, span.rtl});
    }
  }
  band_.emplace(text, std::move(items));
  return band_->second;
}

std::vector<TextItem> Deck::Items(std::size_t slide) {
  std::vector<TextItem> items;
  const Theme& theme = playlist_.theme;
  for (const LineBox& line : Layout(slide).lines) {
    const Color color = line.role == TextRole::kKicker ? theme.accent : theme.foreground;
    for (const Span& span : line.spans) {
      const Box box{line.box.x + span.x, line.box.y, span.w, line.box.h};
      items.push_back({span.text, span.style, line.px, box, color, span.rtl});
    }
  }
  return items;
}

}  // namespace kiosk
