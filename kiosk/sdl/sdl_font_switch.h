// The fonts a live show measures and draws with, pinned (pinned_files.h) and switched as a
// whole: a new set is opened beside the one in use and takes its place only once it has
// opened, so a font that fails on reload never leaves the show without fonts.
#pragma once

#include <string>
#include <vector>

#include "content_switcher.h"
#include "pinned_files.h"
#include "sdl_text.h"

namespace kiosk {

class PinnedTtfFonts : public FontSwitch {
 public:
  // TTF_Init must have been called.
  PinnedTtfFonts() = default;

  std::vector<std::string> ChangedOnDisk() override { return pins_.ChangedOnDisk(); }
  bool Use(const FontFiles& files, std::string* error) override;

  // What the Deck measures and the Screen draws with; the same object for the whole show.
  TtfFonts& fonts() { return fonts_; }

 private:
  PinnedFiles pins_;  // keeps the fonts in use readable whatever happens to their files
  TtfFonts fonts_;
};

}  // namespace kiosk
