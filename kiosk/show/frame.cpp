#include "frame.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "config.h"

namespace kiosk {
namespace {

Color WithAlpha(Color c, std::uint8_t a) {
  c.a = static_cast<std::uint8_t>(c.a * a / 255);
  return c;
}

// The progress bar moves in whole steps of this many milliseconds: at most one pixel per
// step and never more often than config::kProgressMinStepMs.
Millis ProgressStep(Millis duration, int width) {
  return std::max<Millis>(config::kProgressMinStepMs, duration / std::max(1, width));
}

int CounterPx(int h) {
  return std::max(10, static_cast<int>(std::lround(h * config::kCounterSize)));
}

// The announcement on screen at `now` and its alpha: the live one while it shows, else the
// playlist's standing one. Over a standing band a live one changes only the text.
std::optional<std::pair<const std::string*, std::uint8_t>> ShownAnnouncement(const Deck& deck,
                                                                             const ShowState& state,
                                                                             Millis now) {
  const std::string& standing = deck.playlist().announcement;
  if (state.announcement) {
    const Announcement& a = *state.announcement;
    if (standing.empty()) {
      const std::uint8_t alpha = AnnouncementAlpha(a, now);
      if (alpha > 0) return std::make_pair(&a.text, alpha);
    } else if (now >= a.from && (a.until < 0 || now < a.until)) {
      return std::make_pair(&a.text, std::uint8_t{255});
    }
  }
  if (!standing.empty()) return std::make_pair(&standing, std::uint8_t{255});
  return std::nullopt;
}

void AddBand(Frame* frame, Deck& deck, const ShowState& state, Millis now) {
  const auto shown = ShownAnnouncement(deck, state, now);
  if (!shown) return;
  const Theme& theme = deck.playlist().theme;
  Band band;
  band.box = AnnouncementBand(theme, deck.width(), deck.height());
  band.background = theme.accent;
  band.background.a = 255;
  band.texts = deck.Band(*shown->first);
  band.alpha = shown->second;
  frame->band = std::move(band);
}

}  // namespace

Frame BuildFrame(Deck& deck, const Scheduler& scheduler, const ShowState& state, Millis now) {
  const Playlist& playlist = deck.playlist();
  const Theme& theme = playlist.theme;
  const int w = deck.width();
  const int h = deck.height();
  Frame frame;
  frame.clip = LimitsFor(theme, w, h).safe;
  if (state.black) {
    frame.background = Color{0, 0, 0, 255};
    AddBand(&frame, deck, state, now);  // an urgent message is seen, even over black
    return frame;
  }
  frame.background = theme.background;
  frame.under = deck.Under();
  frame.over = deck.Over();

  if (auto out = scheduler.FadingOut(now)) {
    const auto in = static_cast<std::uint8_t>(std::lround(255 * scheduler.TransitionProgress(now)));
    frame.layers.push_back({*out, static_cast<std::uint8_t>(255 - in)});
    if (!scheduler.idle()) frame.layers.push_back({scheduler.current(), in});
  } else if (!scheduler.idle()) {
    frame.layers.push_back({scheduler.current(), 255});
  }
  if (scheduler.idle()) {
    // No slide may show now (time rules): the theme's background and logo, and a band.
    AddBand(&frame, deck, state, now);
    return frame;
  }

  const int margin = frame.clip.x;
  const Color chrome = WithAlpha(theme.foreground, config::kChromeAlpha);
  const int px = CounterPx(h);
  TextMeasurer& m = deck.measurer();
  const int line_h = m.LineHeight(FontStyle::kRegular, px);
  const int chrome_y = h - margin / 2 - line_h / 2;

  if (playlist.show_progress) {
    const Millis duration = scheduler.Duration();
    const Millis step = ProgressStep(duration, w);
    const Millis shown = scheduler.Elapsed(now) / step * step;
    const int bar_w = static_cast<int>(static_cast<long long>(w) * shown / duration);
    const int bar_h = std::max(2, static_cast<int>(std::lround(h * config::kProgressHeight)));
    if (bar_w > 0) {
      frame.rects.push_back({{0, h - bar_h, bar_w, bar_h}, WithAlpha(theme.accent, 200)});
    }
  }
  if (scheduler.paused()) {
    // Two small bars, the universal "paused" sign, bottom left in the margin.
    const int bar_w = std::max(2, px / 3);
    const int bar_h = std::max(6, px);
    const int y = h - margin / 2 - bar_h / 2;
    frame.rects.push_back({{margin, y, bar_w, bar_h}, chrome});
    frame.rects.push_back({{margin + bar_w * 2, y, bar_w, bar_h}, chrome});
  }
  std::string counter;
  if (!state.pending_digits.empty()) {
    counter = "\xE2\x86\x92 " + state.pending_digits + " / " + std::to_string(scheduler.count());
  } else if (playlist.show_counter) {
    // Among the slides that may show now (time rules).
    counter = std::to_string(scheduler.EligiblePosition()) + " / " +
              std::to_string(scheduler.EligibleCount());
  }
  if (!counter.empty()) {
    const int tw = m.Width(counter, FontStyle::kRegular, px);
    frame.texts.push_back(
        {counter, FontStyle::kRegular, px, {w - margin - tw, chrome_y, tw, line_h}, chrome});
  }
  AddBand(&frame, deck, state, now);
  return frame;
}

namespace {

Millis Sooner(Millis a, Millis b) {
  if (a < 0) return b;
  if (b < 0) return a;
  return std::min(a, b);
}

Millis SlidesChange(const Deck& deck, const Scheduler& scheduler, const ShowState& state,
                    Millis now) {
  if (scheduler.paused()) return state.black ? -1 : (scheduler.FadingOut(now) ? 0 : -1);
  Millis next = scheduler.TimeToAdvance(now);
  if (state.black) return next;
  if (scheduler.FadingOut(now)) return 0;
  if (scheduler.idle()) return -1;
  if (deck.playlist().show_progress) {
    const Millis step = ProgressStep(scheduler.Duration(), deck.width());
    const Millis elapsed = scheduler.Elapsed(now);
    next = std::min(next, step - elapsed % step);
  }
  return next;
}

}  // namespace

Millis NextFrameChange(const Deck& deck, const Scheduler& scheduler, const ShowState& state,
                       Millis now) {
  const Millis slides = SlidesChange(deck, scheduler, state, now);
  if (!state.announcement) return slides;
  // Over a standing band a live one shows and goes without fading.
  const Announcement& a = *state.announcement;
  Millis band = NextAnnouncementChange(a, now);
  if (!deck.playlist().announcement.empty()) {
    band = now < a.from ? a.from - now : (a.until > now ? a.until - now : -1);
  }
  return Sooner(slides, band);
}

}  // namespace kiosk
