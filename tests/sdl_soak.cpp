// Soak test: 10 000 slide changes through the real drawing path (Scheduler, Deck,
// BuildFrame, with SDL_ttf: FrameDrawer on SDL's software renderer, the GPU's path, and
// CanvasDrawer into memory, the software path; no display) on a fake
// clock, with a reload every 1000 changes and the error screen now and then. Prints the
// resident memory after warm-up and at the end; fails if it grew by 1 MiB or more (not in
// sanitizer builds, whose allocator keeps freed memory in quarantine: LeakSanitizer checks
// those at exit instead).
//
// Usage: kiosk_soak [CHANGES]     (default 10000)
#include <SDL.h>
#include <SDL_ttf.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "canvas_drawer.h"
#include "config.h"
#include "deck.h"
#include "font_lookup.h"
#include "frame.h"
#include "playlist.h"
#include "reload.h"
#include "scheduler.h"
#include "sdl_draw.h"
#include "sdl_screen.h"
#include "sdl_text.h"
#include "show.h"

#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_SOAK_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_SOAK_SANITIZED 1
#endif
#endif

namespace {

using kiosk::Millis;

long ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

int Fail(const std::string& why) {
  std::fprintf(stderr, "kiosk_soak: FAIL: %s\n", why.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const long changes_wanted = argc > 1 ? std::atol(argv[1]) : 10000;
  const long warm_up = std::min(1000L, changes_wanted / 10);
  const std::string path = KIOSK_SOURCE_DIR "/slides/resolution.json";
  kiosk::RealFileSystem fs;
  kiosk::LoadResult loaded = kiosk::LoadPlaylist(path, fs);
  if (!loaded.playlist) return Fail("cannot load " + path);
  const kiosk::Playlist playlist = *loaded.playlist;
  kiosk::FontFiles files;
  std::vector<std::string> warnings;
  std::string error;
  if (!kiosk::ResolveFonts(playlist.theme, &files, &warnings, &error)) return Fail(error);

  if (SDL_Init(0) != 0 || TTF_Init() != 0) return Fail("cannot start SDL");
  int status = 0;
  {
    kiosk::TtfFonts fonts;
    if (!fonts.Open(files, &error)) return Fail(error);
    const int w = 480;
    const int h = 270;
    SDL_Surface* target = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer* renderer = target ? SDL_CreateSoftwareRenderer(target) : nullptr;
    if (!renderer) return Fail(std::string("no software renderer: ") + SDL_GetError());
    {
      kiosk::Deck deck(fonts);
      deck.SetPlaylist(playlist);
      deck.SetScreen(w, h);
      kiosk::Scheduler scheduler(kiosk::DurationsOf(playlist), kiosk::TransitionOf(playlist), 0);
      kiosk::ShowState state;
      kiosk::FrameDrawer drawer(renderer, fonts);  // the GPU's path
      kiosk::CanvasDrawer canvas(                  // the software path
          [&fonts](const kiosk::TextItem& item) { return kiosk::RasteriseLine(fonts, item); });
      std::vector<std::uint32_t> pixels(static_cast<std::size_t>(w) * h);
      Millis now = 0;
      long changes = 0;
      long frames = 0;
      long rss_warm = 0;
      const auto started = std::chrono::steady_clock::now();
      auto draw = [&](Millis at) {
        const kiosk::Frame frame = kiosk::BuildFrame(deck, scheduler, state, at);
        drawer.Draw(frame, deck);
        SDL_RenderFlush(renderer);
        canvas.Draw(frame, deck, kiosk::PixelView{pixels.data(), w, h, w});
        ++frames;
      };
      while (changes < changes_wanted) {
        now += scheduler.TimeToAdvance(now);
        if (!scheduler.Update(now)) continue;
        ++changes;
        const Millis fade = kiosk::TransitionOf(deck.playlist());
        draw(now);             // the crossfade starts
        draw(now + fade / 2);  // half way
        draw(now + fade);      // settled
        const std::size_t n = scheduler.count();
        drawer.Prepare((scheduler.current() + 1) % n, deck);
        if (canvas.Prepare((scheduler.current() + 1) % n, deck)) {
          fonts.CloseAllBut(kiosk::config::kFontSizesKeptOpen);  // as the show does
        }
        if (changes % 1000 == 500) {
          // The error screen, as after a broken start, then the playlist again.
          const kiosk::Playlist errors = kiosk::ErrorScreenPlaylist(
              path, {path + ":3:5: error: syntax error", path + ": error: slides[2]: null"});
          scheduler.Reset(kiosk::DurationsOf(errors), kiosk::TransitionOf(errors), now);
          deck.SetPlaylist(errors);
          drawer.Clear();
          canvas.Clear();
          draw(now);
        }
        if (changes % 1000 == 0 || changes % 1000 == 500) {
          // A reload: same playlist, new layouts and textures.
          scheduler.Reset(kiosk::DurationsOf(playlist), kiosk::TransitionOf(playlist), now);
          deck.SetPlaylist(playlist);
          drawer.Clear();
          canvas.Clear();
        }
        if (changes == warm_up) rss_warm = ResidentBytes();
        if (changes % 1000 == 0 && std::getenv("KIOSK_SOAK_VERBOSE")) {
          std::printf("kiosk_soak: %ld changes: %ld KiB resident\n", changes,
                      ResidentBytes() / 1024);
        }
      }
      const long rss_end = ResidentBytes();
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const long growth = rss_end - rss_warm;
      std::printf(
          "kiosk_soak: %ld slide changes, %ld frames drawn (%dx%d), %.1f s of real time for "
          "%.1f days of show\n",
          changes, frames, w, h, seconds, static_cast<double>(now) / 86400000.0);
      std::printf(
          "kiosk_soak: resident memory after %ld changes (warm-up) %.2f MiB, at the end "
          "%.2f MiB, growth %+ld KiB\n",
          warm_up, static_cast<double>(rss_warm) / 1048576.0,
          static_cast<double>(rss_end) / 1048576.0, growth / 1024);
#ifndef KIOSK_SOAK_SANITIZED
      if (growth >= 1024 * 1024) status = Fail("resident memory grew by 1 MiB or more");
#else
      std::printf(
          "kiosk_soak: sanitizer build: memory bound not asserted; leaks checked at exit\n");
#endif
    }
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(target);
  }
  TTF_Quit();
  SDL_Quit();
  return status;
}
