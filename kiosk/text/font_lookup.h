// Finding font files: a playlist's font_file, else its family through fontconfig
// (with kiosk's fonts/kiosk.conf added), else DejaVu Sans from a fixed search path.
#pragma once

#include <string>
#include <vector>

#include "playlist.h"

namespace kiosk {

struct FontFiles {
  std::string regular;
  std::string bold;
  bool synthetic_bold = false;  // no bold face found: embolden the regular one
  // Fonts for characters the theme's font lacks, in order (fonts/kiosk.conf's
  // "kiosk-fallback" list first, then whatever else fontconfig finds that adds coverage).
  std::vector<std::string> fallbacks;
};

// Returns false (with *error set) only when no usable font exists at all. Fallbacks that
// still show text are reported in *warnings.
bool ResolveFonts(const Theme& theme, FontFiles* out, std::vector<std::string>* warnings,
                  std::string* error);

}  // namespace kiosk
