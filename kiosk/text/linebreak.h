// Breaking a paragraph into lines: where it may break (spaces, hyphenation points,
// soft hyphens, after explicit hyphens and slashes) and which breaks to take (the
// fewest lines, then the least raggedness, in the spirit of Knuth and Plass).
// Pure: widths come from a TextMeasurer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout_types.h"

namespace kiosk {

class Hyphenator;

// What follows a fragment, and so what a line that ends after it looks like.
enum class BreakAfter {
  kSpace,     // a space; dropped at a line end
  kHyphen,    // a hyphenation point or soft hyphen: a '-' is drawn at a line end
  kExplicit,  // after a '-' or '/' already in the text: nothing is added
  kForced,    // inside a word too long for any line: cut without a mark
  kGlue,      // a style change inside a word: no break here
  kEnd,       // end of the paragraph
};

struct Fragment {
  std::string text;
  FontStyle style = FontStyle::kRegular;
  BreakAfter after = BreakAfter::kEnd;
  bool operator==(const Fragment&) const = default;
};

// Splits one paragraph (no '\n') into fragments. "**" toggles bold. With a hyphenator,
// words of at least kMinHyphenatedWord letters get its points, keeping at least
// kMinHyphenFragment letters on each side (letters as unicode::IsLetter says, the same the
// hyphenator skips punctuation by); a word with soft hyphens (U+00AD) breaks only there.
// Words in scripts written without spaces (Thai, Chinese, ...) break where UAX #14 allows.
// Runs of blanks count as one space.
std::vector<Fragment> SplitParagraph(std::string_view paragraph, FontStyle base,
                                     const Hyphenator* hyphenator);

inline constexpr int kMinHyphenatedWord = 6;
inline constexpr int kMinHyphenFragment = 3;

// kTight: the fewest lines (so the largest font fits), then the least raggedness.
// kLoose: as many lines as reads best, avoiding hyphens; for when there is room.
enum class BreakMode { kTight, kLoose };

// The lines of a paragraph at most max_width wide, each as spans of one style. Always a
// path: a word (or glued run of fragments) wider than a line is cut between grapheme
// clusters; only a single cluster wider than the line sticks out. Linear in the text: each
// fragment is measured once, a cut O(log n) times on prefixes about a line long.
std::vector<std::vector<Span>> BreakLines(const std::vector<Fragment>& fragments, int max_width,
                                          int px, TextMeasurer& measurer,
                                          BreakMode mode = BreakMode::kTight);

// Strips "**" markers: the text as it reads.
std::string PlainText(std::string_view marked_up);

}  // namespace kiosk
