#include "frame.h"

#include <algorithm>
#include <cmath>

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
    return frame;
  }
  frame.background = theme.background;
  frame.under = deck.Under();
  frame.over = deck.Over();

  if (auto out = scheduler.FadingOut(now)) {
    const auto in = static_cast<std::uint8_t>(std::lround(255 * scheduler.TransitionProgress(now)));
    frame.layers.push_back({*out, static_cast<std::uint8_t>(255 - in)});
    frame.layers.push_back({scheduler.current(), in});
  } else {
    frame.layers.push_back({scheduler.current(), 255});
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
    counter = std::to_string(scheduler.current() + 1) + " / " + std::to_string(scheduler.count());
  }
  if (!counter.empty()) {
    const int tw = m.Width(counter, FontStyle::kRegular, px);
    frame.texts.push_back(
        {counter, FontStyle::kRegular, px, {w - margin - tw, chrome_y, tw, line_h}, chrome});
  }
  return frame;
}

Millis NextFrameChange(const Deck& deck, const Scheduler& scheduler, const ShowState& state,
                       Millis now) {
  if (scheduler.paused()) return state.black ? -1 : (scheduler.FadingOut(now) ? 0 : -1);
  Millis next = scheduler.TimeToAdvance(now);
  if (state.black) return next;
  if (scheduler.FadingOut(now)) return 0;
  if (deck.playlist().show_progress) {
    const Millis step = ProgressStep(scheduler.Duration(), deck.width());
    const Millis elapsed = scheduler.Elapsed(now);
    next = std::min(next, step - elapsed % step);
  }
  return next;
}

}  // namespace kiosk
