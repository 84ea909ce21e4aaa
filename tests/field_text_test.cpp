#include "field_text.h"

#include <doctest/doctest.h>

#include "deck.h"
#include "fake_measurer.h"
#include "frame.h"

namespace kiosk {
namespace {

Millis Utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return TimeZone::Utc().FromLocal({y, mo, d, h, mi, s, 0});
}

// Like FakeMeasurer, but '1' is narrow: a font without tabular figures.
class ProportionalMeasurer : public testing::FakeMeasurer {
 public:
  int Width(std::string_view text, FontStyle style, int px) override {
    int ones = 0;
    for (char c : text) ones += c == '1';
    return FakeMeasurer::Width(text, style, px) - ones * px / 5;
  }
};

Playlist ClockPlaylist(Align align = Align::kLeft) {
  Playlist p = DefaultPlaylist();
  p.timezone = "Europe/Berlin";
  Slide s;
  s.kicker = "{weekday}";
  s.title = "Es ist {time} Uhr";
  s.text =
      "Ein Satz ohne Feld, lang genug, um umzubrechen, damit die Zeilen zählen, und noch "
      "etwas mehr Text.\nDie Eröffnung beginnt {until 2015-05-29T18:00}.";
  s.align = align;
  s.duration = 600;
  p.slides.push_back(s);
  return p;
}

TEST_CASE("field text: placeholders stand for fields, braces escape, author text is kept") {
  std::vector<Field> fields;
  const std::string t = PlaceholderText("a {time} b {{c}} {date}", &fields);
  REQUIRE(fields.size() == 2);
  CHECK(HasPlaceholder(t));
  CHECK(FillPlaceholders(t, {"12:00", "29. Mai 2015"}) == "a 12:00 b {c} 29. Mai 2015");
  // Text that does not parse (an error screen's) shows as it is.
  fields.clear();
  CHECK(PlaceholderText("unknown field {tiem}", &fields) == "unknown field {tiem}");
  CHECK(fields.empty());
  // A placeholder an author typed is not taken for one.
  CHECK_FALSE(HasPlaceholder(PlaceholderText("\xF4\x8F\xBC\x80", &fields)));
  const TimeZone utc = TimeZone::Utc();
  CHECK(FillFields("Um {time}", {Utc(2015, 5, 29, 8, 0), true}, utc, "de") == "Um 08:00");
  CHECK(NextFieldsChange("Um {time}", {Utc(2015, 5, 29, 8, 0), true}, utc) ==
        Utc(2015, 5, 29, 8, 1));
  CHECK(NextFieldsChange("Um {{time}}", {0, true}, utc) == -1);
}

TEST_CASE("field text: the layout does not change between 11:59 and 12:00, nor next day") {
  for (const Align align : {Align::kLeft, Align::kCenter}) {
    ProportionalMeasurer m;
    Deck deck(m);
    deck.SetPlaylist(ClockPlaylist(align));
    deck.SetScreen(1920, 1080);
    const std::uint64_t version = deck.Version(0);
    const SlideLayout before = deck.Layout(0);
    const std::vector<TextItem> fixed = deck.Items(0);
    const std::vector<TextItem> at_1159 =
        deck.LiveItems(0, {Utc(2015, 5, 29, 9, 59, 30), true});  // 11:59 in Berlin
    const std::vector<TextItem> at_1200 = deck.LiveItems(0, {Utc(2015, 5, 29, 10, 0), true});
    const std::vector<TextItem> saturday = deck.LiveItems(0, {Utc(2015, 5, 30, 10, 0), true});
    CHECK(deck.Version(0) == version);
    CHECK(deck.Layout(0).body_px == before.body_px);
    CHECK(deck.Layout(0).lines.size() == before.lines.size());
    CHECK(deck.Items(0) == fixed);
    // Kicker, title and the countdown's line are live; the rest is not.
    REQUIRE(at_1159.size() == 3);
    REQUIRE(at_1200.size() == 3);
    CHECK(at_1159[0].text == "Freitag");
    CHECK(saturday[0].text == "Samstag");
    CHECK(at_1159[1].text == "Es ist 11:59 Uhr");
    CHECK(at_1200[1].text == "Es ist 12:00 Uhr");
    CHECK(at_1200[2].text == "noch 6 Stunden.");  // room for "noch 88 Stunden 88 Minuten."
    for (std::size_t i = 0; i < at_1159.size(); ++i) {
      CAPTURE(i);
      CHECK(at_1159[i].px == at_1200[i].px);
      CHECK(at_1159[i].box.y == at_1200[i].box.y);
      CHECK(at_1159[i].box.h == at_1200[i].box.h);
    }
    // The room kept is the widest value's: "11:59" is narrower here, never wider.
    const LineBox& title = before.lines[1];
    CHECK(at_1159[1].box.w < title.box.w);
    CHECK(at_1200[1].box.w <= title.box.w);
    if (align == Align::kLeft) {
      CHECK(at_1159[1].box.x == at_1200[1].box.x);
    } else {  // centred again for what it shows
      CHECK(at_1159[1].box.x + at_1159[1].box.w / 2 == doctest::Approx(960).epsilon(0.002));
    }
  }
}

TEST_CASE("field text: the frame changes, and the loop wakes, only when a value does") {
  testing::FakeMeasurer m;
  Deck deck(m);
  Playlist p = ClockPlaylist();
  p.show_progress = false;
  deck.SetPlaylist(p);
  deck.SetScreen(1920, 1080);
  Scheduler s{{600000}, 0, 0};
  ShowState st;
  st.wall = {Utc(2015, 5, 29, 9, 59, 30) + 250, true};
  const Frame a = BuildFrame(deck, s, st, 1000);
  CHECK(NextFrameChange(deck, s, st, 1000) == 29750);  // at 12:00:00.000
  st.wall.real_ms += 20000;
  CHECK(BuildFrame(deck, s, st, 21000) == a);  // still 11:59
  st.wall = {Utc(2015, 5, 29, 10, 0), true};
  const Frame b = BuildFrame(deck, s, st, 30000);
  CHECK_FALSE(b == a);
  CHECK(b.layers == a.layers);
  REQUIRE(b.live.size() == 1);
  CHECK(b.live[0][1].text == "Es ist 12:00 Uhr");
  // Not trusted yet: dashes, and no waking for the fields.
  st.wall.trusted = false;
  const Frame c = BuildFrame(deck, s, st, 30000);
  CHECK(c.live[0][1].text == "Es ist \xE2\x80\x93:\xE2\x80\x93 Uhr");
  CHECK(NextFrameChange(deck, s, st, 30000) == 600000 - 30000);
  // Black: nothing to wake for.
  st.wall.trusted = true;
  st.black = true;
  CHECK(NextFrameChange(deck, s, st, 30000) == 600000 - 30000);
}

TEST_CASE("field text: a field in the announcement band") {
  testing::FakeMeasurer m;
  Deck deck(m);
  Playlist p = ClockPlaylist();
  p.announcement = "Jetzt {time}";
  p.show_progress = false;
  deck.SetPlaylist(p);
  deck.SetScreen(1920, 1080);
  Scheduler s{{600000}, 0, 0};
  ShowState st;
  st.wall = {Utc(2015, 5, 29, 9, 59, 30), true};
  const Frame a = BuildFrame(deck, s, st, 0);
  REQUIRE(a.band);
  REQUIRE_FALSE(a.band->texts.empty());
  std::string shown;
  for (const TextItem& t : a.band->texts) shown += t.text;
  CHECK(shown == "Jetzt 11:59");
  CHECK(NextFrameChange(deck, s, st, 0) == 30000);
  // Laid out at the widest value: another value keeps the size and the line.
  p.announcement = "{until 2015-05-29T12:00}";
  deck.SetPlaylist(p);
  const std::vector<TextItem> two_hours = deck.Band(p.announcement, {Utc(2015, 5, 29, 8, 0), true});
  const std::vector<TextItem> last_minute =
      deck.Band(p.announcement, {Utc(2015, 5, 29, 9, 59, 30), true});
  REQUIRE(two_hours.size() == 1);
  REQUIRE(last_minute.size() == 1);
  CHECK(two_hours[0].text == "noch 2 Stunden");
  CHECK(last_minute[0].text == "noch 30 Sekunden");
  CHECK(two_hours[0].px == last_minute[0].px);
  CHECK(two_hours[0].box.y == last_minute[0].box.y);
}

}  // namespace
}  // namespace kiosk
