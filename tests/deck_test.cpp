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

namespace kiosk {
namespace {

bool Overlaps(const Box& a, const Box& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

Playlist PictureSlides() {
  Playlist p = testing::Slides({"Text neben dem Bild", "Nur Text", "", "Scannen"});
  p.slides[0].image = ImageElement{{"a.png"}, ImagePosition::kAuto};
  p.slides[0].background = Backdrop{{"bg.jpg", true, 0.5, 0.2}, Color{0, 0, 0, 140}};
  p.slides[1].background = Backdrop{{}, Color{10, 20, 30, 255}};
  p.slides[2].image = ImageElement{{"alone.png", true, 0.1, 0.9}, ImagePosition::kAuto};
  p.slides[3].qr = QrElement{"https://example.org", "Das Programm", ImagePosition::kAuto};
  return p;
}

TEST_CASE("Deck::Pictures: the background full screen with its overlay, then the image") {
  testing::FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(PictureSlides(), {{"a.png", {800, 800}}});
  deck.SetScreen(1920, 1080);
  const auto pictures = deck.Pictures(0);
  REQUIRE(pictures.size() == 2);
  CHECK(pictures[0] ==
        PictureItem{"bg.jpg", "", {0, 0, 1920, 1080}, true, 0.5, 0.2, Color{0, 0, 0, 140}});
  CHECK(pictures[1] ==
        PictureItem{"a.png", "", {905, 65, 950, 950}, false, 0.5, 0.5, Color{0, 0, 0, 0}});
  // The text is laid out in what is left, and stays out of the picture.
  for (const TextItem& item : deck.Items(0)) CHECK_FALSE(Overlaps(item.box, pictures[1].box));
  CHECK(deck.Layout(0).lines.front().box.x == 65);

  SUBCASE("a colour background is an overlay alone") {
    CHECK(deck.Pictures(1) ==
          std::vector<PictureItem>{
              {"", "", {0, 0, 1920, 1080}, false, 0.5, 0.5, Color{10, 20, 30, 255}}});
  }
  SUBCASE("an image alone fills the safe area, fit and focus kept") {
    CHECK(deck.Pictures(2) ==
          std::vector<PictureItem>{
              {"alone.png", "", {65, 65, 1790, 950}, true, 0.1, 0.9, Color{0, 0, 0, 0}}});
    CHECK(deck.Items(2).empty());
  }
  SUBCASE("a QR code: its square, and its caption among the text items, under it") {
    const auto qr = deck.Pictures(3);
    REQUIRE(qr.size() == 1);
    CHECK(qr[0].file.empty());
    CHECK(qr[0].qr_text == "https://example.org");
    CHECK(qr[0].box.w == qr[0].box.h);
    CHECK(qr[0].box.w >= 1080 / 2);
    const auto items = deck.Items(3);
    REQUIRE(items.size() == 2);
    CHECK(items[0].text == "Scannen");
    CHECK(items[1].text == "Das Programm");
    CHECK(items[1].box.y == qr[0].box.y + qr[0].box.h);
    CHECK(items[1].box.x + items[1].box.w / 2 ==
          doctest::Approx(qr[0].box.x + qr[0].box.w / 2).epsilon(0.01));
    CHECK(items[1].px == LimitsFor(deck.playlist().theme, 1920, 1080).min_body_px);
    CHECK_FALSE(Overlaps(items[0].box, qr[0].box));
  }
}

TEST_CASE("Deck: a picture that could not be read is left out; its slide shows the text alone") {
  testing::FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(PictureSlides(), {{"a.png", {}}, {"bg.jpg", {}}});
  deck.SetScreen(1920, 1080);
  CHECK(deck.Pictures(0).empty());
  CHECK(deck.Regions(0).text == LimitsFor(deck.playlist().theme, 1920, 1080).safe);
  Deck plain(m);
  plain.SetPlaylist(testing::Slides({"Text neben dem Bild"}));
  plain.SetScreen(1920, 1080);
  CHECK(deck.Items(0) == plain.Items(0));
}

TEST_CASE("Deck: the logo, under and over; the text gives way to the logo") {
  testing::FakeMeasurer m;
  Deck deck(m);
  Playlist p = testing::Slides({std::string(300, 'x').c_str()});
  p.theme.logo = Logo{{"logo.png"}, Corner::kTopRight, 0.12};
  p.theme.background_picture = Backdrop{{"bg.png", true, 0.5, 0.5}, Color{0, 0, 0, 128}};
  deck.SetPlaylist(p, {{"logo.png", {400, 200}}});
  deck.SetScreen(1920, 1080);
  CHECK(deck.Under() ==
        std::vector<PictureItem>{
            {"bg.png", "", {0, 0, 1920, 1080}, true, 0.5, 0.5, Color{0, 0, 0, 128}}});
  const auto over = deck.Over();
  REQUIRE(over.size() == 1);
  CHECK(over[0].box == Box{1725, 65, 130, 65});
  for (const TextItem& item : deck.Items(0)) CHECK_FALSE(Overlaps(item.box, over[0].box));
  deck.SetPlaylist(p, {{"logo.png", {}}, {"bg.png", {}}});  // both unreadable
  CHECK(deck.Under().empty());
  CHECK(deck.Over().empty());
}

}  // namespace
}  // namespace kiosk
