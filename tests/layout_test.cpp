#include "layout.h"

#include <doctest/doctest.h>

#include "fake_measurer.h"
#include "playlist.h"

using kiosk::Box;
using kiosk::FontStyle;
using kiosk::LayoutLimits;
using kiosk::LayoutSlide;
using kiosk::Slide;
using kiosk::WrapText;
using kiosk::testing::FakeMeasurer;
using Lines = std::vector<std::string>;

// With px = 10 every code point is 5 px wide: a width of 25 holds five characters.
TEST_CASE("WrapText: a table of edge cases") {
  struct Case {
    const char* text;
    int width;
    Lines want;
  };
  const Case cases[] = {
      {"", 25, {}},
      {"   ", 25, {}},
      {"aa bb cc", 25, {"aa bb", "cc"}},
      {"aa bb cc", 40, {"aa bb cc"}},
      {"aa    bb\tcc", 40, {"aa bb cc"}},                     // runs of blanks are one space
      {"  aa bb  ", 40, {"aa bb"}},                           // no leading or trailing blanks
      {"abcdefghij", 20, {"abcd", "efgh", "ij"}},             // a word longer than a line is cut
      {"x abcdefghij y", 20, {"x", "abcd", "efgh", "ij y"}},  // ...starting on its own line
      {"äöüßäöü", 15, {"äöü", "ßäö", "ü"}},                   // cut between code points, not bytes
      {"a\nb", 25, {"a", "b"}},                               // newline ends a line
      {"a\n\nb", 25, {"a", "", "b"}},                         // empty line is a paragraph gap
      {"a\n", 25, {"a"}},
      {"abc", 1, {"a", "b", "c"}},  // narrower than one character: one per line, never stuck
      {"Landes- und Bundesregierung", 60, {"Landes- und", "Bundesregier", "ung"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CAPTURE(c.width);
    FakeMeasurer m;
    CHECK(WrapText(c.text, c.width, FontStyle::kRegular, 10, m) == c.want);
  }
}

TEST_CASE("WrapText: no line is wider than the limit") {
  FakeMeasurer m;
  const std::string text =
      "Asylsuchende von Anfang an einen Zugang zu Integrations- und Sprachkursen sowie zu "
      "beruflicher und schulischer Ausbildung erhalten Migrantenselbstorganisationen";
  for (int width : {7, 33, 50, 120, 400, 2000}) {
    for (const std::string& line : WrapText(text, width, FontStyle::kRegular, 10, m)) {
      CAPTURE(line);
      CHECK(m.Width(line, FontStyle::kRegular, 10) <= std::max(width, 5));
    }
  }
}

namespace {

LayoutLimits Limits(int w, int h, int min_px, int max_px) {
  LayoutLimits l;
  l.safe = Box{10, 20, w, h};
  l.min_body_px = min_px;
  l.max_body_px = max_px;
  return l;
}

Slide MakeSlide(std::string text, std::string title = "", std::string kicker = "") {
  Slide s;
  s.text = std::move(text);
  s.title = std::move(title);
  s.kicker = std::move(kicker);
  return s;
}

void CheckInside(const kiosk::SlideLayout& layout, const LayoutLimits& l) {
  for (const auto& line : layout.lines) {
    CAPTURE(line.text);
    CHECK(line.box.x >= l.safe.x);
    CHECK(line.box.y >= l.safe.y);
    CHECK(line.box.x + line.box.w <= l.safe.x + l.safe.w);
    CHECK(line.box.y + line.box.h <= l.safe.y + l.safe.h);
  }
}

}  // namespace

TEST_CASE("LayoutSlide: a short text gets the maximum size") {
  FakeMeasurer m;
  const auto l = Limits(1000, 600, 20, 80);
  const auto layout = LayoutSlide(MakeSlide("kurz"), l, m);
  CHECK(layout.body_px == 80);
  CHECK(layout.met_minimum);
  CHECK(layout.fits);
  REQUIRE(layout.lines.size() == 1);
  CHECK(layout.lines[0].text == "kurz");
  // Centred vertically: 80 * 1.2 = 96 px tall in a 600 px area starting at y = 20.
  CHECK(layout.lines[0].box.y == 20 + (600 - 96) / 2);
  CHECK(layout.lines[0].box.x == 10);  // left aligned by default
}

TEST_CASE("LayoutSlide: picks the largest size that fits, and one more pixel would not") {
  FakeMeasurer m;
  const auto l = Limits(800, 300, 8, 200);
  const Slide s = MakeSlide(
      "Die Konferenz der Migrantenselbstorganisationen aus M-V fordert die Landes- und "
      "Bundesregierung auf, Asylbewerber, Flüchtlinge und Geduldete schneller in Ausbildung "
      "zu bringen und in den Arbeitsmarkt zu integrieren.",
      "Titel", "Kicker");
  const auto layout = LayoutSlide(s, l, m);
  CHECK(layout.fits);
  CHECK(layout.met_minimum);
  CHECK(layout.body_px > 8);
  CHECK(layout.body_px < 200);
  CheckInside(layout, l);
  // The next size up overflows the safe area (when given exactly that as the minimum).
  const auto bigger = LayoutSlide(s, Limits(800, 300, layout.body_px + 1, layout.body_px + 1), m);
  CHECK_FALSE(bigger.met_minimum);
}

TEST_CASE("LayoutSlide: kicker, title and body in order with their sizes and styles") {
  FakeMeasurer m;
  const auto layout =
      LayoutSlide(MakeSlide("body", "title", "kicker"), Limits(1000, 800, 10, 40), m);
  REQUIRE(layout.lines.size() == 3);
  CHECK(layout.lines[0].role == kiosk::TextRole::kKicker);
  CHECK(layout.lines[1].role == kiosk::TextRole::kTitle);
  CHECK(layout.lines[1].style == FontStyle::kBold);
  CHECK(layout.lines[2].role == kiosk::TextRole::kBody);
  CHECK(layout.lines[0].px < layout.lines[2].px);
  CHECK(layout.lines[1].px > layout.lines[2].px);
  CHECK(layout.lines[0].box.y < layout.lines[1].box.y);
  CHECK(layout.lines[1].box.y < layout.lines[2].box.y);
}

TEST_CASE("LayoutSlide: the kicker never goes below the minimum while the body meets it") {
  FakeMeasurer m;
  const std::string lead(300, 'x');
  const auto l = Limits(1000, 800, 20, 40);
  const auto layout = LayoutSlide(MakeSlide("body", "", lead), l, m);
  CHECK(layout.met_minimum);
  for (const auto& line : layout.lines) CHECK(line.px >= 20);
}

TEST_CASE("LayoutSlide: too much text goes below the minimum as a last resort, still inside") {
  FakeMeasurer m;
  std::string text;
  for (int i = 0; i < 250; ++i) text += "Wort ";
  const auto l = Limits(400, 200, 30, 60);
  const auto layout = LayoutSlide(MakeSlide(text), l, m);
  CHECK_FALSE(layout.met_minimum);
  CHECK(layout.fits);
  CHECK(layout.body_px < 30);
  CHECK(layout.body_px >= 6);
  CheckInside(layout, l);
}

TEST_CASE("LayoutSlide: hopeless text is flagged as not fitting instead of looping") {
  FakeMeasurer m;
  const std::string text(20000, 'x');
  const auto layout = LayoutSlide(MakeSlide(text), Limits(50, 20, 10, 20), m);
  CHECK_FALSE(layout.fits);
  CHECK(layout.body_px == 6);
}

TEST_CASE("LayoutSlide: centred lines are centred in the safe area") {
  FakeMeasurer m;
  Slide s = MakeSlide("ab");
  s.align = kiosk::Align::kCenter;
  const auto l = Limits(1000, 600, 10, 20);
  const auto layout = LayoutSlide(s, l, m);
  REQUIRE(layout.lines.size() == 1);
  const auto& box = layout.lines[0].box;
  CHECK(box.x - l.safe.x == l.safe.x + l.safe.w - (box.x + box.w));
}

TEST_CASE("LayoutSlide: a title-only slide has no body lines") {
  FakeMeasurer m;
  const auto layout = LayoutSlide(MakeSlide("", "Nur ein Titel"), Limits(1000, 600, 10, 40), m);
  REQUIRE(layout.lines.size() == 1);
  CHECK(layout.lines[0].role == kiosk::TextRole::kTitle);
}

TEST_CASE("LimitsFor: margins and sizes from the shorter side") {
  kiosk::Theme theme = kiosk::DefaultPlaylist().theme;
  theme.margin = 0.05;
  theme.max_text_size = 0.1;
  theme.min_text_size = 0.04;
  const auto l = kiosk::LimitsFor(theme, 1920, 1080);
  CHECK(l.safe == Box{54, 54, 1920 - 108, 1080 - 108});
  CHECK(l.max_body_px == 108);
  CHECK(l.min_body_px == 43);
  const auto portrait = kiosk::LimitsFor(theme, 1080, 1920);
  CHECK(portrait.safe == Box{54, 54, 1080 - 108, 1920 - 108});
  CHECK(portrait.max_body_px == 108);  // the shorter side, as in landscape
  CHECK(portrait.min_body_px == 43);
}

TEST_CASE("WrapText: form feed, vertical tab and U+2028 end a line; U+2029 a paragraph") {
  FakeMeasurer m;
  CHECK(WrapText("eins\fzwei\vdrei\u2028vier", 1000, FontStyle::kRegular, 10, m) ==
        Lines{"eins", "zwei", "drei", "vier"});
  // A paragraph separator is a line end and a paragraph gap, as an empty line is.
  CHECK(WrapText("eins\u2029zwei", 1000, FontStyle::kRegular, 10, m) ==
        WrapText("eins\n\nzwei", 1000, FontStyle::kRegular, 10, m));
  CHECK(WrapText("eins\u2029zwei", 1000, FontStyle::kRegular, 10, m) == Lines{"eins", "", "zwei"});
}

TEST_CASE("LayoutSlide: widths count, not only the height") {
  FakeMeasurer m;
  // One cluster (a letter and five accents) 3 em wide: it cannot be cut, so the size must
  // shrink until it fits the 30 px wide safe area: 10 px.
  const std::string cluster = "a\u0301\u0301\u0301\u0301\u0301";
  const auto l = Limits(30, 200, 6, 60);
  const auto layout = LayoutSlide(MakeSlide(cluster), l, m);
  CHECK(layout.lines.size() == 1);
  CHECK(layout.body_px == 10);
  CHECK(layout.fits);
  CheckInside(layout, l);
  // Where even the last resort is too wide, the layout says so.
  const auto tiny = LayoutSlide(MakeSlide(cluster), Limits(2, 200, 6, 60), m);
  CHECK_FALSE(tiny.fits);
}

TEST_CASE("LayoutSlide: a glued fragment never leaves the safe area") {
  FakeMeasurer m;
  const auto l = Limits(300, 400, 20, 60);
  const auto layout = LayoutSlide(
      MakeSlide("Die **X**Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterung ist da und "
                "noch viel mehr Text"),
      l, m);
  CHECK(layout.fits);
  CheckInside(layout, l);
}
