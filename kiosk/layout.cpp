#include "layout.h"

#include <algorithm>
#include <cmath>

#include "config.h"
#include "utf8.h"

namespace kiosk {
namespace {

// Longest prefix of `word` (at least one code point) whose width fits `max_width`.
std::size_t FittingPrefix(std::string_view word, int max_width, FontStyle style, int px,
                          TextMeasurer& m) {
  std::vector<std::size_t> bounds;  // code point ends
  for (std::size_t i = 0; i < word.size();) bounds.push_back(i = Utf8Next(word, i));
  std::size_t lo = 0, hi = bounds.size() - 1;  // bounds[lo] always acceptable
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (m.Width(word.substr(0, bounds[mid]), style, px) <= max_width) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return bounds[lo];
}

void WrapParagraph(std::string_view para, int max_width, FontStyle style, int px, TextMeasurer& m,
                   std::vector<std::string>* out) {
  std::string line;
  std::size_t i = 0;
  while (i < para.size()) {
    while (i < para.size() && (para[i] == ' ' || para[i] == '\t' || para[i] == '\r')) ++i;
    if (i >= para.size()) break;
    std::size_t end = i;
    while (end < para.size() && para[end] != ' ' && para[end] != '\t' && para[end] != '\r') ++end;
    std::string_view word = para.substr(i, end - i);
    i = end;

    if (!line.empty()) {
      std::string candidate = line + ' ' + std::string(word);
      if (m.Width(candidate, style, px) <= max_width) {
        line = std::move(candidate);
        continue;
      }
      out->push_back(std::move(line));
      line.clear();
    }
    // The word starts a line; split it while it is wider than a whole line.
    while (m.Width(word, style, px) > max_width) {
      const std::size_t cut = FittingPrefix(word, max_width, style, px, m);
      if (cut >= word.size()) break;
      out->emplace_back(word.substr(0, cut));
      word.remove_prefix(cut);
    }
    line = std::string(word);
  }
  if (!line.empty()) out->push_back(std::move(line));
}

struct Block {
  const std::string* text;
  TextRole role;
  FontStyle style;
  int px;
};

// Lines of all blocks at body size `body_px`, positioned from y = 0; returns the height.
int Stack(const Slide& slide, const LayoutLimits& limits, int body_px, TextMeasurer& m,
          std::vector<LineBox>* lines) {
  const int kicker_px = std::max(static_cast<int>(std::lround(body_px * config::kKickerScale)),
                                 std::min(body_px, limits.min_body_px));
  const int title_px = static_cast<int>(std::lround(body_px * config::kTitleScale));
  const Block blocks[] = {
      {&slide.kicker, TextRole::kKicker, FontStyle::kRegular, kicker_px},
      {&slide.title, TextRole::kTitle, FontStyle::kBold, title_px},
      {&slide.text, TextRole::kBody, FontStyle::kRegular, body_px},
  };
  const int gap = static_cast<int>(std::lround(body_px * config::kBlockGap));
  lines->clear();
  int y = 0;
  bool first = true;
  for (const Block& b : blocks) {
    if (b.text->empty()) continue;
    if (!first) y += gap;
    first = false;
    const int line_h =
        static_cast<int>(std::lround(m.LineHeight(b.style, b.px) * config::kLineSpacing));
    for (std::string& text : WrapText(*b.text, limits.safe.w, b.style, b.px, m)) {
      if (text.empty()) {
        y += static_cast<int>(std::lround(body_px * config::kParagraphGap));
        continue;
      }
      const int w = m.Width(text, b.style, b.px);
      lines->push_back({std::move(text), b.role, b.style, b.px, {0, y, w, line_h}});
      y += line_h;
    }
  }
  return y;
}

}  // namespace

LayoutLimits LimitsFor(const Theme& theme, int screen_w, int screen_h) {
  const int margin = static_cast<int>(std::lround(std::min(screen_w, screen_h) * theme.margin));
  LayoutLimits l;
  l.safe = {margin, margin, std::max(1, screen_w - 2 * margin), std::max(1, screen_h - 2 * margin)};
  l.max_body_px = std::max(1, static_cast<int>(std::lround(screen_h * theme.max_text_size)));
  l.min_body_px =
      std::clamp(static_cast<int>(std::lround(screen_h * theme.min_text_size)), 1, l.max_body_px);
  return l;
}

std::vector<std::string> WrapText(std::string_view text, int max_width, FontStyle style, int px,
                                  TextMeasurer& measurer) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const std::size_t before = out.size();
    WrapParagraph(text.substr(start, nl - start), max_width, style, px, measurer, &out);
    if (out.size() == before && nl < text.size()) out.emplace_back();  // blank line
    start = nl + 1;
  }
  return out;
}

SlideLayout LayoutSlide(const Slide& slide, const LayoutLimits& limits, TextMeasurer& measurer) {
  SlideLayout layout;
  std::vector<LineBox> lines;
  auto fits = [&](int px) { return Stack(slide, limits, px, measurer, &lines) <= limits.safe.h; };

  // Largest size in [lo, hi] that fits, or lo - 1 if none does. Wrapping makes the
  // height almost monotonic in the size; the result is verified below either way.
  auto largest_fitting = [&](int lo, int hi) {
    int best = lo - 1;
    while (lo <= hi) {
      const int mid = lo + (hi - lo) / 2;
      if (fits(mid)) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return best;
  };

  int px = largest_fitting(limits.min_body_px, limits.max_body_px);
  if (px < limits.min_body_px) {
    layout.met_minimum = false;
    const int floor = std::min(config::kLastResortMinPx, limits.min_body_px);
    px = largest_fitting(floor, limits.min_body_px - 1);
    if (px < floor) px = floor;
  }
  const int height = Stack(slide, limits, px, measurer, &lines);
  layout.fits = height <= limits.safe.h;
  layout.body_px = px;

  const int top = limits.safe.y + std::max(0, (limits.safe.h - height) / 2);
  for (LineBox& line : lines) {
    line.box.y += top;
    line.box.x = limits.safe.x;
    if (slide.align == Align::kCenter) line.box.x += (limits.safe.w - line.box.w) / 2;
  }
  layout.lines = std::move(lines);
  return layout;
}

}  // namespace kiosk
