#include "layout.h"

#include <algorithm>
#include <cmath>

#include "config.h"
#include "linebreak.h"
#include "text_runs.h"

namespace kiosk {
namespace {

struct Block {
  const std::string* text;
  TextRole role;
  FontStyle style;
  int px;
};

// Lines of all blocks at body size `body_px`, positioned from y = 0: their height and width.
struct Extent {
  int h = 0;
  int w = 0;
  bool Inside(const Box& safe) const { return h <= safe.h && w <= safe.w; }
};

Extent Stack(const Slide& slide, const LayoutLimits& limits, int body_px, TextMeasurer& m,
             const Hyphenator* hyphenator, BreakMode mode, std::vector<LineBox>* lines) {
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
  int widest = 0;
  bool first = true;
  for (const Block& b : blocks) {
    if (b.text->empty()) continue;
    if (!first) y += gap;
    first = false;
    const int line_h =
        static_cast<int>(std::lround(m.LineHeight(b.style, b.px) * config::kLineSpacing));
    for (std::vector<Span>& spans :
         WrapParagraphs(*b.text, limits.safe.w, b.style, b.px, m, hyphenator, mode)) {
      if (spans.empty()) {
        y += static_cast<int>(std::lround(body_px * config::kParagraphGap));
        continue;
      }
      LineBox line;
      for (const Span& span : spans) line.text += span.text;
      line.role = b.role;
      line.style = b.style;
      line.px = b.px;
      int width = 0;
      for (const Span& span : spans) width = std::max(width, span.x + span.w);
      line.box = {0, y, width, line_h};
      widest = std::max(widest, width);
      line.spans = std::move(spans);
      lines->push_back(std::move(line));
      y += line_h;
    }
  }
  return {y, widest};
}

}  // namespace

LayoutLimits LimitsFor(const Theme& theme, int screen_w, int screen_h) {
  const int margin = static_cast<int>(std::lround(std::min(screen_w, screen_h) * theme.margin));
  LayoutLimits l;
  l.safe = {margin, margin, std::max(1, screen_w - 2 * margin), std::max(1, screen_h - 2 * margin)};
  // Sizes follow the screen height in landscape and the width in portrait: a panel
  // standing on end is read from the same distance, so the same pixels stay readable.
  const int side = std::min(screen_w, screen_h);
  l.max_body_px = std::max(1, static_cast<int>(std::lround(side * theme.max_text_size)));
  l.min_body_px =
      std::clamp(static_cast<int>(std::lround(side * theme.min_text_size)), 1, l.max_body_px);
  return l;
}

std::vector<std::string_view> TextLines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size();) {
    std::size_t len = 0;  // of the separator at i
    bool gap = false;     // it also starts a paragraph
    if (i == text.size()) {
      len = 1;
    } else if (text[i] == '\n' || text[i] == '\f' || text[i] == '\v') {
      len = 1;
    } else if (text.compare(i, 3, "\u2028") == 0) {
      len = 3;
    } else if (text.compare(i, 3, "\u2029") == 0) {
      len = 3;
      gap = true;
    }
    if (len == 0) {
      ++i;
      continue;
    }
    out.push_back(text.substr(start, i - start));
    if (gap) out.emplace_back();
    i += len;
    start = i;
  }
  return out;
}

std::vector<std::vector<Span>> WrapParagraphs(std::string_view text, int max_width, FontStyle style,
                                              int px, TextMeasurer& measurer,
                                              const Hyphenator* hyphenator, BreakMode mode) {
  std::vector<std::vector<Span>> out;
  const std::vector<std::string_view> lines = TextLines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view paragraph = lines[i];
    const auto fragments = SplitParagraph(paragraph, style, hyphenator);
    if (fragments.empty()) {
      if (i + 1 < lines.size()) out.emplace_back();  // blank line: a paragraph gap
      continue;
    }
    const bool rtl = IsRightToLeft(PlainText(paragraph));
    for (auto& line : BreakLines(fragments, max_width, px, measurer, mode)) {
      // Styled spans of a right-to-left paragraph follow each other leftwards.
      const int width = line.back().x + line.back().w;
      for (Span& span : line) {
        span.rtl = rtl;
        if (rtl) span.x = width - span.x - span.w;
      }
      out.push_back(std::move(line));
    }
  }
  return out;
}

std::vector<std::string> WrapText(std::string_view text, int max_width, FontStyle style, int px,
                                  TextMeasurer& measurer, const Hyphenator* hyphenator) {
  std::vector<std::string> out;
  for (const auto& spans : WrapParagraphs(text, max_width, style, px, measurer, hyphenator)) {
    std::string line;
    for (const Span& span : spans) line += span.text;
    out.push_back(std::move(line));
  }
  return out;
}

SlideLayout LayoutSlide(const Slide& slide, const LayoutLimits& limits, TextMeasurer& measurer,
                        const Hyphenator* hyphenator) {
  SlideLayout layout;
  std::vector<LineBox> lines;
  // Widths count as well as the height: a cluster wider than the line (a big emoji at a
  // large size on a narrow screen) must make the size smaller, not be clipped.
  auto fits = [&](int px) {
    return Stack(slide, limits, px, measurer, hyphenator, BreakMode::kTight, &lines)
        .Inside(limits.safe);
  };

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
  Extent extent = Stack(slide, limits, px, measurer, hyphenator, BreakMode::kLoose, &lines);
  if (!extent.Inside(limits.safe))
    extent = Stack(slide, limits, px, measurer, hyphenator, BreakMode::kTight, &lines);
  layout.fits = extent.Inside(limits.safe);
  const int height = extent.h;
  layout.body_px = px;

  const int top = limits.safe.y + std::max(0, (limits.safe.h - height) / 2);
  for (LineBox& line : lines) {
    line.box.y += top;
    line.box.x = limits.safe.x;
    if (slide.align == Align::kCenter) {
      line.box.x += (limits.safe.w - line.box.w) / 2;
    } else if (!line.spans.empty() && line.spans.front().rtl) {
      line.box.x += limits.safe.w - line.box.w;  // right-to-left text starts at the right
    }
  }
  layout.lines = std::move(lines);
  return layout;
}

}  // namespace kiosk
