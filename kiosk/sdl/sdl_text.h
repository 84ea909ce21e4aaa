// SDL_ttf behind the TextMeasurer interface: the real fonts measure and draw text.
// A line is split into runs of one direction and script (text_runs.h) and each run into
// pieces of one font: the theme's font, else the first font of the fallback chain that
// has the character. Each piece is shaped by HarfBuzz inside SDL_ttf with its script and
// direction set, so Arabic joins and reads right to left.
//
// Font lifetimes: every open size is a FontRef (shared ownership). Code inside a call holds
// the FontRefs it uses, so nothing it holds can be closed under it; the cache itself drops
// sizes only at safe points: at the end of a public call (down to kMaxOpenFonts) and in
// CloseAllBut (the show calls it once a slide is ready). No TTF_Font* leaves this class.
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "color.h"
#include "font_lookup.h"
#include "layout_types.h"

namespace kiosk {

class TtfFonts : public TextMeasurer {
 public:
  TtfFonts() = default;
  TtfFonts(const TtfFonts&) = delete;
  TtfFonts& operator=(const TtfFonts&) = delete;
  ~TtfFonts() override;

  // Opens the faces once to prove they load; TTF_Init must have been called.
  bool Open(const FontFiles& files, std::string* error);
  // Trades fonts with `other` (a reload opens the new set aside and swaps only on success,
  // so the set in use is never closed for a set that fails).
  void Swap(TtfFonts& other) noexcept;

  int Width(std::string_view text, FontStyle style, int px) override;
  int LineHeight(FontStyle style, int px) override;

  // Closes every font size but the `keep` used last. Layout tries a dozen sizes per slide
  // and each open size holds its own copy of the font's tables and glyph cache (SDL_ttf,
  // HarfBuzz): once a slide is laid out and drawn, only the sizes it uses are worth keeping.
  void CloseAllBut(std::size_t keep);
  // How many font sizes are open.
  std::size_t open_fonts() const { return fonts_.size(); }

  // Anti-aliased text with an alpha channel, in a paragraph of the given direction; the
  // caller frees it. *top is where the surface's top goes relative to the line's top
  // (negative when a fallback font reaches higher). nullptr on error.
  SDL_Surface* Render(std::string_view text, FontStyle style, int px, Color color, bool rtl,
                      int* top);

 private:
  struct Piece {
    std::string text;
    int face = 0;  // 0: the theme's font; i > 0: fallbacks[i - 1]
    bool rtl = false;
    std::string script;
  };
  // An open font size; it stays open while a FontRef to it lives.
  using FontRef = std::shared_ptr<TTF_Font>;
  // Drops the least recently used sizes beyond kMaxOpenFonts; see the lifetime note above.
  class SafePoint {
   public:
    explicit SafePoint(TtfFonts* fonts) : fonts_(fonts) {}
    ~SafePoint();
    SafePoint(const SafePoint&) = delete;
    SafePoint& operator=(const SafePoint&) = delete;

   private:
    TtfFonts* fonts_;
  };

  // The pieces of `text` in visual order.
  std::vector<Piece> Pieces(std::string_view text, bool rtl_base);
  FontRef Get(int face, FontStyle style, int px);
  // Sets up a font for one piece; returns the scale for bitmap-only faces (emoji).
  FontRef Prepare(const Piece& piece, FontStyle style, int px, double* scale);
  // Whether bold text in `face` is drawn emboldened by kiosk (no bold face of its own).
  bool SyntheticBold(int face, FontStyle style);
  bool Covers(int face, char32_t cp);
  // The one pixel height of a bitmap-only face (colour emoji), 0 for scalable faces.
  int FixedHeight(int face);
  int FaceFor(char32_t cp, int current);
  // The face for one grapheme cluster (an emoji sequence, a letter with its marks).
  int FaceForCluster(std::string_view cluster, int current);
  void CloseAll();

  FontFiles files_;
  struct OpenFont {
    FontRef font;
    std::uint64_t last_use = 0;
  };
  std::map<std::tuple<int, FontStyle, int>, OpenFont> fonts_;  // (face, style, px)
  std::uint64_t use_counter_ = 0;
  std::map<std::pair<int, char32_t>, bool> coverage_;
  std::map<int, int> fixed_height_;  // bitmap-only faces: their one height (0 = scalable)
};

}  // namespace kiosk
