#include "deck.h"

#include <doctest/doctest.h>

#include "fake_measurer.h"
#include "test_playlists.h"

using kiosk::Deck;
using kiosk::testing::FakeMeasurer;
using kiosk::testing::Slides;

TEST_CASE("Deck: layouts are cached until the size or the playlist changes") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"eins", "zwei"}));
  deck.SetScreen(1920, 1080);
  const auto v = deck.Version(0);
  const int calls = m.calls;
  deck.Layout(0);
  CHECK(m.calls == calls);
  CHECK(deck.Version(0) == v);
  deck.SetScreen(1920, 1080);  // same size: nothing to do
  CHECK(deck.Version(0) == v);
  deck.SetScreen(1280, 720);
  CHECK(deck.Version(0) != v);
  const auto v2 = deck.Version(0);
  deck.SetPlaylist(Slides({"eins", "zwei"}));
  CHECK(deck.Version(0) != v2);
}

TEST_CASE("Deck: items are the spans in screen coordinates, in the theme's colours") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"normal **fett** normal"}));
  deck.SetScreen(1920, 1080);
  const auto items = deck.Items(0);
  REQUIRE(items.size() == 3);
  CHECK(items[0].text == "normal ");
  CHECK(items[1].text == "fett ");
  CHECK(items[1].style == kiosk::FontStyle::kBold);
  CHECK(items[2].text == "normal");
  CHECK(items[1].box.x == items[0].box.x + items[0].box.w);
  CHECK(items[0].color == deck.playlist().theme.foreground);
}

TEST_CASE("Deck: a new hyphenator keeps the slides on screen as they are") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"eins", "zwei", "drei"}));
  deck.SetScreen(1920, 1080);
  const auto v0 = deck.Version(0);
  const auto v1 = deck.Version(1);
  const std::size_t on_screen[] = {1};
  // Any non-null pointer will do: the fake text has no word long enough to hyphenate.
  static const int dummy = 0;
  deck.SetHyphenator(reinterpret_cast<const kiosk::Hyphenator*>(&dummy), on_screen);
  CHECK(deck.Version(1) == v1);
  CHECK(deck.Version(0) != v0);
}

TEST_CASE("Deck: uniform_size gives every slide the size the longest one needs") {
  FakeMeasurer m;
  Deck deck(m);
  kiosk::Playlist p = Slides({"kurz", std::string(400, 'x').c_str()});
  deck.SetPlaylist(p);
  deck.SetScreen(1920, 1080);
  const int natural_short = deck.Layout(0).body_px;
  const int natural_long = deck.Layout(1).body_px;
  REQUIRE(natural_short > natural_long);
  p.theme.uniform_size = true;
  deck.SetPlaylist(p);
  CHECK(deck.UniformBodyPx() == natural_long);
  CHECK(deck.Layout(0).body_px == natural_long);
  CHECK(deck.Layout(1).body_px == natural_long);
}

TEST_CASE("Deck: with uniform_size, a size below the readable minimum is reported as such") {
  // The uniform size lowers the floor each slide is laid out with; below the theme's
  // minimum is still below it (--check --size said "meets the minimum of 20 px" at 9 px).
  FakeMeasurer m;
  Deck deck(m);
  std::string words;
  for (int i = 0; i < 800; ++i) words += "Wort ";
  kiosk::Playlist p = Slides({"kurz", words.c_str()});
  p.theme.uniform_size = true;
  deck.SetPlaylist(p);
  deck.SetScreen(800, 480);
  const int min_px = kiosk::LimitsFor(p.theme, 800, 480).min_body_px;
  REQUIRE(deck.UniformBodyPx() < min_px);
  CHECK_FALSE(deck.Layout(0).met_minimum);
  CHECK_FALSE(deck.Layout(1).met_minimum);
}
