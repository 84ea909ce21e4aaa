#include "canvas_drawer.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "fake_measurer.h"
#include "fake_pictures.h"
#include "test_playlists.h"

using kiosk::CanvasDrawer;
using kiosk::Color;
using kiosk::Deck;
using kiosk::Frame;
using kiosk::PixelView;
using kiosk::SlideLayer;
using kiosk::TextItem;
using kiosk::testing::FakeMeasurer;
using kiosk::testing::Slides;
using kiosk::testing::Solid;
using kiosk::testing::SolidPictures;

namespace {

// Each line becomes a solid block of its box's size, one pixel lower than the box.
struct FakeRaster {
  CanvasDrawer::Raster operator()(const TextItem& item) {
    ++(*calls)[item.text];
    CanvasDrawer::Raster r;
    r.image.width = item.box.w;
    r.image.height = item.box.h;
    r.image.color = item.color;
    r.image.coverage.assign(static_cast<std::size_t>(item.box.w) * item.box.h, 255);
    r.top = 1;
    return r;
  }
  std::map<std::string, int>* calls;
};

struct Screen {
  Screen() : pixels(200 * 100, 0) {}
  PixelView view() { return PixelView{pixels.data(), 200, 100, 200}; }
  std::uint32_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * 200 + x]; }
  std::vector<std::uint32_t> pixels;
};

Frame Layers(const Deck& deck, std::vector<SlideLayer> layers) {
  Frame f;
  f.background = Color{0, 0, 0};
  f.clip = kiosk::Box{0, 0, deck.width(), deck.height()};
  f.layers = std::move(layers);
  return f;
}

}  // namespace

TEST_CASE("CanvasDrawer: draws the background, the slide's lines, rects and chrome text") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"eins"}));
  deck.SetScreen(200, 100);
  std::map<std::string, int> calls;
  CanvasDrawer drawer(FakeRaster{&calls});
  Frame f = Layers(deck, {{0, 255}});
  f.background = Color{0, 0, 10};
  f.rects.push_back({kiosk::Box{0, 98, 200, 2}, Color{255, 0, 0, 255}});
  TextItem counter;
  counter.text = "1 / 1";
  counter.box = kiosk::Box{180, 0, 10, 5};
  counter.color = Color{0, 255, 0, 255};
  f.texts.push_back(counter);
  Screen s;
  drawer.Draw(f, deck, s.view());

  const std::vector<TextItem> items = deck.Items(0);
  REQUIRE(items.size() == 1);
  const kiosk::Box b = items[0].box;
  const Color c = items[0].color;
  const std::uint32_t text = 0xFF000000u | c.r << 16 | c.g << 8 | c.b;
  CHECK(s.at(b.x + 1, b.y + 1) == text);  // the raster's top is 1 below the box
  CHECK(s.at(b.x + 1, b.y) == 0xFF00000Au);
  CHECK(s.at(0, 0) == 0xFF00000Au);
  CHECK(s.at(5, 99) == 0xFFFF0000u);
  CHECK(s.at(185, 3) == 0xFF00FF00u);
  CHECK(calls["eins"] == 1);
  CHECK(calls["1 / 1"] == 1);
  drawer.Draw(f, deck, s.view());  // the second frame reuses both
  CHECK(calls["eins"] == 1);
  CHECK(calls["1 / 1"] == 1);
}

TEST_CASE("CanvasDrawer: a crossfade blends both slides; nothing leaves the clip") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"aaaa", "aaaa"}));  // the same box on both slides
  deck.SetScreen(200, 100);
  std::map<std::string, int> calls;
  CanvasDrawer drawer(FakeRaster{&calls});
  const kiosk::Box b = deck.Items(0)[0].box;
  const Color c = deck.Items(0)[0].color;
  Screen s;
  drawer.Draw(Layers(deck, {{0, 128}, {1, 128}}), deck, s.view());
  // Over black: 128/255 of the colour, then 128/255 of the rest on top.
  const int once = (c.r * 128 + 127) / 255;
  const int twice = (c.r * 128 + once * 127 + 127) / 255;
  CHECK(static_cast<int>((s.at(b.x, b.y + 1) >> 16) & 0xFF) == twice);

  Frame clipped = Layers(deck, {{0, 255}});
  clipped.clip = kiosk::Box{0, 0, b.x + 1, 100};
  drawer.Draw(clipped, deck, s.view());
  CHECK(s.at(b.x, b.y + 1) != 0xFF000000u);
  CHECK(s.at(b.x + 1, b.y + 1) == 0xFF000000u);
}

TEST_CASE("CanvasDrawer: Prepare rasterises once; two slides are kept; a new layout redraws") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"eins", "zwei", "drei"}));
  deck.SetScreen(200, 100);
  std::map<std::string, int> calls;
  CanvasDrawer drawer(FakeRaster{&calls});
  CHECK(drawer.Prepare(0, deck));
  CHECK_FALSE(drawer.Prepare(0, deck));
  CHECK(drawer.Prepare(1, deck));
  CHECK_FALSE(drawer.Prepare(7, deck));  // no such slide
  CHECK(drawer.bytes() > 0);
  CHECK(drawer.Prepare(2, deck));  // evicts slide 0, the least recently used
  CHECK_FALSE(drawer.Prepare(1, deck));
  CHECK(drawer.Prepare(0, deck));
  CHECK(calls["eins"] == 2);
  deck.SetScreen(100, 100);  // a new layout: the old pixels do not count
  CHECK(drawer.Prepare(0, deck));
  drawer.Clear();
  CHECK(drawer.bytes() == 0);
}

TEST_CASE("CanvasDrawer: the frame's pictures: under the slide, overlay, logo over the text") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"eins"}));
  deck.SetScreen(200, 100);
  std::map<std::string, int> calls;
  SolidPictures source;
  kiosk::PictureCache cache(source, {}, [](const std::string&) {});
  CanvasDrawer drawer(FakeRaster{&calls}, &cache, -1);
  Frame f = Layers(deck, {{0, 255}});
  kiosk::PictureItem under = Solid("#ff0000", kiosk::Box{0, 0, 200, 100});
  under.overlay = Color{0, 0, 0, 128};  // darkened by half
  f.under.push_back(under);
  const kiosk::Box text = deck.Items(0)[0].box;
  f.over.push_back(Solid("#00ff00", kiosk::Box{text.x, text.y + 1, 3, 3}));  // over the text
  f.over.push_back(Solid("#0000ff80", kiosk::Box{0, 0, 2, 2}));              // half transparent
  Screen s;
  drawer.Draw(f, deck, s.view());
  CHECK(s.at(100, 99) == 0xFF7F0000u);                 // red, darkened: 255 * 127 / 255
  CHECK(s.at(text.x, text.y + 1) == 0xFF00FF00u);      // the logo over the text
  CHECK(s.at(text.x + 3, text.y + 1) == 0xFFFFFFFFu);  // the text over the background
  CHECK(s.at(0, 0) == 0xFF3F0080u);                    // blue at half over the darkened red
}

TEST_CASE("CanvasDrawer: a picture not ready is waited for a bounded time, then drawn later") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"eins"}));
  deck.SetScreen(200, 100);
  std::map<std::string, int> calls;
  SolidPictures source;
  source.hold_slow = true;
  std::atomic<int> wakes{0};
  kiosk::PictureCache cache(
      source, [&wakes] { ++wakes; }, [](const std::string&) {});
  CanvasDrawer drawer(FakeRaster{&calls}, &cache, 10);
  Frame f = Layers(deck, {{0, 255}});
  f.background = Color{0, 0, 0};
  f.under.push_back(Solid("slow#ff0000", kiosk::Box{0, 0, 200, 100}));
  Screen s;
  drawer.Draw(f, deck, s.view());
  CHECK(s.at(0, 0) == 0xFF000000u);  // drawn without it
  CHECK_FALSE(drawer.PicturesArrived());
  source.hold_slow = false;
  for (int i = 0; i < 1000 && wakes == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(drawer.PicturesArrived());  // the loop draws again
  drawer.Draw(f, deck, s.view());
  CHECK(s.at(0, 0) == 0xFFFF0000u);
  CHECK_FALSE(drawer.PicturesArrived());
}

TEST_CASE("CanvasDrawer: a crossfade between two full-screen backgrounds does not dip") {
  FakeMeasurer m;
  Deck deck(m);
  kiosk::Playlist p = Slides({"eins", "zwei", "drei"});
  kiosk::PictureRef red;
  red.file = "#ff0000";
  red.cover = true;
  kiosk::PictureRef blue = red;
  blue.file = "#0000ff";
  p.slides[0].background = kiosk::Backdrop{red, Color{0, 0, 0, 0}};
  p.slides[1].background = kiosk::Backdrop{blue, Color{0, 0, 0, 0}};
  deck.SetPlaylist(p);
  deck.SetScreen(200, 100);
  std::map<std::string, int> calls;
  SolidPictures source;
  kiosk::PictureCache cache(source, {}, [](const std::string&) {});
  CanvasDrawer drawer(FakeRaster{&calls}, &cache, -1);
  Screen s;
  // Halfway from red to blue: half of each, none of the black theme background.
  drawer.Draw(Layers(deck, {{0, 127}, {1, 128}}), deck, s.view());
  CHECK(s.at(0, 0) == 0xFF7F0080u);
  // Into a slide without a picture: the outgoing one fades out as before.
  drawer.Draw(Layers(deck, {{1, 127}, {2, 128}}), deck, s.view());
  CHECK(s.at(0, 0) == 0xFF00007Fu);
}

TEST_CASE("CanvasDrawer: the announcement band, faded as a whole, rasterised once per text") {
  FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(Slides({"eins"}));
  deck.SetScreen(200, 100);
  std::map<std::string, int> calls;
  CanvasDrawer drawer(FakeRaster{&calls});
  TextItem line;
  line.text = "Raum B";
  line.box = kiosk::Box{20, 80, 30, 10};
  line.color = Color{0, 0, 255, 255};
  kiosk::Band band;
  band.box = kiosk::Box{0, 70, 200, 30};
  band.background = Color{255, 0, 0, 255};
  band.texts = {line};
  Screen s;
  // A fade in: the same text, frame after frame, is rasterised once.
  for (int alpha : {0, 64, 128, 255}) {
    Frame f = Layers(deck, {{0, 255}});
    band.alpha = static_cast<std::uint8_t>(alpha);
    f.band = band;
    drawer.Draw(f, deck, s.view());
  }
  CHECK(calls["Raum B"] == 1);
  CHECK(s.at(5, 75) == 0xFFFF0000u);   // the band, opaque now
  CHECK(s.at(21, 82) == 0xFF0000FFu);  // its text (one pixel below the box: the raster)
  CHECK(s.at(5, 65) == 0xFF000000u);   // above it, the slide's background
  // Half faded: half the band's colour over the black background.
  Frame half = Layers(deck, {{0, 255}});
  band.alpha = 128;
  half.band = band;
  drawer.Draw(half, deck, s.view());
  const std::uint32_t red = (s.at(5, 75) >> 16) & 0xFF;
  CHECK(red >= 126);
  CHECK(red <= 130);
  // Another text: rasterised, once.
  band.texts[0].text = "Raum C";
  half.band = band;
  drawer.Draw(half, deck, s.view());
  drawer.Draw(half, deck, s.view());
  CHECK(calls["Raum C"] == 1);
  CHECK(drawer.bytes() >= 30u * 10u);
}

TEST_CASE("CanvasDrawer: a new value of a live field rasterises only its line again") {
  FakeMeasurer m;
  Deck deck(m);
  kiosk::Playlist p = Slides({"Zeile\nEs ist {time}"});
  p.timezone = "UTC";
  deck.SetPlaylist(p);
  deck.SetScreen(200, 100);
  std::map<std::string, int> calls;
  CanvasDrawer drawer(FakeRaster{&calls});
  Screen s;
  const auto draw = [&](kiosk::Millis real) {
    Frame f = Layers(deck, {{0, 255}});
    f.live.push_back(deck.LiveItems(0, kiosk::WallTime{real, true}));
    drawer.Draw(f, deck, s.view());
  };
  draw(11 * 3600000 + 59 * 60000);  // 11:59
  draw(11 * 3600000 + 59 * 60000 + 30000);
  draw(12 * 3600000);
  CHECK(calls["Zeile"] == 1);
  CHECK(calls["Es ist 11:59"] == 1);  // kept while it shows
  CHECK(calls["Es ist 12:00"] == 1);
  CHECK(calls.size() == 3);
}
