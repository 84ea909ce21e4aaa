// How long kiosk takes to prepare a slide (Deck layout + FrameDrawer::Prepare, i.e. text
// rasterised into textures) and to draw a crossfade frame, with SDL's software renderer
// at 1920x1080 (or --size), as the live show does on a machine without a GPU.
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

#include "cli.h"
#include "content.h"
#include "deck.h"
#include "frame.h"
#include "sdl_draw.h"
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
    // XRGB, as the window surface the software renderer draws into on X11 (blending into
    // an ARGB target is slower).
    SDL_Surface* target = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    SDL_Renderer* renderer = target ? SDL_CreateSoftwareRenderer(target) : nullptr;
    if (!renderer) return 1;
    {
      kiosk::Deck deck(fonts);
      const kiosk::Playlist playlist_copy = content->playlist;
      deck.SetPlaylist(content->playlist);
      deck.SetScreen(w, h);
      if (hyphenation) deck.SetHyphenator(hyphenation->Wait());
      kiosk::FrameDrawer drawer(renderer, fonts);
      std::printf("memory: %ld KiB with the hyphenation patterns\n", RssAnonKib());
      const std::size_t n = deck.playlist().slides.size();
      for (std::size_t i = 0; i < n; ++i) deck.Layout(i);
      std::printf("memory: %ld KiB after laying out every slide (fonts open)\n", RssAnonKib());
      for (std::size_t i = 0; i < 4 && i < n; ++i) drawer.Prepare(i, deck);
      std::printf("memory: %ld KiB with 4 slides rasterised\n", RssAnonKib());

      // Slide preparation. Round 1 starts with no font open (as after start-up); later
      // rounds have SDL_ttf's fonts and glyph caches warm, as a running show does.
      std::vector<double> layout_first, raster_first, total_first, layout_ms, raster_ms, total_ms;
      for (int round = 0; round < rounds; ++round) {
        deck.SetPlaylist(playlist_copy);  // forgets every layout
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
      std::printf("slides: %zu at %dx%d, software renderer, %d rounds; times are thread CPU time\n",
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
      // each frame built, drawn and flushed (the blending really done) into the surface.
      std::vector<double> frame_ms;
      const kiosk::Millis transition = 800;
      std::vector<kiosk::Millis> durations(n, 2000);
      kiosk::Scheduler scheduler(durations, transition, 0);
      for (std::size_t i = 0; i < n; ++i) {
        scheduler.GoTo(i, 0);
        drawer.Prepare(i, deck);
        drawer.Prepare((i + 1) % n, deck);
        scheduler.Next(0);
        for (int step = 0; step < 48; ++step) {
          const kiosk::Millis now = transition * step / 48;
          const auto t0 = Clock::now();
          const kiosk::Frame frame = kiosk::BuildFrame(deck, scheduler, kiosk::ShowState{}, now);
          drawer.Draw(frame, deck);
          SDL_RenderFlush(renderer);
          frame_ms.push_back(Ms(t0, Clock::now()));
        }
      }
      Report("crossfade frame (draw+flush)", frame_ms);
    }
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
  }
  TTF_Quit();
  SDL_Quit();
  return status;
}
