// The two ways the program meets SDL: a live show on a display, and headless PNGs.
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>

#include <chrono>
#include <string>
#include <vector>

#include "check.h"
#include "cli.h"

namespace kiosk {

// SDL and SDL_ttf, shut down in the right order however we leave.
struct SdlSession {
  bool ttf = false;
  ~SdlSession() {
    if (ttf) TTF_Quit();
    SDL_Quit();
  }
};

// Shows the playlist until quit; returns the exit code. `started` is process start,
// for the start -> first frame log line.
int RunShow(const Options& options, const std::string& playlist_path,
            std::chrono::steady_clock::time_point started);

// Writes every slide as DIR/slide-001.png ... with kiosk's software drawing, no display.
int RenderSlides(const Options& options, const std::string& playlist_path);

// For --check --size: every slide laid out with the real fonts and hyphenation.
std::vector<SlideFit> FitWithRealFonts(const Playlist& playlist, const FontFiles& fonts,
                                       const PictureSizes& pictures, int w, int h);

}  // namespace kiosk
