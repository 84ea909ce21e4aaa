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
#include "font_lookup.h"
#include "frame.h"
#include "playlist.h"
#include "scheduler.h"
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

}  // namespace
}  // namespace kiosk
