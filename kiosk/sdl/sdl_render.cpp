#include <SDL.h>
#include <SDL_ttf.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "canvas_drawer.h"
#include "config.h"
#include "content.h"
#include "disk_pictures.h"
#include "frame.h"
#include "playlist_time.h"
#include "png_file.h"
#include "programme_slides.h"
#include "sdl_app.h"
#include "sdl_screen.h"
#include "sdl_text.h"
#include "show.h"

namespace kiosk {

int RenderSlides(const Options& options, const std::string& playlist_path) {
  std::optional<Content> content = LoadContent(playlist_path);
  if (!content) return kExitError;
  ShowState state;  // the moment of --at, or now
  if (std::string error; !MomentFor(options.at, content->playlist, &state.wall.real_ms, &error)) {
    Log("--at: " + error);
    return kExitError;
  }
  // Programme slides as they show at that moment.
  ExpandProgramme(&content->playlist, content->programmes, state.wall);
  // Loads while SDL starts; the pictures wait for it, so they are always the same.
  auto hyphenation = StartHyphenation(content->playlist.lang);
  const int w = options.width > 0 ? options.width : config::kDefaultRenderWidth;
  const int h = options.height > 0 ? options.height : config::kDefaultRenderHeight;
  std::error_code ec;
  std::filesystem::create_directories(options.render_dir, ec);
  if (ec) {
    Log("cannot create " + options.render_dir + ": " + ec.message());
    return kExitError;
  }
  SdlSession session;
  if (TTF_Init() != 0) {
    Log(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    return kExitError;
  }
  session.ttf = true;
  TtfFonts fonts;
  std::string error;
  if (!fonts.Open(content->fonts, &error)) {
    Log(error);
    return kExitError;
  }
  // No display at all: kiosk's software drawing (what a screen without a GPU shows).
  std::vector<std::uint32_t> pixels(static_cast<std::size_t>(w) * h);
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(w) * h * 3);
  int status = kExitOk;
  {
    Deck deck(fonts);
    const Playlist& playlist = content->playlist;
    Scheduler scheduler(DurationsOf(playlist), TransitionOf(playlist), 0);
    deck.SetPlaylist(std::move(content->playlist), std::move(content->pictures));
    deck.SetScreen(w, h);
    if (hyphenation) {
      if (const Hyphenator* hyphenator = hyphenation->Wait()) {
        deck.SetHyphenator(hyphenator);
      } else {
        Log(hyphenation->error());
      }
    }
    // Every picture is waited for: a preview shows what the screen shows once settled.
    DiskPictures picture_files;
    PictureCache pictures(picture_files, {}, [](const std::string& line) { Log(line); });
    CanvasDrawer drawer([&fonts](const TextItem& item) { return RasteriseLine(fonts, item); },
                        &pictures, -1);
    const Millis settled = TransitionOf(deck.playlist());
    // With --at, only the slides the time rules show then (each keeps its number), or the
    // idle screen if none; without it, every slide.
    std::vector<bool> eligible(scheduler.count(), true);
    if (!options.at.empty()) {
      eligible = EligibleSlides(deck.playlist(), state.wall, PlaylistZone(deck.playlist()));
      scheduler.SetEligible(eligible, 0);
    }
    const bool idle = scheduler.idle();
    for (std::size_t i = 0; i < (idle ? 1 : scheduler.count()); ++i) {
      char name[32];
      std::snprintf(name, sizeof name, idle ? "idle.png" : "slide-%03zu.png", i + 1);
      if (!idle && !eligible[i]) {
        std::cout << (std::filesystem::path(options.render_dir) / name).string()
                  << ": not shown at " << options.at << " (time rules)\n";
        continue;
      }
      if (!idle) scheduler.GoTo(i, 0);
      drawer.Draw(BuildFrame(deck, scheduler, state, settled), deck,
                  PixelView{pixels.data(), w, h, w});
      const std::string file = (std::filesystem::path(options.render_dir) / name).string();
      // Opaque RGB: a quarter less for zlib to squeeze than ARGB.
      for (std::size_t p = 0; p < pixels.size(); ++p) {
        rgb[3 * p] = static_cast<std::uint8_t>(pixels[p] >> 16);
        rgb[3 * p + 1] = static_cast<std::uint8_t>(pixels[p] >> 8);
        rgb[3 * p + 2] = static_cast<std::uint8_t>(pixels[p]);
      }
      if (!WritePng(file, rgb.data(), w, h, w * 3, &error)) {
        Log("cannot write " + file + ": " + error);
        status = kExitError;
        break;
      }
      if (idle) {
        std::cout << file << ": no slide shown at " << options.at << " (time rules)\n";
        break;
      }
      const SlideLayout& layout = deck.Layout(i);
      std::cout << file << ": body " << layout.body_px << " px"
                << (layout.met_minimum ? "" : " (below the minimum)") << '\n';
    }
  }
  return status;
}

std::vector<SlideFit> FitWithRealFonts(const Playlist& playlist, const FontFiles& fonts,
                                       const PictureSizes& pictures, int w, int h) {
  auto hyphenation = StartHyphenation(playlist.lang);
  if (TTF_Init() != 0) {
    Log(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    return {};
  }
  std::vector<SlideFit> fits;
  {
    TtfFonts ttf;
    std::string error;
    if (ttf.Open(fonts, &error)) {
      fits = FitSlides(playlist, w, h, ttf, hyphenation ? hyphenation->Wait() : nullptr, pictures);
    } else {
      Log(error);
    }
  }
  TTF_Quit();
  return fits;
}

}  // namespace kiosk
