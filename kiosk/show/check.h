// kiosk --check: validate a playlist and report every problem; with a screen size, also
// how large each slide's text comes out there.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "deck.h"
#include "file_system.h"
#include "font_lookup.h"
#include "layout.h"
#include "playlist.h"
#include "slide_regions.h"

namespace kiosk {

class Hyphenator;

struct SlideFit {
  int body_px = 0;
  int min_px = 0;  // the readable minimum at that size
  bool met_minimum = true;
  bool fits = true;
  SlideRegions regions;         // where its picture and the logo go
  std::vector<TextItem> texts;  // its text as laid out: line boxes and colours (contrast)
};

// Every slide laid out at w x h as the show would (hyphenation, uniform size, the pictures'
// sizes included).
std::vector<SlideFit> FitSlides(const Playlist& playlist, int w, int h, TextMeasurer& measurer,
                                const Hyphenator* hyphenator, const PictureSizes& pictures = {});

struct CheckOptions {
  bool json = false;  // the whole report as one JSON object on `out`
  int width = 0;      // with a size and `fit`: report each slide's body size
  int height = 0;
  std::string at;  // --at: which slides the time rules show then (also reported for now)
  // Lays the playlist out with real fonts (the SDL edge provides it; tests fake it).
  std::function<std::vector<SlideFit>(const Playlist&, const FontFiles&, const PictureSizes&, int w,
                                      int h)>
      fit;
};

// Prints diagnostics to `err` and a summary to `out` (or everything as JSON to `out`).
// Every picture is read and decoded: one that cannot be is an error naming the file and
// why. With a size, each picture's size on screen and the memory it needs there, and a
// warning for a slide whose text reads at less than 4.5:1 over its background picture.
// Returns 0 when the playlist has no errors (warnings allowed), 1 otherwise.
int CheckPlaylist(const std::string& path, const FileSystem& fs, std::ostream& out,
                  std::ostream& err, const CheckOptions& options = {});

// Loads a playlist for showing: prints warnings and errors to `err`; the playlist is
// set only if it has no errors.
LoadResult LoadAndReport(const std::string& path, const FileSystem& fs, std::ostream& err);

}  // namespace kiosk
