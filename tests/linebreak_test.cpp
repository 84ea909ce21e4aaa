#include "linebreak.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

#include "fake_measurer.h"
#include "german.h"
#include "hyphenation.h"
#include "utf8.h"

using kiosk::BreakAfter;
using kiosk::BreakLines;
using kiosk::BreakMode;
using kiosk::FontStyle;
using kiosk::Fragment;
using kiosk::SplitParagraph;
using kiosk::testing::FakeMeasurer;
using kiosk::testing::German;
using Frags = std::vector<Fragment>;

namespace {

constexpr FontStyle R = FontStyle::kRegular;
constexpr FontStyle B = FontStyle::kBold;

std::vector<std::string> Texts(const std::vector<std::vector<kiosk::Span>>& lines) {
  std::vector<std::string> out;
  for (const auto& spans : lines) {
    std::string line;
    for (const auto& s : spans) line += s.text;
    out.push_back(line);
  }
  return out;
}

// Fragment texts joined with '|'.
std::string Pieces(const Frags& frags) {
  std::string out;
  for (const Fragment& f : frags) out += (out.empty() ? "" : "|") + f.text;
  return out;
}

}  // namespace

TEST_CASE("SplitParagraph: where a paragraph may break, without hyphenation") {
  CHECK(SplitParagraph("", R, nullptr).empty());
  CHECK(SplitParagraph("Landes- und Bundesregierung", R, nullptr) ==
        Frags{{"Landes-", R, BreakAfter::kSpace},
              {"und", R, BreakAfter::kSpace},
              {"Bundesregierung", R, BreakAfter::kEnd}});
  CHECK(SplitParagraph("Mecklenburg-Vorpommern", R, nullptr) ==
        Frags{{"Mecklenburg-", R, BreakAfter::kExplicit}, {"Vorpommern", R, BreakAfter::kEnd}});
  CHECK(Pieces(SplitParagraph("und/oder M-V 29.-31.05.2015", R, nullptr)) ==
        "und/|oder|M-|V|29.-|31.05.2015");
  CHECK(Pieces(SplitParagraph("- Spiegelstrich", R, nullptr)) == "-|Spiegelstrich");
}

TEST_CASE("SplitParagraph: soft hyphens are the only breaks of their word and are not drawn") {
  const Frags f = SplitParagraph("Selbst\u00ADorga\u00ADni\u00ADsation hilft", R, German());
  CHECK(f == Frags{{"Selbst", R, BreakAfter::kHyphen},
                   {"orga", R, BreakAfter::kHyphen},
                   {"ni", R, BreakAfter::kHyphen},
                   {"sation", R, BreakAfter::kSpace},
                   {"hilft", R, BreakAfter::kEnd}});
  // A soft hyphen at the edge of a word offers no break.
  CHECK(SplitParagraph("\u00ADWort\u00AD", R, nullptr) == Frags{{"Wort", R, BreakAfter::kEnd}});
}

TEST_CASE("SplitParagraph: **bold** toggles the style, also inside a word") {
  CHECK(SplitParagraph("a **b c** d", R, nullptr) == Frags{{"a", R, BreakAfter::kSpace},
                                                           {"b", B, BreakAfter::kSpace},
                                                           {"c", B, BreakAfter::kSpace},
                                                           {"d", R, BreakAfter::kEnd}});
  CHECK(SplitParagraph("**Wort**, gut", R, nullptr) == Frags{{"Wort", B, BreakAfter::kGlue},
                                                             {",", R, BreakAfter::kSpace},
                                                             {"gut", R, BreakAfter::kEnd}});
  // In a bold title, ** switches to regular.
  CHECK(SplitParagraph("T **r**", B, nullptr) ==
        Frags{{"T", B, BreakAfter::kSpace}, {"r", R, BreakAfter::kEnd}});
  // An unclosed ** runs to the end of the paragraph; no crash, nothing lost.
  CHECK(Pieces(SplitParagraph("x **y", R, nullptr)) == "x|y");
}

TEST_CASE("SplitParagraph: hyphenation keeps three letters on each side, leaves short words") {
  CHECK(Pieces(SplitParagraph("Migrantenselbstorganisationen", R, German())) ==
        "Migran|ten|selbst|or|ga|ni|sa|ti|o|nen");
  CHECK(Pieces(SplitParagraph("Asylbewerberleistungsgesetz,", R, German())) ==
        "Asyl|be|wer|ber|leis|tungs|ge|setz,");
  CHECK(Pieces(SplitParagraph("Zugang Flüchtlinge", R, German())) == "Zugang|Flücht|linge");
  CHECK(Pieces(SplitParagraph("Integrations- und", R, German())) == "Inte|gra|ti|ons-|und");
  CHECK(Pieces(SplitParagraph("Mecklenburg-Vorpommern", R, German())) ==
        "Meck|len|burg-|Vor|pom|mern");
}

TEST_CASE("BreakLines: a hyphen is drawn where a word is broken, nothing where it is not") {
  FakeMeasurer m;  // 5 px per character at px 10
  const Frags f = SplitParagraph("Migrantenselbstorganisationen sind da", R, German());
  const auto lines = Texts(BreakLines(f, 100, 10, m));  // 20 characters a line
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "Migrantenselbstorga-");
  CHECK(lines[1] == "nisationen sind da");
}

TEST_CASE("BreakLines: no line is wider than the limit, for any width") {
  FakeMeasurer m;
  // Glued fragments and bold inside words ("**X**Donau…", "Asyl**bewerber**…") have no
  // break at their style change: the breaker must still find one for every width.
  const std::string text =
      "Die Konferenz der Migrantenselbstorganisationen in Mecklenburg-Vorpommern begrüßt "
      "Verbesserungen der letzten Jahre beim Asyl**bewerber**leistungsgesetz, wie beispielsweise "
      "**X**Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterung und **dass** "
      "Asylsuchende nach einem drei**monatigen**Aufenthalt Zugang zum Arbeitsmarkt erhalten";
  for (const auto* h : {static_cast<const kiosk::Hyphenator*>(nullptr), German()}) {
    const Frags f = SplitParagraph(text, R, h);
    for (int width = 15; width <= 600; width += 7) {  // from 3 characters
      for (BreakMode mode : {BreakMode::kTight, BreakMode::kLoose}) {
        const auto lines = BreakLines(f, width, 10, m, mode);
        for (const auto& spans : lines) {
          CAPTURE(width);
          CHECK(spans.back().x + spans.back().w <= width);
        }
        CHECK_FALSE(lines.empty());
      }
      CHECK(BreakLines(f, width, 10, m, BreakMode::kTight).size() <=
            BreakLines(f, width, 10, m, BreakMode::kLoose).size());
    }
  }
}

TEST_CASE("BreakLines: balanced, not greedy: no lone short word on the last line") {
  FakeMeasurer m;
  // Greedy would give "aaaa bbbb cccc" / "dd": the DP moves a word down.
  const Frags f = SplitParagraph("aaaa bbbb cccc dd", R, nullptr);
  const auto lines = Texts(BreakLines(f, 70, 10, m));  // 14 characters a line
  CHECK(lines == std::vector<std::string>{"aaaa bbbb", "cccc dd"});
}

TEST_CASE("BreakLines: loose mode avoids a hyphen when a little raggedness does") {
  FakeMeasurer m;
  const Frags f = SplitParagraph("Zugang zu Integrationskursen", R, German());
  const auto tight = Texts(BreakLines(f, 100, 10, m, BreakMode::kTight));  // 20 characters
  const auto loose = Texts(BreakLines(f, 100, 10, m, BreakMode::kLoose));
  REQUIRE(tight.size() == 2);
  CHECK(tight[0].back() == '-');
  CHECK(loose == std::vector<std::string>{"Zugang zu", "Integrationskursen"});
}

TEST_CASE("BreakLines: spans of one style each, placed one after another") {
  FakeMeasurer m;
  const auto lines = BreakLines(SplitParagraph("ab **cd** ef", R, nullptr), 1000, 10, m);
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].size() == 3);
  CHECK(lines[0][0].text == "ab ");
  CHECK(lines[0][1].text == "cd ");
  CHECK(lines[0][1].style == B);
  CHECK(lines[0][1].x == lines[0][0].w);
  CHECK(lines[0][2].x == lines[0][1].x + lines[0][1].w);
}

namespace {

// The widest line, in the fake measurer's pixels.
int Widest(const std::vector<std::vector<kiosk::Span>>& lines) {
  int widest = 0;
  for (const auto& spans : lines) widest = std::max(widest, spans.back().x + spans.back().w);
  return widest;
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("BreakLines: a word with no break is cut with linear work, not quadratic") {
  // 50,000 letters at 20 a line: 2,500 cuts. Re-measuring the rest of the word for every
  // cut measured about 62 million bytes (and took 20 s with the real font).
  const std::string word(50000, 'a');
  for (int width : {100, 1000}) {  // 20 and 200 characters a line
    FakeMeasurer m;
    const auto lines = BreakLines(SplitParagraph(word, R, nullptr), width, 10, m);
    CAPTURE(width);
    CHECK(lines.size() == static_cast<std::size_t>(50000 / (width / 5)));
    CHECK(Widest(lines) <= width);
    // Each fragment once, each cut from the previous piece's length, each line once: about
    // four bytes measured per byte of text (the old breaker: 1264 at 20 characters a line).
    CHECK(m.bytes <= 6LL * static_cast<long long>(word.size()));
    CHECK(m.calls <= 4 * static_cast<int>(lines.size()));
  }
}

TEST_CASE("BreakLines: combining marks, ZWJ emoji and NBSP runs are cut in linear work") {
  const std::string cases[] = {
      "a" + Repeat("\u0301", 10000),                                              // one cluster
      Repeat("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466", 300),  // families
      Repeat("Wort\u00A0", 10000),  // no space to break at
      Repeat("**a**b", 5000),       // style changes
  };
  for (const std::string& text : cases) {
    FakeMeasurer m;
    const auto lines = BreakLines(SplitParagraph(text, R, German()), 200, 10, m);
    CHECK_FALSE(lines.empty());
    CHECK(m.bytes <= 40LL * static_cast<long long>(text.size()));
  }
}

TEST_CASE("BreakLines: a glued fragment without a break before it is cut, not left on one line") {
  // "**X**Donau…" glues X to the compound: no legal break between them. The breaker used to
  // give up and put the whole paragraph on one line, clipped far past the safe area.
  const std::string text =
      "Die **X**Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterung ist da und noch "
      "viel mehr Text";
  for (const auto* h : {static_cast<const kiosk::Hyphenator*>(nullptr), German()}) {
    const Frags f = SplitParagraph(text, R, h);
    for (int width = 15; width <= 400; width += 5) {
      for (BreakMode mode : {BreakMode::kTight, BreakMode::kLoose}) {
        FakeMeasurer m;
        const auto lines = BreakLines(f, width, 10, m, mode);
        CAPTURE(width);
        CHECK(Widest(lines) <= width);
        std::string joined;
        for (const auto& line : Texts(lines)) joined += line;
        CHECK(joined.find("mehr") != std::string::npos);
      }
    }
  }
}

TEST_CASE("BreakLines: Thai breaks between words, never inside a cluster") {
  const std::string thai = Repeat("ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ", 4);
  for (int width = 40; width <= 400; width += 9) {
    FakeMeasurer m;
    const auto lines = Texts(BreakLines(SplitParagraph(thai, R, nullptr), width, 10, m));
    CAPTURE(width);
    REQUIRE(lines.size() > 1);
    std::string joined;
    for (const std::string& line : lines) {
      CAPTURE(line);
      joined += line;
      std::size_t i = 0;
      const char32_t first = kiosk::DecodeNext(line, &i);
      // No line starts with a mark that belongs on the letter before it (vowel signs above
      // and below, tone marks, SARA AM, MAI HAN-AKAT) ...
      const bool mark = first == 0x0E31 || (first >= 0x0E33 && first <= 0x0E3A) ||
                        (first >= 0x0E47 && first <= 0x0E4E);
      CHECK_FALSE(mark);
      // ... and none ends with a leading vowel, which is written before its consonant.
      std::u32string cps = kiosk::DecodeUtf8(line);
      CHECK_FALSE((cps.back() >= 0x0E40 && cps.back() <= 0x0E44));
    }
    CHECK(joined == thai);
  }
}
