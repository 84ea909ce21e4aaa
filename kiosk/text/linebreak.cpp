#include "linebreak.h"

#include <algorithm>
#include <limits>
#include <map>

#include "hyphenation.h"
#include "unicode.h"
#include "utf8.h"

namespace kiosk {
namespace {

constexpr std::string_view kSoftHyphen = "\xC2\xAD";

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// A word as runs of one style each (markup removed).
struct StyledRun {
  std::string text;
  FontStyle style;
};

// The hyphenator's points in `segment` (at byte `offset` of its word) that leave at least
// kMinHyphenFragment letters on each side, for a segment of kMinHyphenatedWord letters.
void AddHyphenationPoints(std::string_view segment, std::size_t offset,
                          const Hyphenator& hyphenator,
                          std::vector<std::pair<std::size_t, BreakAfter>>* breaks) {
  const int letters = unicode::CountLetters(segment);
  if (letters < kMinHyphenatedWord) return;
  int before = 0;  // letters in segment[0, at)
  std::size_t at = 0;
  for (std::size_t p : hyphenator.Points(segment)) {  // ascending
    before += unicode::CountLetters(segment.substr(at, p - at));
    at = p;
    if (before >= kMinHyphenFragment && letters - before >= kMinHyphenFragment) {
      breaks->emplace_back(offset + p, BreakAfter::kHyphen);
    }
  }
}

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
    if (hyphenator) AddHyphenationPoints(segment, seg, *hyphenator, &breaks);
    if (explicit_break) breaks.emplace_back(i + 1, BreakAfter::kExplicit);
    seg = i + 1;
  }
  // Scripts written without spaces (Thai, Lao, Khmer, Burmese, Chinese, Japanese) break
  // between words or characters, as UAX #14 says (ICU, with its dictionaries).
  if (unicode::NeedsLineBreaker(word)) {
    for (std::size_t at : unicode::LineBreaksInWord(word))
      breaks.emplace_back(at, BreakAfter::kExplicit);
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
  // A style change where the word may not break otherwise glues its two sides.
  std::sort(breaks.begin(), breaks.end());
  std::vector<std::pair<std::size_t, BreakAfter>> merged;
  merged.reserve(breaks.size() + styles.size());
  std::size_t b = 0;
  for (std::size_t i = 1; i <= styles.size(); ++i) {
    const std::size_t until = i < styles.size() ? styles[i].first : plain.size();
    while (b < breaks.size() && breaks[b].first <= until) merged.push_back(breaks[b++]);
    if (i == styles.size()) break;
    if (merged.empty() || merged.back().first != until)
      merged.emplace_back(until, BreakAfter::kGlue);
  }
  while (b < breaks.size()) merged.push_back(breaks[b++]);
  // Fragments between breaks, in the style each starts in.
  std::size_t start = 0;
  std::size_t style = 0;
  for (const auto& [at, kind] : merged) {
    if (at <= start || at >= plain.size()) continue;
    while (style + 1 < styles.size() && styles[style + 1].first <= start) ++style;
    const FontStyle fs = styles.empty() ? FontStyle::kRegular : styles[style].second;
    out->push_back({plain.substr(start, at - start), fs, kind});
    start = at;
  }
  if (start < plain.size()) {
    while (style + 1 < styles.size() && styles[style + 1].first <= start) ++style;
    const FontStyle fs = styles.empty() ? FontStyle::kRegular : styles[style].second;
    out->push_back({plain.substr(start), fs, BreakAfter::kSpace});
  }
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

// A fragment with its measured width (without the space or hyphen that may follow).
struct Measured {
  Fragment fragment;
  int width = 0;
};

// Widths of what a break adds, in each style: a space between words, the hyphen drawn at
// a line end. Bold ones are wider; counting them as regular made bold lines overflow.
struct Marks {
  int space[2] = {0, 0};
  int hyphen[2] = {0, 0};
  int Space(FontStyle s) const { return space[s == FontStyle::kBold]; }
  int Hyphen(FontStyle s) const { return hyphen[s == FontStyle::kBold]; }
};

// The longest prefix text[start, ends[k]) for k >= first that is at most `avail` wide,
// with `mark` added when it reaches the end: {k, width}, or {npos, 0} if not even
// ends[first] fits. Starts at a guess (the previous piece's length: pieces of one word
// are alike, so two measurements usually settle it), gallops away from it and bisects:
// O(log) measurements of prefixes about a line long, never of the rest of the text.
std::pair<std::size_t, int> LongestFit(std::string_view text, std::size_t start,
                                       const std::vector<std::size_t>& ends, std::size_t first,
                                       std::size_t guess, int avail, int mark, FontStyle style,
                                       int px, TextMeasurer& m) {
  constexpr std::size_t kNone = std::string_view::npos;
  const std::size_t last = ends.size() - 1;
  std::size_t good = kNone;  // the longest prefix known to fit
  int good_w = 0;
  std::size_t bad = ends.size();  // the shortest known not to
  auto fits = [&](std::size_t k) {
    const int w = m.Width(text.substr(start, ends[k] - start), style, px);
    if (w + (ends[k] == text.size() ? mark : 0) > avail) {
      bad = k;
      return false;
    }
    good = k;
    good_w = w;
    return true;
  };
  const std::size_t at = std::min(first + std::max<std::size_t>(guess, 1) - 1, last);
  if (fits(at)) {
    for (std::size_t step = 1; good < last; step *= 2) {
      if (!fits(std::min(good + step, last))) break;
    }
    if (good == last) return {good, good_w};
  } else {
    for (std::size_t step = 1; bad > first; step *= 2) {
      if (fits(bad - std::min(step, bad - first))) break;
    }
    if (good == kNone) return {kNone, 0};
  }
  std::size_t lo = good + 1;
  std::size_t hi = bad;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (fits(mid)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return {good, good_w};
}

// Step 1: measures every fragment once and cuts what no line can hold (kForced), at
// grapheme cluster boundaries, as late as the width allows. Fragments glued together (a
// style change inside a word) are cut as one word: when the glued text before a fragment
// leaves no room for even one cluster of it, the glue itself becomes the cut. So every
// run between two breakable ends fits a line, unless it is a single cluster wider than
// the line.
std::vector<Measured> MeasureAndCut(const std::vector<Fragment>& input, int max_width, int px,
                                    const Marks& marks, TextMeasurer& m) {
  std::vector<Measured> out;
  int carry = 0;  // width of the glued fragments before this one, on the same piece
  for (const Fragment& f : input) {
    const int mark = f.after == BreakAfter::kHyphen ? marks.Hyphen(f.style) : 0;
    const int whole = m.Width(f.text, f.style, px);
    if (f.text.empty() || carry + whole + mark <= max_width) {
      out.push_back({f, whole});
      carry = f.after == BreakAfter::kGlue ? carry + whole : 0;
      continue;
    }
    const std::string_view text = f.text;
    const std::vector<std::size_t> ends = unicode::GraphemeEnds(text);
    std::size_t start = 0;
    std::size_t first = 0;  // the first cluster after `start`
    std::size_t guess = 1;  // clusters in the previous piece
    while (true) {
      auto [k, w] =
          LongestFit(text, start, ends, first, guess, max_width - carry, mark, f.style, px, m);
      if (k == std::string_view::npos) {
        if (carry > 0 && !out.empty() && out.back().fragment.after == BreakAfter::kGlue) {
          out.back().fragment.after = BreakAfter::kForced;  // cut before this fragment
          carry = 0;
          continue;
        }
        k = first;  // one cluster wider than a line: it stands alone
        w = m.Width(text.substr(start, ends[k] - start), f.style, px);
      }
      const std::size_t end = ends[k];
      if (end == text.size()) {
        out.push_back({{std::string(text.substr(start)), f.style, f.after}, w});
        carry = f.after == BreakAfter::kGlue ? carry + w : 0;
        break;
      }
      out.push_back(
          {{std::string(text.substr(start, end - start)), f.style, BreakAfter::kForced}, w});
      carry = 0;
      start = end;
      guess = k + 1 - first;
      first = k + 1;
    }
  }
  return out;
}

// A line: fragments first..last inclusive.
using Range = std::pair<std::size_t, std::size_t>;

// Step 2: which breaks to take. best[e] is the best way to set fragments 0..e-1 with a line
// ending after e-1: the fewest lines (kTight) or the lowest cost, the squared unused share of
// each line plus penalties for hyphens and forced cuts (Knuth and Plass in spirit).
std::vector<Range> ChooseBreaks(const std::vector<Measured>& frags, int max_width,
                                const Marks& marks, BreakMode mode) {
  const std::size_t n = frags.size();
  // Prefix sums of widths (each space counted in its fragment's style) and of spaces, so
  // any line's width costs O(1).
  std::vector<long long> width(n + 1, 0);
  std::vector<int> spaces(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const bool space = frags[i].fragment.after == BreakAfter::kSpace;
    width[i + 1] = width[i] + frags[i].width + (space ? marks.Space(frags[i].fragment.style) : 0);
    spaces[i + 1] = spaces[i] + (space ? 1 : 0);
  }
  auto after = [&](std::size_t i) { return frags[i].fragment.after; };
  auto line_width = [&](std::size_t s, std::size_t e) {
    long long w = width[e + 1] - width[s];  // with the space after e: take it off
    if (after(e) == BreakAfter::kSpace) w -= marks.Space(frags[e].fragment.style);
    if (after(e) == BreakAfter::kHyphen) w += marks.Hyphen(frags[e].fragment.style);
    return w;
  };
  auto can_end = [&](std::size_t e) { return after(e) != BreakAfter::kGlue; };

  struct Best {
    int lines = std::numeric_limits<int>::max();
    double cost = 0;
    std::size_t from = 0;
  };
  constexpr int kNone = std::numeric_limits<int>::max();
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
      if (best[s].lines == kNone) continue;
      const double fill = static_cast<double>(w) / W;
      double cost;
      if (last) {
        // A short last line is fine, a nearly empty one is not; a lone word is worst.
        cost = 100 * std::max(0.0, 0.4 - fill) * std::max(0.0, 0.4 - fill);
        if (s > 0 && spaces[e] == spaces[s] && fill < 0.25) cost += 20;
      } else {
        cost = 100 * (1 - fill) * (1 - fill);
        if (after(e) == BreakAfter::kHyphen) cost += mode == BreakMode::kTight ? 12 : 40;
        if (after(e) == BreakAfter::kForced) cost += 50;
      }
      const int lines = best[s].lines + 1;
      const double total = best[s].cost + cost + (mode == BreakMode::kLoose ? kLinePenalty : 0);
      const Best& old = best[e + 1];
      const bool better =
          old.lines == kNone ||
          (mode == BreakMode::kTight ? lines < old.lines || (lines == old.lines && total < old.cost)
                                     : total < old.cost);
      if (better) best[e + 1] = {lines, total, s};
    }
  }

  std::vector<Range> ranges;
  if (best[n].lines == kNone) {
    // MeasureAndCut leaves every run between breakable ends narrow enough for a line of
    // its own, so this is not reached; if it were, a line per run still loses nothing.
    std::size_t s = 0;
    for (std::size_t e = 0; e < n; ++e) {
      if (can_end(e) || e + 1 == n) {
        ranges.emplace_back(s, e);
        s = e + 1;
      }
    }
    return ranges;
  }
  for (std::size_t e = n; e > 0; e = best[e].from) ranges.emplace_back(best[e].from, e - 1);
  std::reverse(ranges.begin(), ranges.end());
  return ranges;
}

// Step 3: the chosen lines as spans of one style each, measured as a whole (kerning
// across fragments included).
std::vector<std::vector<Span>> BuildLines(const std::vector<Measured>& frags,
                                          const std::vector<Range>& ranges, int px,
                                          TextMeasurer& m) {
  std::vector<std::vector<Span>> lines;
  lines.reserve(ranges.size());
  for (const auto& [s, e] : ranges) {
    std::vector<Span> spans;
    for (std::size_t i = s; i <= e; ++i) {
      const Fragment& f = frags[i].fragment;
      if (spans.empty() || spans.back().style != f.style) spans.push_back({"", f.style});
      spans.back().text += f.text;
      if (i < e && f.after == BreakAfter::kSpace) spans.back().text += ' ';
    }
    if (frags[e].fragment.after == BreakAfter::kHyphen) spans.back().text += '-';
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

std::vector<std::vector<Span>> BreakOnce(const std::vector<Fragment>& input, int max_width, int px,
                                         TextMeasurer& m, BreakMode mode) {
  Marks marks;
  for (FontStyle style : {FontStyle::kRegular, FontStyle::kBold}) {
    marks.space[style == FontStyle::kBold] = m.Width(" ", style, px);
    marks.hyphen[style == FontStyle::kBold] = m.Width("-", style, px);
  }
  const std::vector<Measured> frags = MeasureAndCut(input, max_width, px, marks, m);
  if (frags.empty()) return {};
  return BuildLines(frags, ChooseBreaks(frags, max_width, marks, mode), px, m);
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
