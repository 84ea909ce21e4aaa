// How long kiosk takes to prepare a slide (Deck layout + CanvasDrawer::Prepare, i.e. text
// rasterised and kept as 8-bit coverage) and to draw a crossfade frame, at 1920x1080 (or
// --size), as the live show does on a machine without a GPU. For comparison, the same
// crossfade through SDL's software renderer with textures (FrameDrawer), which is what
// kiosk drew with before.
// Built only with -DKIOSK_BENCH=ON; bench/run.sh runs it. Not part of the product.
//
//   prepare_bench [PLAYLIST] [--size WxH] [--rounds N]
#include <SDL.h>
#include <SDL_ttf.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "canvas_drawer.h"
#include "cli.h"
#include "content.h"
#include "deck.h"
#include "disk_pictures.h"
#include "frame.h"
#include "picture_cache.h"
#include "sdl_draw.h"
#include "sdl_screen.h"
#include "sdl_text.h"

namespace {

// CPU time of this thread: other programs on a busy machine do not inflate it (wall time
// would). On an idle machine the two agree, as everything here runs on this thread.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  }
};

double Ms(double a, double b) { return b - a; }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// Anonymous memory of the process so far (heap and mmap'd blocks), KiB.
long RssAnonKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("RssAnon:", 0) == 0) return std::atol(line.c_str() + 8);
  }
  return 0;
}

void Report(const char* what, const std::vector<double>& v) {
  std::printf("%-32s n=%-5zu min %7.2f  median %7.2f  p99 %7.2f  max %7.2f ms\n", what, v.size(),
              Percentile(v, 0), Percentile(v, 50), Percentile(v, 99), Percentile(v, 100));
}

}  // namespace

int main(int argc, char** argv) {
  std::string playlist = std::string(KIOSK_SOURCE_DIR) + "/slides/resolution.json";
  int w = 1920;
  int h = 1080;
  int rounds = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--size" && i + 1 < argc) {
      if (!kiosk::ParseSize(argv[++i], &w, &h)) return 2;
    } else if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else {
      playlist = arg;
    }
  }
  std::optional<kiosk::Content> content = kiosk::LoadContent(playlist);
  if (!content) return 1;
  auto hyphenation = kiosk::StartHyphenation(content->playlist.lang);
  if (TTF_Init() != 0) return 1;
  std::printf("memory: %ld KiB anonymous after loading the playlist\n", RssAnonKib());
  int status = 0;
  {
    kiosk::TtfFonts fonts;
    std::string error;
    if (!fonts.Open(content->fonts, &error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    // XRGB, as the window surface on X11.
    std::vector<std::uint32_t> pixels(static_cast<std::size_t>(w) * h);
    const kiosk::PixelView target{pixels.data(), w, h, w};
    {
      kiosk::Deck deck(fonts);
      const kiosk::Playlist playlist_copy = content->playlist;
      deck.SetPlaylist(content->playlist, content->pictures);
      deck.SetScreen(w, h);
      if (hyphenation) deck.SetHyphenator(hyphenation->Wait());
      // A playlist's pictures are decoded on the cache's worker (not counted: the frame
      // path's thread CPU time is); each frame waits until its pictures are there.
      kiosk::DiskPictures picture_files;
      kiosk::PictureCache pictures(picture_files, {}, [](const std::string&) {});
      kiosk::CanvasDrawer drawer(
          [&fonts](const kiosk::TextItem& item) { return kiosk::RasteriseLine(fonts, item); },
          &pictures, -1);
      std::printf("memory: %ld KiB with the hyphenation patterns\n", RssAnonKib());
      const std::size_t n = deck.playlist().slides.size();
      for (std::size_t i = 0; i < n; ++i) deck.Layout(i);
      std::printf("memory: %ld KiB after laying out every slide (fonts open)\n", RssAnonKib());
      std::size_t most = 0;
      for (std::size_t i = 0; i < n; ++i) {
        kiosk::CanvasDrawer one(
            [&fonts](const kiosk::TextItem& item) { return kiosk::RasteriseLine(fonts, item); });
        one.Prepare(i, deck);
        most = std::max(most, one.bytes());
      }
      std::printf("text of one slide: at most %zu KiB (8-bit coverage)\n", most / 1024);

      // Slide preparation. Round 1 starts with no font open (as after start-up); later
      // rounds have SDL_ttf's fonts and glyph caches warm, as a running show does.
      std::vector<double> layout_first, raster_first, total_first, layout_ms, raster_ms, total_ms;
      for (int round = 0; round < rounds; ++round) {
        deck.SetPlaylist(playlist_copy, content->pictures);  // forgets every layout
        drawer.Clear();
        for (std::size_t i = 0; i < n; ++i) {
          const auto t0 = Clock::now();
          deck.Layout(i);
          const auto t1 = Clock::now();
          drawer.Prepare(i, deck);
          const auto t2 = Clock::now();
          auto& l = round == 0 ? layout_first : layout_ms;
          auto& r = round == 0 ? raster_first : raster_ms;
          auto& t = round == 0 ? total_first : total_ms;
          l.push_back(Ms(t0, t1));
          r.push_back(Ms(t1, t2));
          t.push_back(Ms(t0, t2));
        }
      }
      std::printf("slides: %zu at %dx%d, software drawing, %d rounds; times are thread CPU time\n",
                  n, w, h, rounds);
      Report("prepare, first round: layout", layout_first);
      Report("prepare, first round: raster", raster_first);
      Report("prepare, first round: total", total_first);
      if (rounds > 1) {
        Report("prepare, warm: layout", layout_ms);
        Report("prepare, warm: raster", raster_ms);
        Report("prepare, warm: total", total_ms);
      }

      // Crossfade frames: every slide into the next, 48 alpha steps (0.8 s at 60 Hz),
      // each frame built and drawn into the pixels.
      const kiosk::Millis transition = 800;
      std::vector<kiosk::Millis> durations(n, 2000);
      // Both slides are ready before each crossfade, as in the show.
      auto crossfades = [&](auto prepare, auto draw) {
        std::vector<double> frame_ms;
        kiosk::Scheduler scheduler(durations, transition, 0);
        for (std::size_t i = 0; i < n; ++i) {
          scheduler.GoTo(i, 0);
          prepare(i);
          prepare((i + 1) % n);
          scheduler.Next(0);
          for (int step = 0; step < 48; ++step) {
            const kiosk::Millis now = transition * step / 48;
            const auto t0 = Clock::now();
            draw(kiosk::BuildFrame(deck, scheduler, kiosk::ShowState{}, now));
            frame_ms.push_back(Ms(t0, Clock::now()));
          }
        }
        return frame_ms;
      };
      Report("crossfade frame (draw)",
             crossfades([&](std::size_t i) { drawer.Prepare(i, deck); },
                        [&](const kiosk::Frame& f) { drawer.Draw(f, deck, target); }));

      // The same through SDL's software renderer and textures.
      SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormatFrom(pixels.data(), w, h, 32, w * 4,
                                                                SDL_PIXELFORMAT_XRGB8888);
      SDL_Renderer* renderer = surface ? SDL_CreateSoftwareRenderer(surface) : nullptr;
      if (!renderer) return 1;
      {
        kiosk::FrameDrawer textures(renderer, fonts, &pictures, 0, 0, -1);
        Report("  SDL renderer (draw+flush)",
               crossfades([&](std::size_t i) { textures.Prepare(i, deck); },
                          [&](const kiosk::Frame& f) {
                            textures.Draw(f, deck);
                            SDL_RenderFlush(renderer);
                          }));
      }
      SDL_DestroyRenderer(renderer);
      SDL_FreeSurface(surface);
    }
  }
  TTF_Quit();
  SDL_Quit();
  return status;
}
