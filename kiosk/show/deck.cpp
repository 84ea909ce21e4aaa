#include "deck.h"

#include <algorithm>

#include "announcement.h"
#include "field_text.h"

namespace kiosk {

void Deck::SetPlaylist(Playlist playlist, PictureSizes pictures) {
  playlist_ = std::move(playlist);
  pictures_ = std::move(pictures);
  laid_.clear();
  for (const Slide& slide : playlist_.slides) {
    Laid laid{slide, {}};
    for (std::string* text : {&laid.slide.kicker, &laid.slide.title, &laid.slide.text}) {
      *text = PlaceholderText(*text, &laid.fields);
    }
    laid_.push_back(std::move(laid));
  }
  std::string error;
  const std::optional<TimeZone> named =
      playlist_.timezone.empty() ? std::nullopt : TimeZone::Named(playlist_.timezone, &error);
  zone_ = named ? *named : TimeZone::System();
  Invalidate();
}

SlideLayout Deck::LayoutOf(std::size_t slide, const LayoutLimits& limits) {
  const Laid& laid = laid_[slide];
  if (laid.fields.empty()) return LayoutSlide(laid.slide, limits, measurer_, hyphenator_);
  FieldMeasurer measurer(measurer_, laid.fields, playlist_.lang);
  return LayoutSlide(laid.slide, limits, measurer, hyphenator_);
}

bool Deck::Usable(const std::string& file) const {
  auto it = pictures_.find(file);
  return it == pictures_.end() || it->second.usable();
}

double Deck::Aspect(const std::string& file) const {
  auto it = pictures_.find(file);
  if (it == pictures_.end() || !it->second.usable()) return 0;
  return static_cast<double>(it->second.width) / it->second.height;
}

SlideRegions Deck::PlaceSlide(std::size_t index, std::vector<TextItem>* caption) {
  const Slide& slide = playlist_.slides[index];
  const Theme& theme = playlist_.theme;
  const LayoutLimits limits = Limits();
  RegionRequest r;
  r.screen_w = w_;
  r.screen_h = h_;
  r.safe = limits.safe;
  r.has_text = !slide.kicker.empty() || !slide.title.empty() || !slide.text.empty();
  if (theme.logo && Usable(theme.logo->picture.file)) {
    r.logo = theme.logo;
    r.logo_aspect = Aspect(theme.logo->picture.file);
  }
  if (slide.image && Usable(slide.image->picture.file)) {
    r.kind = RegionRequest::kImage;
    r.position = slide.image->position;
    r.cover = slide.image->picture.cover;
    r.aspect = Aspect(slide.image->picture.file);
  } else if (slide.qr) {
    r.kind = RegionRequest::kQr;
    r.position = slide.qr->position;
  }
  if (r.kind != RegionRequest::kQr || slide.qr->caption.empty()) return PlaceRegions(r);

  // The caption at the readable minimum, wrapped to the width under the code: placed once
  // with one line to learn that width, then with as many lines as it needs.
  const int px = limits.min_body_px;
  const int line_h = measurer_.LineHeight(FontStyle::kRegular, px);
  r.caption_h = line_h;
  SlideRegions regions = PlaceRegions(r);
  std::vector<std::string> lines = WrapText(slide.qr->caption, regions.caption.w,
                                            FontStyle::kRegular, px, measurer_, hyphenator_);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  const int most = std::max(1, limits.safe.h / 4 / std::max(1, line_h));  // a caption, not a text
  if (lines.size() > static_cast<std::size_t>(most)) lines.resize(static_cast<std::size_t>(most));
  r.caption_h = line_h * static_cast<int>(lines.size());
  regions = PlaceRegions(r);
  int y = regions.caption.y;
  for (const std::string& line : lines) {
    const int tw = std::min(regions.caption.w, measurer_.Width(line, FontStyle::kRegular, px));
    const Box box{regions.caption.x + (regions.caption.w - tw) / 2, y, tw, line_h};
    caption->push_back({line, FontStyle::kRegular, px, box, theme.foreground, false});
    y += line_h;
  }
  return regions;
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
  for (const Laid& laid : laid_) {
    const Slide& slide = laid.slide;
    for (const std::string* text : {&slide.kicker, &slide.title, &slide.text}) ask(*text);
    if (slide.qr) ask(slide.qr->caption);  // wrapped too
  }
  ask(playlist_.announcement);
  ask(announcement_);
  ask(more_words_);
  return points;
}

LayoutLimits Deck::Limits() const { return LimitsFor(playlist_.theme, w_, h_); }

int Deck::UniformBodyPx() {
  if (!uniform_px_) {
    LayoutLimits limits = Limits();
    int px = limits.max_body_px;
    for (std::size_t i = 0; i < playlist_.slides.size(); ++i) {
      const Slide& slide = playlist_.slides[i];
      if (slide.kicker.empty() && slide.title.empty() && slide.text.empty()) continue;
      std::vector<TextItem> caption;
      limits.safe = PlaceSlide(i, &caption).text;
      px = std::min(px, LayoutOf(i, limits).body_px);
    }
    uniform_px_ = px;
  }
  return *uniform_px_;
}

const SlideRegions& Deck::Regions(std::size_t slide) {
  Layout(slide);
  return layouts_[slide]->regions;
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
    Entry entry;
    entry.regions = PlaceSlide(slide, &entry.caption);
    limits.safe = entry.regions.text;
    const Slide& s = playlist_.slides[slide];
    if (!s.kicker.empty() || !s.title.empty() || !s.text.empty()) {
      entry.layout = LayoutOf(slide, limits);
    } else {
      entry.layout.body_px = limits.max_body_px;  // nothing to read: nothing too small
    }
    entry.version = next_version_++;
    cached = std::move(entry);
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

namespace {

// A laid-out line as text items, its placeholders filled with `values`. Each span pushes the
// spans right of it by how much its value is narrower than the room the layout kept; the
// line keeps its left edge, centre or right edge (`anchor`), as its layout aligned it.
enum class Anchor { kLeft, kCenter, kRight };
void AddLine(const LineBox& line, const std::vector<std::string>& values, Anchor anchor,
             Color color, TextMeasurer& measurer, std::vector<TextItem>* items) {
  if (!HasPlaceholder(line.text)) {
    for (const Span& span : line.spans) {
      const Box box{line.box.x + span.x, line.box.y, span.w, line.box.h};
      items->push_back({span.text, span.style, line.px, box, color, span.rtl});
    }
    return;
  }
  std::vector<std::string> texts;
  std::vector<int> widths;
  for (const Span& span : line.spans) {
    texts.push_back(FillPlaceholders(span.text, values));
    widths.push_back(HasPlaceholder(span.text) ? measurer.Width(texts.back(), span.style, line.px)
                                               : span.w);
  }
  std::vector<int> xs;
  int line_w = 0;
  for (std::size_t i = 0; i < line.spans.size(); ++i) {
    int x = line.spans[i].x;
    for (std::size_t j = 0; j < line.spans.size(); ++j) {
      if (line.spans[j].x < line.spans[i].x) x += widths[j] - line.spans[j].w;
    }
    xs.push_back(x);
    line_w = std::max(line_w, x + widths[i]);
  }
  int line_x = line.box.x;
  if (anchor == Anchor::kCenter) line_x = line.box.x + (line.box.w - line_w) / 2;
  if (anchor == Anchor::kRight) line_x = line.box.x + line.box.w - line_w;
  for (std::size_t i = 0; i < line.spans.size(); ++i) {
    const Span& span = line.spans[i];
    const Box box{line_x + xs[i], line.box.y, widths[i], line.box.h};
    items->push_back({texts[i], span.style, line.px, box, color, span.rtl});
  }
}

PictureItem FromRef(const PictureRef& picture, Box box, Color overlay) {
  PictureItem item;
  item.file = picture.file;
  item.box = box;
  item.cover = picture.cover;
  item.focus_x = picture.focus_x;
  item.focus_y = picture.focus_y;
  item.overlay = overlay;
  return item;
}

}  // namespace

std::vector<PictureItem> Deck::Pictures(std::size_t index) {
  std::vector<PictureItem> items;
  const Slide& slide = playlist_.slides.at(index);
  const SlideRegions& regions = Regions(index);
  const Box screen{0, 0, w_, h_};
  if (slide.background && Usable(slide.background->picture.file)) {
    items.push_back(FromRef(slide.background->picture, screen, slide.background->overlay));
  }
  if (regions.picture && slide.image) {
    items.push_back(FromRef(slide.image->picture, *regions.picture, Color{0, 0, 0, 0}));
  } else if (regions.picture && slide.qr) {
    PictureItem qr;
    qr.qr_text = slide.qr->text;
    qr.box = *regions.picture;
    items.push_back(std::move(qr));
  }
  return items;
}

std::vector<PictureItem> Deck::Under() const {
  const auto& backdrop = playlist_.theme.background_picture;
  if (!backdrop || !Usable(backdrop->picture.file)) return {};
  return {FromRef(backdrop->picture, Box{0, 0, w_, h_}, backdrop->overlay)};
}

std::vector<PictureItem> Deck::Over() const {
  const auto& logo = playlist_.theme.logo;
  if (!logo || !Usable(logo->picture.file) || w_ <= 0 || h_ <= 0) return {};
  RegionRequest r;
  r.screen_w = w_;
  r.screen_h = h_;
  r.safe = Limits().safe;
  r.logo = logo;
  r.logo_aspect = Aspect(logo->picture.file);
  return {FromRef(logo->picture, *PlaceRegions(r).logo, Color{0, 0, 0, 0})};
}

const std::vector<TextItem>& Deck::Band(const std::string& text, const WallTime& wall) {
  if (!band_ || band_->text != text) {
    BandCache b;
    b.text = text;
    const std::string laid = PlaceholderText(text, &b.fields);
    FieldMeasurer measurer(measurer_, b.fields, playlist_.lang);
    b.layout = LayoutAnnouncement(laid, playlist_.theme, w_, h_, measurer, hyphenator_);
    band_ = std::move(b);
  }
  std::vector<std::string> values = FieldValues(band_->fields, wall, zone_, playlist_.lang);
  if (band_->made && values == band_->values) return band_->items;
  std::vector<TextItem> items;
  Color color = playlist_.theme.background;
  color.a = 255;
  for (const LineBox& line : band_->layout.lines) {
    AddLine(line, values, Anchor::kCenter, color, measurer_, &items);
  }
  band_->values = std::move(values);
  band_->items = std::move(items);
  band_->made = true;
  return band_->items;
}

std::vector<TextItem> Deck::Items(std::size_t slide) {
  std::vector<TextItem> items;
  const Theme& theme = playlist_.theme;
  for (const LineBox& line : Layout(slide).lines) {
    if (HasPlaceholder(line.text)) continue;  // LiveItems'
    const Color color = line.role == TextRole::kKicker ? theme.accent : theme.foreground;
    for (const Span& span : line.spans) {
      const Box box{line.box.x + span.x, line.box.y, span.w, line.box.h};
      items.push_back({span.text, span.style, line.px, box, color, span.rtl});
    }
  }
  const auto& caption = layouts_[slide]->caption;
  items.insert(items.end(), caption.begin(), caption.end());
  return items;
}

const std::vector<TextItem>& Deck::LiveItems(std::size_t slide, const WallTime& wall) {
  const SlideLayout& layout = Layout(slide);
  Entry& entry = *layouts_[slide];
  const std::vector<Field>& fields = laid_[slide].fields;
  std::vector<std::string> values = FieldValues(fields, wall, zone_, playlist_.lang);
  if (entry.live_made && values == entry.live_values) return entry.live_items;
  std::vector<TextItem> items;
  const Theme& theme = playlist_.theme;
  for (const LineBox& line : layout.lines) {
    if (!HasPlaceholder(line.text)) continue;
    const Color color = line.role == TextRole::kKicker ? theme.accent : theme.foreground;
    const bool rtl = !line.spans.empty() && line.spans.front().rtl;
    const Anchor anchor = laid_[slide].slide.align == Align::kCenter ? Anchor::kCenter
                          : rtl                                      ? Anchor::kRight
                                                                     : Anchor::kLeft;
    AddLine(line, values, anchor, color, measurer_, &items);
  }
  entry.live_values = std::move(values);
  entry.live_items = std::move(items);
  entry.live_made = true;
  return entry.live_items;
}

Millis Deck::NextFieldChange(std::size_t slide, const WallTime& wall) const {
  if (slide >= laid_.size()) return -1;
  return NextChange(laid_[slide].fields, wall, zone_);
}

}  // namespace kiosk
