#include "announcement.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "config.h"
#include "utf8.h"

namespace kiosk {

void Announce(std::optional<Announcement>* a, std::string text, Millis for_ms, Millis now) {
  if (text.empty()) {
    ClearAnnouncement(a, now);
    return;
  }
  // The playlist's limit for a text: more could not be read in the band (it would only
  // take long to lay out).
  std::size_t end = 0;
  for (int n = 0; n < config::kMaxTextChars && end < text.size(); ++n) end = Utf8Next(text, end);
  if (end < text.size()) text.replace(end, std::string::npos, "\u2026");
  // A time too long to add to `now` is as good as "until cleared".
  if (for_ms > std::numeric_limits<Millis>::max() - std::max<Millis>(now, 0)) for_ms = -1;
  const bool showing = *a && AnnouncementAlpha(**a, now) > 0;
  // Already on screen: the band stays, only its text changes.
  const Millis from = showing ? now - config::kAnnouncementFadeMs : now;
  *a = Announcement{std::move(text), from, for_ms < 0 ? -1 : now + for_ms};
}

void ClearAnnouncement(std::optional<Announcement>* a, Millis now) {
  if (!*a) return;
  if ((*a)->until < 0 || (*a)->until > now) (*a)->until = now;
}

std::uint8_t AnnouncementAlpha(const Announcement& a, Millis now) {
  const Millis fade = config::kAnnouncementFadeMs;
  Millis shown = std::clamp<Millis>(now - a.from, 0, fade);  // how far in
  if (a.until >= 0) shown = std::min(shown, std::clamp<Millis>(a.until + fade - now, 0, fade));
  return static_cast<std::uint8_t>((255 * shown + fade / 2) / fade);
}

Millis NextAnnouncementChange(const Announcement& a, Millis now) {
  const Millis fade = config::kAnnouncementFadeMs;
  if (now < a.from) return a.from - now;
  if (a.until >= 0 && now >= a.until + fade) return -1;  // gone
  if (now < a.from + fade) return 0;
  if (a.until < 0) return -1;
  if (now < a.until) return a.until - now;
  return 0;
}

Box AnnouncementBand(const Theme& /*theme*/, int w, int h) {
  const int band_h = std::max(1, static_cast<int>(std::lround(h * config::kAnnouncementBand)));
  return {0, h - band_h, w, band_h};
}

SlideLayout LayoutAnnouncement(std::string_view text, const Theme& theme, int w, int h,
                               TextMeasurer& measurer, const Hyphenator* hyphenator) {
  const Box band = AnnouncementBand(theme, w, h);
  LayoutLimits limits = LimitsFor(theme, w, h);
  // The theme's side margins; above and below, half of one (the band is its own frame).
  const int margin = limits.safe.x;
  const int pad = std::max(1, margin / 2);
  limits.safe = {margin, band.y + pad, std::max(1, w - 2 * margin), std::max(1, band.h - 2 * pad)};
  Slide slide;
  slide.text = std::string(text);
  slide.align = Align::kCenter;
  return LayoutSlide(slide, limits, measurer, hyphenator);
}

}  // namespace kiosk
