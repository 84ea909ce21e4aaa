// SDL_ttf behind the TextMeasurer interface: the real font measures and draws text.
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>

#include <map>
#include <string>
#include <utility>

#include "color.h"
#include "font_lookup.h"
#include "layout.h"

namespace kiosk {

class TtfFonts : public TextMeasurer {
 public:
  TtfFonts() = default;
  TtfFonts(const TtfFonts&) = delete;
  TtfFonts& operator=(const TtfFonts&) = delete;
  ~TtfFonts() override;

  // Opens the faces once to prove they load; TTF_Init must have been called.
  bool Open(const FontFiles& files, std::string* error);

  int Width(std::string_view text, FontStyle style, int px) override;
  int LineHeight(FontStyle style, int px) override;

  // Anti-aliased text with an alpha channel; the caller frees the surface. nullptr on error.
  SDL_Surface* Render(std::string_view text, FontStyle style, int px, Color color);

 private:
  TTF_Font* Get(FontStyle style, int px);
  void CloseAll();

  FontFiles files_;
  std::map<std::pair<FontStyle, int>, TTF_Font*> fonts_;  // one per style and pixel size
};

}  // namespace kiosk
