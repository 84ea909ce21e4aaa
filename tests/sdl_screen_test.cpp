// The GPU path (RendererScreen: FrameDrawer's textures, turned by SdlRotation), the default
// on a Pi, against the canvas path (CanvasDrawer, what --render draws, turned by Rotate),
// pixel by pixel. The GPU path runs on SDL's software renderer with the dummy video driver:
// no display, no GPU, the same SDL_Renderer calls the Pi's OpenGL ES renderer gets.
#include <SDL.h>
#include <SDL_ttf.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "canvas.h"
#include "canvas_drawer.h"
#include "config.h"
#include "deck.h"
#include "fake_pictures.h"
#include "font_lookup.h"
#include "frame.h"
#include "picture_cache.h"
#include "playlist.h"
#include "scheduler.h"
#include "sdl_draw.h"
#include "sdl_screen.h"
#include "sdl_text.h"
#include "show.h"

namespace kiosk {
namespace {

// Per channel, the GPU path may differ from the canvas path by this much: both blend 8-bit
// text coverage over the background, SDL's software blitter with its own rounding
// ((s * a + d * (255 - a)) / 255 in steps, and the fade as a texture alpha modulation,
// so a modulated alpha rounded once more), the canvas with exact division. Anything
// drawn in the wrong place, turned the wrong way or faded to the wrong step differs by far
// more (text on the background: up to 255).
constexpr int kTolerance = 6;

struct Difference {
  int max = 0;      // the largest channel difference
  long pixels = 0;  // pixels differing by more than kTolerance
};

Difference Compare(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  Difference d;
  for (std::size_t i = 0; i < a.size(); ++i) {
    int most = 0;
    for (int shift : {0, 8, 16}) {
      most = std::max(most, std::abs(static_cast<int>((a[i] >> shift) & 0xFF) -
                                     static_cast<int>((b[i] >> shift) & 0xFF)));
    }
    d.max = std::max(d.max, most);
    d.pixels += most > kTolerance;
  }
  return d;
}

Playlist TestPlaylist() {
  const LoadResult loaded = ParsePlaylist(R"({
    "lang": "zz", "transition": 1, "progress": true,
    "slides": [
      {"kicker": "Kicker", "title": "Titel Ä Ö Ü", "text": "Erster Text, **fett** und länger, über zwei Zeilen hinweg"},
      {"title": "Zweite Folie", "text": "Noch etwas Text", "align": "center"}
    ]})",
                                          "test.json");
  REQUIRE(loaded.playlist);
  return *loaded.playlist;
}

struct Sdl {
  Sdl() {
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    // The software renderer stands in for the GPU's: SDL creates the hinted driver even
    // though OpenScreen asks for an accelerated one.
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    REQUIRE(SDL_Init(SDL_INIT_VIDEO) == 0);
    REQUIRE(TTF_Init() == 0);
  }
  ~Sdl() {
    TTF_Quit();
    SDL_Quit();
  }
};

TEST_CASE("The GPU path draws what the canvas path draws: four rotations, a crossfade") {
  Sdl sdl;
  const Playlist playlist = TestPlaylist();
  FontFiles files;
  std::vector<std::string> warnings;
  std::string error;
  REQUIRE(ResolveFonts(playlist.theme, &files, &warnings, &error));
  TtfFonts fonts;
  REQUIRE(fonts.Open(files, &error));
  const int out_w = 400;
  const int out_h = 240;
  for (int rotate : {0, 90, 180, 270}) {
    CAPTURE(rotate);
    SDL_Window* window = SDL_CreateWindow("kiosk test", 0, 0, out_w, out_h, SDL_WINDOW_HIDDEN);
    REQUIRE(window != nullptr);
    {
      std::unique_ptr<Screen> screen = OpenScreen(window, fonts, rotate, false);
      REQUIRE(screen != nullptr);
      SDL_Renderer* renderer = SDL_GetRenderer(window);
      REQUIRE_MESSAGE(renderer != nullptr, "OpenScreen fell back to the canvas path");
      int w = 0;
      int h = 0;
      REQUIRE(screen->LayoutSize(&w, &h));
      CHECK(w == (rotate % 180 ? out_h : out_w));
      CHECK(h == (rotate % 180 ? out_w : out_h));

      Deck deck(fonts);
      deck.SetPlaylist(playlist);
      deck.SetScreen(w, h);
      Scheduler scheduler(DurationsOf(playlist), TransitionOf(playlist), 0);
      CanvasDrawer canvas([&fonts](const TextItem& item) { return RasteriseLine(fonts, item); });
      std::vector<std::uint32_t> layout(static_cast<std::size_t>(w) * h);
      std::vector<std::uint32_t> expected(static_cast<std::size_t>(out_w) * out_h);
      std::vector<std::uint32_t> gpu(expected.size());

      const Millis fade = TransitionOf(playlist);
      const Millis change = scheduler.TimeToAdvance(0);
      REQUIRE(scheduler.Update(change));
      const struct {
        const char* name;
        Millis at;
        bool announcement = false;
      } kMoments[] = {{"the first slide", change - 1},
                      {"crossfade, a third", change + fade / 3},
                      {"settled on the second", change + fade},
                      {"an announcement, half faded in", change + fade, true},
                      {"an announcement", change + fade + config::kAnnouncementFadeMs, true}};
      for (const auto& moment : kMoments) {
        CAPTURE(std::string(moment.name));
        ShowState state;
        if (moment.announcement) {
          state.announcement = Announcement{"Workshop 3 jetzt in Raum B",
                                            change + fade - config::kAnnouncementFadeMs / 2};
        }
        const Frame frame = BuildFrame(deck, scheduler, state, moment.at);
        if (moment.announcement) REQUIRE(frame.band);
        screen->Draw(frame, deck);
        REQUIRE(SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, gpu.data(),
                                     out_w * 4) == 0);
        screen->Present();
        canvas.Draw(frame, deck, PixelView{layout.data(), w, h, w});
        Rotate(PixelView{layout.data(), w, h, w}, PixelView{expected.data(), out_w, out_h, out_w},
               rotate);
        for (auto* pixels : {&gpu, &expected}) {
          for (std::uint32_t& p : *pixels) p &= 0xFFFFFF;
        }
        const Difference d = Compare(gpu, expected);
        MESSAGE("rotate " << rotate << ", " << std::string(moment.name) << ": largest difference "
                          << d.max << ", " << d.pixels << " pixels beyond " << kTolerance);
        CHECK(d.pixels == 0);
        CHECK(gpu != std::vector<std::uint32_t>(gpu.size(), gpu[0]));  // something drawn
      }
    }
    SDL_DestroyWindow(window);
  }
}

// The Frame's pictures (opaque under the slide with an overlay, half transparent over it).
void AddPictures(Frame* frame, int w, int h) {
  PictureItem under = testing::Solid("#3060c0", Box{0, 0, w, h});
  under.overlay = Color{0, 0, 0, 100};
  frame->under.push_back(under);
  frame->over.push_back(testing::Solid("#f0a00080", Box{w - 60, 10, 50, 30}));
}

TEST_CASE("The GPU path draws the Frame's pictures as the canvas path does, turned too") {
  Sdl sdl;
  const Playlist playlist = TestPlaylist();
  FontFiles files;
  std::vector<std::string> warnings;
  std::string error;
  REQUIRE(ResolveFonts(playlist.theme, &files, &warnings, &error));
  TtfFonts fonts;
  REQUIRE(fonts.Open(files, &error));
  testing::SolidPictures source;
  PictureCache cache(source, {}, [](const std::string&) {});
  const int out_w = 320;
  const int out_h = 200;
  for (int rotate : {0, 90}) {
    CAPTURE(rotate);
    SDL_Window* window = SDL_CreateWindow("kiosk test", 0, 0, out_w, out_h, SDL_WINDOW_HIDDEN);
    REQUIRE(window != nullptr);
    {
      std::unique_ptr<Screen> screen = OpenScreen(window, fonts, rotate, false, &cache);
      REQUIRE(screen != nullptr);
      SDL_Renderer* renderer = SDL_GetRenderer(window);
      REQUIRE(renderer != nullptr);
      int w = 0;
      int h = 0;
      REQUIRE(screen->LayoutSize(&w, &h));
      Deck deck(fonts);
      deck.SetPlaylist(playlist);
      deck.SetScreen(w, h);
      Scheduler scheduler(DurationsOf(playlist), TransitionOf(playlist), 0);
      CanvasDrawer canvas([&fonts](const TextItem& item) { return RasteriseLine(fonts, item); },
                          &cache, -1);
      Frame frame = BuildFrame(deck, scheduler, ShowState{}, 0);
      AddPictures(&frame, w, h);
      std::vector<std::uint32_t> layout(static_cast<std::size_t>(w) * h);
      std::vector<std::uint32_t> expected(static_cast<std::size_t>(out_w) * out_h);
      std::vector<std::uint32_t> gpu(expected.size());
      canvas.Draw(frame, deck, PixelView{layout.data(), w, h, w});  // waits for the pictures
      screen->Draw(frame, deck);
      REQUIRE(SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, gpu.data(),
                                   out_w * 4) == 0);
      screen->Present();
      Rotate(PixelView{layout.data(), w, h, w}, PixelView{expected.data(), out_w, out_h, out_w},
             rotate);
      for (auto* pixels : {&gpu, &expected}) {
        for (std::uint32_t& p : *pixels) p &= 0xFFFFFF;
      }
      const Difference d = Compare(gpu, expected);
      MESSAGE("pictures, rotate " << rotate << ": largest difference " << d.max << ", " << d.pixels
                                  << " pixels beyond " << kTolerance);
      CHECK(d.pixels == 0);
      // The background picture, darkened: not the theme's background.
      CHECK((expected[static_cast<std::size_t>(out_w) * (out_h / 2) + 2] & 0xFF) == 0x75);
    }
    SDL_DestroyWindow(window);
  }
}

TEST_CASE("FrameDrawer: a picture larger than the GPU's textures is scaled down into them") {
  Sdl sdl;
  const Playlist playlist = TestPlaylist();
  FontFiles files;
  std::vector<std::string> warnings;
  std::string error;
  REQUIRE(ResolveFonts(playlist.theme, &files, &warnings, &error));
  TtfFonts fonts;
  REQUIRE(fonts.Open(files, &error));
  testing::SolidPictures source;
  PictureCache cache(source, {}, [](const std::string&) {});
  const int w = 300;
  const int h = 200;
  SDL_Window* window = SDL_CreateWindow("kiosk test", 0, 0, w, h, SDL_WINDOW_HIDDEN);
  REQUIRE(window != nullptr);
  SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, 0);
  REQUIRE(renderer != nullptr);
  {
    // As on a Pi 3 with a 4K screen: textures of at most 64x64 here.
    FrameDrawer drawer(renderer, fonts, &cache, 64, 64, -1);
    Deck deck(fonts);
    deck.SetPlaylist(playlist);
    deck.SetScreen(w, h);
    Scheduler scheduler(DurationsOf(playlist), TransitionOf(playlist), 0);
    Frame frame = BuildFrame(deck, scheduler, ShowState{}, 0);
    frame.layers.clear();
    frame.rects.clear();
    frame.texts.clear();
    frame.under.push_back(testing::Solid("#20c040", Box{0, 0, w, h}));
    drawer.Draw(frame, deck);
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(w) * h);
    REQUIRE(SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, pixels.data(),
                                 w * 4) == 0);
    // Drawn over the whole screen, not left out and not cut to 64x64.
    CHECK((pixels[0] & 0xFFFFFF) == 0x20c040u);
    CHECK((pixels[static_cast<std::size_t>(h - 1) * w + w - 1] & 0xFFFFFF) == 0x20c040u);
    CHECK(drawer.picture_texture_bytes() > 0);
    CHECK(drawer.picture_texture_bytes() <= 64 * 43 * 4);  // 300x200 into 64x64: 64x42
  }
  SDL_DestroyRenderer(renderer);
  SDL_DestroyWindow(window);
}

}  // namespace
}  // namespace kiosk
