// Finding font files: a playlist's font_file, else its family through fontconfig
// (with kiosk's fonts/kiosk.conf added), else DejaVu Sans from a fixed search path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "playlist.h"

struct _FcCharSet;  // fontconfig's FcCharSet

namespace kiosk {

// The characters a font has, as fontconfig read them from its character map: coverage is
// answered without opening the font. Default-constructed: not known (ask the font).
class CharCoverage {
 public:
  CharCoverage() = default;
  // Shares `set` (fontconfig reference counts it).
  static CharCoverage Of(const _FcCharSet* set);
  bool known() const { return set_ != nullptr; }
  bool Has(char32_t c) const;

 private:
  std::shared_ptr<_FcCharSet> set_;
};

struct FontFiles {
  std::string regular;
  std::string bold;
  bool synthetic_bold = false;  // no bold face found: embolden the regular one
  // Fonts for characters the theme's font lacks, in order (fonts/kiosk.conf's
  // "kiosk-fallback" list first, then whatever else fontconfig finds that adds coverage).
  std::vector<std::string> fallbacks;
  CharCoverage coverage;                        // the regular font's
  std::vector<CharCoverage> fallback_coverage;  // one per fallback
  std::vector<bool> fallback_bitmap_only;       // one per fallback: no outlines (emoji)
};

// Returns false (with *error set) only when no font exists at all; whether the files are
// fonts is CheckFontFiles' (font_check.h). Fallbacks that still show text are reported in
// *warnings.
bool ResolveFonts(const Theme& theme, FontFiles* out, std::vector<std::string>* warnings,
                  std::string* error);

}  // namespace kiosk
