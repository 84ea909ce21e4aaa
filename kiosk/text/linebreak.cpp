#include "linebreak.h"

#include <algorithm>
#include <limits>
#include <map>

#include "hyphenation.h"
#include "utf8.h"

namespace kiosk {
namespace {

constexpr std::string_view kSoftHyphen = "\xC2\xAD";

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Counts code points that are not ASCII punctuation or digits: "letters", roughly.
int Letters(std::string_view s) {
  int n = 0;
  for (std::size_t i = 0; i < s.size(); i = Utf8Next(s, i)) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++n;
  }
  return n;
}

// A word as runs of one style each (markup removed).
struct StyledRun {
  std::string text;
  FontStyle style;
};

// Byte offsets in `word` (plain text) where a break is allowed, with its kind.
std::vector<std::pair<std::size_t, BreakAfter>> WordBreaks(const std::string& word,
                                                           const Hyphenator* hyphenator,
                                                           std::string* plain) {
  std::vector<std::pair<std::size_t, BreakAfter>> breaks;
  if (word.find(kSoftHyphen) != std::string::npos) {
    // The author marked the breaks: only those, and the soft hyphens are not drawn.
    plain->clear();
    std::size_t i = 0;
    while (i < word.size()) {
      if (word.compare(i, kSoftHyphen.size(), kSoftHyphen) == 0) {
        if (!plain->empty() && (breaks.empty() || breaks.back().first != plain->size())) {
          breaks.emplace_back(plain->size(), BreakAfter::kHyphen);
        }
        i += kSoftHyphen.size();
        continue;
      }
      plain->push_back(word[i++]);
    }
    if (!breaks.empty() && breaks.back().first == plain->size()) breaks.pop_back();
    return breaks;
  }
  *plain = word;
  // Segments between explicit hyphens and slashes; each is hyphenated on its own.
  std::size_t seg = 0;
  for (std::size_t i = 0; i <= word.size(); ++i) {
    const bool end = i == word.size();
    const bool explicit_break =
        !end && (word[i] == '-' || word[i] == '/') && i > seg && i + 1 < word.size();
    if (!end && !explicit_break) continue;
    const std::string_view segment = std::string_view(word).substr(seg, i - seg);
    if (hyphenator && Letters(segment) >= kMinHyphenatedWord) {
      for (std::size_t p : hyphenator->Points(segment)) {
        if (Letters(segment.substr(0, p)) >= kMinHyphenFragment &&
            Letters(segment.substr(p)) >= kMinHyphenFragment) {
          breaks.emplace_back(seg + p, BreakAfter::kHyphen);
        }
      }
    }
    if (explicit_break) breaks.emplace_back(i + 1, BreakAfter::kExplicit);
    seg = i + 1;
  }
  return breaks;
}

void AddWord(const std::vector<StyledRun>& runs, const Hyphenator* hyphenator,
             std::vector<Fragment>* out) {
  std::string word;
  for (const StyledRun& r : runs) word += r.text;
  std::string plain;
  auto breaks = WordBreaks(word, hyphenator, &plain);
  // Style boundaries in plain-text offsets (soft hyphens removed).
  std::vector<std::pair<std::size_t, FontStyle>> styles;  // (start, style)
  std::size_t pos = 0;
  for (const StyledRun& r : runs) {
    std::size_t len = r.text.size();
    for (std::size_t k = r.text.find(kSoftHyphen); k != std::string::npos;
         k = r.text.find(kSoftHyphen, k + 1)) {
      len -= kSoftHyphen.size();
    }
    if (len > 0) styles.emplace_back(pos, r.style);
    pos += len;
  }
  for (std::size_t i = 1; i < styles.size(); ++i) {
    if (std::none_of(breaks.begin(), breaks.end(),
                     [&](const auto& b) { return b.first == styles[i].first; })) {
      breaks.emplace_back(styles[i].first, BreakAfter::kGlue);
    }
  }
  std::sort(breaks.begin(), breaks.end());
  std::size_t start = 0;
  auto style_at = [&styles](std::size_t offset) {
    FontStyle s = styles.empty() ? FontStyle::kRegular : styles.front().second;
    for (const auto& [at, st] : styles) {
      if (at <= offset) s = st;
    }
    return s;
  };
  for (const auto& [at, kind] : breaks) {
    if (at <= start || at >= plain.size()) continue;
    out->push_back({plain.substr(start, at - start), style_at(start), kind});
    start = at;
  }
  if (start < plain.size())
    out->push_back({plain.substr(start), style_at(start), BreakAfter::kSpace});
}

}  // namespace

std::string PlainText(std::string_view marked_up) {
  std::string out;
  for (std::size_t i = 0; i < marked_up.size(); ++i) {
    if (marked_up.compare(i, 2, "**") == 0) {
      ++i;
      continue;
    }
    out.push_back(marked_up[i]);
  }
  return out;
}

std::vector<Fragment> SplitParagraph(std::string_view paragraph, FontStyle base,
                                     const Hyphenator* hyphenator) {
  std::vector<Fragment> out;
  std::vector<StyledRun> word;
  const FontStyle other = base == FontStyle::kBold ? FontStyle::kRegular : FontStyle::kBold;
  FontStyle style = base;
  auto flush = [&] {
    if (word.empty()) return;
    AddWord(word, hyphenator, &out);
    word.clear();
  };
  for (std::size_t i = 0; i < paragraph.size();) {
    if (paragraph.compare(i, 2, "**") == 0) {
      style = style == base ? other : base;
      i += 2;
      continue;
    }
    if (IsBlank(paragraph[i])) {
      flush();
      ++i;
      continue;
    }
    const std::size_t next = Utf8Next(paragraph, i);
    if (word.empty() || word.back().style != style) word.push_back({"", style});
    word.back().text.append(paragraph.substr(i, next - i));
    i = next;
  }
  flush();
  if (!out.empty()) out.back().after = BreakAfter::kEnd;
  return out;
}

namespace {

std::vector<std::vector<Span>> BreakOnce(const std::vector<Fragment>& input, int max_width, int px,
                                         TextMeasurer& m, BreakMode mode) {
  // Cut fragments no line can hold between code points (kForced), as narrow as needed.
  const int space_w = m.Width(" ", FontStyle::kRegular, px);
  const int hyphen_w = m.Width("-", FontStyle::kRegular, px);
  std::vector<Fragment> frags;
  for (const Fragment& f : input) {
    std::string_view rest = f.text;
    // The last piece may need room for the hyphen drawn after it.
    const int mark = f.after == BreakAfter::kHyphen ? hyphen_w : 0;
    while (m.Width(rest, f.style, px) + mark > max_width) {
      std::size_t lo = Utf8Next(rest, 0);
      for (std::size_t next = Utf8Next(rest, lo);
           next < rest.size() && m.Width(rest.substr(0, next), f.style, px) <= max_width;
           next = Utf8Next(rest, next)) {
        lo = next;
      }
      if (lo >= rest.size()) break;
      frags.push_back({std::string(rest.substr(0, lo)), f.style, BreakAfter::kForced});
      rest.remove_prefix(lo);
    }
    frags.push_back({std::string(rest), f.style, f.after});
  }
  const std::size_t n = frags.size();
  if (n == 0) return {};

  // Prefix sums of widths and of spaces, so any line's width costs O(1).
  std::vector<long long> width(n + 1, 0);
  std::vector<int> spaces(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    width[i + 1] = width[i] + m.Width(frags[i].text, frags[i].style, px);
    spaces[i + 1] = spaces[i] + (frags[i].after == BreakAfter::kSpace ? 1 : 0);
  }
  auto line_width = [&](std::size_t s, std::size_t e) {  // fragments s..e inclusive
    long long w = width[e + 1] - width[s] + static_cast<long long>(spaces[e] - spaces[s]) * space_w;
    if (frags[e].after == BreakAfter::kHyphen) w += hyphen_w;
    return w;
  };
  auto can_end = [&](std::size_t e) { return frags[e].after != BreakAfter::kGlue; };

  // best[e]: (lines, cost) of the best way to set fragments 0..e-1, ending a line there.
  struct Best {
    int lines = std::numeric_limits<int>::max();
    double cost = 0;
    std::size_t from = 0;
  };
  std::vector<Best> best(n + 1);
  best[0].lines = 0;
  constexpr double kLinePenalty = 10;  // kLoose: a line must earn its place
  const double W = static_cast<double>(max_width);
  for (std::size_t e = 0; e < n; ++e) {
    if (!can_end(e)) continue;
    const bool last = e + 1 == n;
    for (std::size_t s = e + 1; s-- > 0;) {
      if (s > 0 && !can_end(s - 1)) continue;
      const long long w = line_width(s, e);
      if (w > max_width && s != e) break;  // wider still with more fragments
      if (best[s].lines == std::numeric_limits<int>::max()) continue;
      const double fill = static_cast<double>(w) / W;
      double cost;
      if (last) {
        // A short last line is fine, a nearly empty one is not; a lone word is worst.
        cost = 100 * std::max(0.0, 0.4 - fill) * std::max(0.0, 0.4 - fill);
        if (s > 0 && spaces[e] == spaces[s] && fill < 0.25) cost += 20;
      } else {
        cost = 100 * (1 - fill) * (1 - fill);
        if (frags[e].after == BreakAfter::kHyphen) cost += mode == BreakMode::kTight ? 12 : 40;
        if (frags[e].after == BreakAfter::kForced) cost += 50;
      }
      const int lines = best[s].lines + 1;
      const double total = best[s].cost + cost + (mode == BreakMode::kLoose ? kLinePenalty : 0);
      const Best& old = best[e + 1];
      const bool better =
          old.lines == std::numeric_limits<int>::max() ||
          (mode == BreakMode::kTight ? lines < old.lines || (lines == old.lines && total < old.cost)
                                     : total < old.cost);
      if (better) {
        best[e + 1] = {lines, total, s};
      }
    }
  }

  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (std::size_t e = n; e > 0; e = best[e].from) ranges.emplace_back(best[e].from, e - 1);
  std::reverse(ranges.begin(), ranges.end());

  std::vector<std::vector<Span>> lines;
  for (const auto& [s, e] : ranges) {
    std::vector<Span> spans;
    for (std::size_t i = s; i <= e; ++i) {
      if (spans.empty() || spans.back().style != frags[i].style)
        spans.push_back({"", frags[i].style});
      spans.back().text += frags[i].text;
      if (i < e && frags[i].after == BreakAfter::kSpace) spans.back().text += ' ';
    }
    if (frags[e].after == BreakAfter::kHyphen) spans.back().text += '-';
    int x = 0;
    for (Span& span : spans) {
      span.x = x;
      span.w = m.Width(span.text, span.style, px);
      x += span.w;
    }
    lines.push_back(std::move(spans));
  }
  return lines;
}

}  // namespace

std::vector<std::vector<Span>> BreakLines(const std::vector<Fragment>& fragments, int max_width,
                                          int px, TextMeasurer& m, BreakMode mode) {
  max_width = std::max(max_width, 1);
  // Widths were added up fragment by fragment; kerning across fragments can make a whole
  // span a pixel or two wider. Measure the result and tighten until it really fits.
  int limit = max_width;
  for (int attempt = 0;; ++attempt) {
    auto lines = BreakOnce(fragments, limit, px, m, mode);
    int widest = 0;
    for (const auto& spans : lines) {
      if (!spans.empty()) widest = std::max(widest, spans.back().x + spans.back().w);
    }
    if (widest <= max_width || attempt == 3 || limit <= 1) return lines;
    limit = std::max(1, limit - (widest - max_width));
  }
}

}  // namespace kiosk
