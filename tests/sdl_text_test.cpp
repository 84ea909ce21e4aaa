// The SDL edge with the real font: SDL_ttf measuring, and every slide of the resolution
// laid out with DejaVu Sans at common screen sizes. No window is opened.
#include "sdl_text.h"

#include <SDL.h>
#include <doctest/doctest.h>

#include <memory>

#include "font_lookup.h"
#include "german.h"
#include "hyphenation.h"
#include "input.h"
#include "layout.h"
#include "playlist.h"

using kiosk::FontStyle;
using kiosk::testing::German;

namespace {

struct Ttf {
  Ttf() { REQUIRE(TTF_Init() == 0); }
  ~Ttf() { TTF_Quit(); }
};

kiosk::FontFiles DefaultFonts() {
  kiosk::FontFiles files;
  std::vector<std::string> warnings;
  std::string error;
  REQUIRE(kiosk::ResolveFonts(kiosk::DefaultPlaylist().theme, &files, &warnings, &error));
  CHECK(warnings.empty());
  return files;
}

}  // namespace

TEST_CASE("ResolveFonts finds DejaVu Sans, regular and bold") {
  const kiosk::FontFiles files = DefaultFonts();
  CHECK(files.regular.find("DejaVuSans.ttf") != std::string::npos);
  CHECK(files.bold.find("DejaVuSans-Bold.ttf") != std::string::npos);
  CHECK_FALSE(files.synthetic_bold);
}

TEST_CASE("ResolveFonts warns about a family that is not installed and falls back") {
  kiosk::Theme theme = kiosk::DefaultPlaylist().theme;
  theme.font_family = "No Such Font Family 42";
  kiosk::FontFiles files;
  std::vector<std::string> warnings;
  std::string error;
  REQUIRE(kiosk::ResolveFonts(theme, &files, &warnings, &error));
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("\"No Such Font Family 42\" is not installed") != std::string::npos);
  CHECK_FALSE(files.regular.empty());
}

TEST_CASE("TtfFonts measures with the real font") {
  Ttf ttf;
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(DefaultFonts(), &error));
  CHECK(fonts.Width("", FontStyle::kRegular, 40) == 0);
  const int w40 = fonts.Width("Flüchtlinge", FontStyle::kRegular, 40);
  const int w80 = fonts.Width("Flüchtlinge", FontStyle::kRegular, 80);
  CHECK(w40 > 100);
  CHECK(w80 > w40 * 19 / 10);
  CHECK(fonts.Width("Flüchtlinge", FontStyle::kBold, 40) > w40);
  CHECK(fonts.LineHeight(FontStyle::kRegular, 40) >= 40);
  int top = 1;
  SDL_Surface* s =
      fonts.Render("Flüchtlinge", FontStyle::kRegular, 40, kiosk::Color{}, false, &top);
  CHECK(top == 0);
  REQUIRE(s != nullptr);
  CHECK(s->w == w40);
  SDL_FreeSurface(s);
}

TEST_CASE("TtfFonts::CloseAllBut keeps the sizes used last, and they measure the same") {
  Ttf ttf;
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(DefaultFonts(), &error));
  // Sizes 20..39 in order, then 25 again: the last three used are 38, 39 and 25.
  for (int px = 20; px < 40; ++px) fonts.Width("Wort", FontStyle::kRegular, px);
  const int w25 = fonts.Width("Wort", FontStyle::kRegular, 25);
  REQUIRE(fonts.open_fonts() >= 20);
  fonts.CloseAllBut(3);
  CHECK(fonts.open_fonts() == 3);
  fonts.CloseAllBut(3);  // nothing more to close
  CHECK(fonts.open_fonts() == 3);
  CHECK(fonts.Width("Wort", FontStyle::kRegular, 25) == w25);
  CHECK(fonts.open_fonts() == 3);                           // 25 was still open
  CHECK(fonts.Width("Wort", FontStyle::kRegular, 20) > 0);  // opened again
  CHECK(fonts.open_fonts() == 4);
  fonts.CloseAllBut(0);
  CHECK(fonts.open_fonts() == 0);
}

TEST_CASE("TtfFonts: a missing font file is an error, not a crash") {
  Ttf ttf;
  kiosk::TtfFonts fonts;
  std::string error;
  CHECK_FALSE(fonts.Open({"/nonexistent/font.ttf", "/nonexistent/font.ttf", false, {}, {}, {}, {}},
                         &error));
  CHECK(error.find("/nonexistent/font.ttf") != std::string::npos);
}

namespace {

struct Size {
  int w, h;
};
constexpr Size kSizes[] = {{1920, 1080}, {1080, 1920}, {3840, 2160}, {1280, 720}, {800, 480}};

// Lays out every slide of `file` at every size with the real fonts and hyphenation, checks
// that nothing leaves the safe area, and returns the smallest body size per screen size.
std::vector<int> CheckInsideSafeArea(const char* file, bool must_meet_minimum) {
  kiosk::RealFileSystem fs;
  const auto loaded = kiosk::LoadPlaylist(file, fs);
  REQUIRE(loaded.playlist);
  kiosk::TtfFonts fonts;
  std::string error;
  kiosk::FontFiles files;
  std::vector<std::string> warnings;
  REQUIRE(kiosk::ResolveFonts(loaded.playlist->theme, &files, &warnings, &error));
  REQUIRE(fonts.Open(files, &error));
  std::vector<int> smallest;
  for (const Size size : kSizes) {
    const auto limits = kiosk::LimitsFor(loaded.playlist->theme, size.w, size.h);
    int small = 1 << 20;
    for (std::size_t i = 0; i < loaded.playlist->slides.size(); ++i) {
      CAPTURE(file);
      CAPTURE(size.w);
      CAPTURE(size.h);
      CAPTURE(i);
      const auto layout = kiosk::LayoutSlide(loaded.playlist->slides[i], limits, fonts, German());
      CHECK(layout.fits);
      if (must_meet_minimum) CHECK(layout.met_minimum);
      // Below the minimum only when the slide really cannot fit at it.
      if (!layout.met_minimum) CHECK(layout.body_px < limits.min_body_px);
      small = std::min(small, layout.body_px);
      for (const auto& line : layout.lines) {
        CAPTURE(line.text);
        // Measured again span by span, as they are drawn.
        int right = line.box.x;
        for (const auto& span : line.spans) {
          CHECK(span.w == fonts.Width(span.text, span.style, line.px));
          right = std::max(right, line.box.x + span.x + span.w);
        }
        CHECK(line.box.x >= limits.safe.x);
        CHECK(right <= limits.safe.x + limits.safe.w);
        CHECK(line.box.y >= limits.safe.y);
        CHECK(line.box.y + line.box.h <= limits.safe.y + limits.safe.h);
      }
    }
    MESSAGE(std::string(file) << ": smallest body size at " << size.w << "x" << size.h << ": "
                              << small << " px (minimum " << limits.min_body_px << ")");
    smallest.push_back(small);
  }
  return smallest;
}

}  // namespace

TEST_CASE("Every resolution slide fits, readable, at five screen sizes") {
  Ttf ttf;
  CheckInsideSafeArea(KIOSK_SOURCE_DIR "/slides/resolution.json", true);
}

TEST_CASE("Stress playlists never leave the safe area") {
  Ttf ttf;
  CheckInsideSafeArea(KIOSK_SOURCE_DIR "/tests/data/stress.json", false);
  CheckInsideSafeArea(KIOSK_SOURCE_DIR "/tests/data/scripts.json", false);
}

TEST_CASE("Right-to-left paragraphs are aligned to the right") {
  Ttf ttf;
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(DefaultFonts(), &error));
  kiosk::Slide slide;
  slide.text = "\xD8\xA3\xD9\x87\xD9\x84\xD8\xA7\xD9\x8B";  // Arabic: welcome
  const auto limits = kiosk::LimitsFor(kiosk::DefaultPlaylist().theme, 1920, 1080);
  const auto layout = kiosk::LayoutSlide(slide, limits, fonts);
  REQUIRE(layout.lines.size() == 1);
  CHECK(layout.lines[0].spans[0].rtl);
  CHECK(layout.lines[0].box.x + layout.lines[0].box.w == limits.safe.x + limits.safe.w);
}

TEST_CASE("Characters the theme font lacks come from the fallback chain, not as boxes") {
  Ttf ttf;
  const kiosk::FontFiles files = DefaultFonts();
  bool has_ethiopic = false;
  for (const std::string& f : files.fallbacks)
    has_ethiopic |= f.find("Ethiopic") != std::string::npos;
  REQUIRE_MESSAGE(has_ethiopic, "fonts-noto-core is not installed");
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(files, &error));
  // DejaVu Sans has no Ethiopic: without the fallback this would be three boxes of equal width.
  const int amharic = fonts.Width("\xE1\x88\xB0\xE1\x88\x8B\xE1\x88\x9D", FontStyle::kRegular, 80);
  const int box = fonts.Width("\xEE\x80\x80", FontStyle::kRegular, 80);  // U+E000: no font
  CHECK(amharic > 0);
  CHECK(amharic != 3 * box);
  int top = 0;
  SDL_Surface* emoji =
      fonts.Render("\xF0\x9F\x91\x8B", FontStyle::kRegular, 80, kiosk::Color{}, false, &top);
  REQUIRE(emoji != nullptr);
  // The colour emoji is scaled to the line, not drawn at its 128 px bitmap size.
  CHECK(emoji->h <= fonts.LineHeight(FontStyle::kRegular, 80) + 2);
  SDL_FreeSurface(emoji);
}

TEST_CASE("Every key in the key table is a name SDL knows") {
  for (const auto& binding : kiosk::KeyTable()) {
    CAPTURE(binding.key);
    const SDL_Keycode code = SDL_GetKeyFromName(std::string(binding.key).c_str());
    CHECK(code != SDLK_UNKNOWN);
    CHECK(std::string_view(SDL_GetKeyName(code)) == binding.key);
  }
}

TEST_CASE("TtfFonts: more than 64 sizes in play never close a font still in use") {
  // Issue 11, defect 1: once 64 sizes were open, opening one more closed every font,
  // including the one the caller had just been handed (the emoji font in Prepare, the
  // theme's font in Render): a use after free that ASan (CI's sanitizer run) reports.
  Ttf ttf;
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(DefaultFonts(), &error));
  // The emoji first: its font is opened, then the theme's at the same size.
  const std::string text = "\xF0\x9F\x91\x8B Wort \xE1\x88\xB0\xE1\x88\x8B";
  for (int round = 0; round < 2; ++round) {
    fonts.Width("x", FontStyle::kRegular, 7 + round);  // the other parity of open sizes
    for (int px = 20; px < 220; ++px) {
      CAPTURE(px);
      CHECK(fonts.Width(text, FontStyle::kRegular, px) > 0);
      int top = 0;
      SDL_Surface* s = fonts.Render(text, FontStyle::kBold, px, kiosk::Color{}, false, &top);
      CHECK(s != nullptr);
      if (s) SDL_FreeSurface(s);
    }
  }
}

TEST_CASE("Laying out fallback scripts at a uniform size with 64+ sizes open is safe") {
  Ttf ttf;
  kiosk::RealFileSystem fs;
  auto loaded = kiosk::LoadPlaylist(KIOSK_SOURCE_DIR "/tests/data/scripts.json", fs);
  REQUIRE(loaded.playlist);
  loaded.playlist->theme.uniform_size = true;
  kiosk::FontFiles files;
  std::vector<std::string> warnings;
  std::string error;
  REQUIRE(kiosk::ResolveFonts(loaded.playlist->theme, &files, &warnings, &error));
  kiosk::TtfFonts fonts;
  REQUIRE(fonts.Open(files, &error));
  for (const Size size : kSizes) {
    const auto limits = kiosk::LimitsFor(loaded.playlist->theme, size.w, size.h);
    for (const auto& slide : loaded.playlist->slides) {
      CHECK(kiosk::LayoutSlide(slide, limits, fonts, German()).body_px > 0);
    }
  }
}

namespace {

// The most separate runs of ink (alpha > 50 %) on any row of `s` above row `below`.
int MostInkRunsAbove(SDL_Surface* s, int below) {
  SDL_Surface* argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
  REQUIRE(argb != nullptr);
  int most = 0;
  for (int y = 0; y < std::min(below, argb->h); ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(
        static_cast<const std::uint8_t*>(argb->pixels) + y * argb->pitch);
    int runs = 0;
    bool inside = false;
    for (int x = 0; x < argb->w; ++x) {
      const bool ink = (row[x] >> 24) > 128;
      runs += ink && !inside;
      inside = ink;
    }
    most = std::max(most, runs);
  }
  SDL_FreeSurface(argb);
  return most;
}

// The first row of `s` with ink.
int FirstInkRow(SDL_Surface* s) {
  SDL_Surface* argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
  REQUIRE(argb != nullptr);
  int first = argb->h;
  for (int y = 0; y < argb->h && first == argb->h; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(
        static_cast<const std::uint8_t*>(argb->pixels) + y * argb->pitch);
    for (int x = 0; x < argb->w; ++x) {
      if ((row[x] >> 24) > 128) first = y;
    }
  }
  SDL_FreeSurface(argb);
  return first;
}

}  // namespace

TEST_CASE("Synthetic bold keeps the two dots of Ä Ö Ü apart at title size") {
  // Issue 10, class 6: a font_file has no bold face; SDL_ttf's emboldening melted the
  // dots into a bar ("Ā Ō Ū").
  Ttf ttf;
  const kiosk::FontFiles system = DefaultFonts();
  kiosk::FontFiles files;
  files.regular = system.regular;
  files.bold = system.regular;
  files.synthetic_bold = true;
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(files, &error));
  for (int px : {60, 120, 200}) {
    CAPTURE(px);
    int top = 0;
    SDL_Surface* plain = fonts.Render("A", FontStyle::kBold, px, kiosk::Color{}, false, &top);
    REQUIRE(plain != nullptr);
    const int cap_top = FirstInkRow(plain);
    SDL_FreeSurface(plain);
    for (const char* umlaut : {"\xC3\x84", "\xC3\x96", "\xC3\x9C"}) {  // Ä Ö Ü
      CAPTURE(umlaut);
      SDL_Surface* s = fonts.Render(umlaut, FontStyle::kBold, px, kiosk::Color{}, false, &top);
      REQUIRE(s != nullptr);
      CHECK(MostInkRunsAbove(s, cap_top - 1) == 2);  // two dots, not one bar
      // Drawn as wide as measured, and bolder than the regular face.
      CHECK(s->w == fonts.Width(umlaut, FontStyle::kBold, px));
      CHECK(s->w > fonts.Width(umlaut, FontStyle::kRegular, px));
      SDL_FreeSurface(s);
    }
  }
}

namespace {

// Whether `s`, drawn in white, has opaque pixels of another colour: drawn by a colour
// emoji font, not by a text font (whose pixels are all white, at some alpha).
bool NotAllWhite(SDL_Surface* s) {
  SDL_Surface* argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
  REQUIRE(argb != nullptr);
  bool colour = false;
  for (int y = 0; y < argb->h && !colour; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(
        static_cast<const std::uint8_t*>(argb->pixels) + y * argb->pitch);
    for (int x = 0; x < argb->w; ++x) {
      const std::uint32_t p = row[x];
      const int r = (p >> 16) & 0xFF;
      const int g = (p >> 8) & 0xFF;
      const int b = p & 0xFF;
      if ((p >> 24) > 200 && std::min({r, g, b}) < 160) colour = true;
    }
  }
  SDL_FreeSurface(argb);
  return colour;
}

}  // namespace

TEST_CASE("Emoji sequences are one emoji: ZWJ families, flags, keycaps") {
  // Issue 10, item 9: keycaps showed tofu (DejaVu's digit and a combining keycap), ZWJ
  // sequences fell apart into their members.
  Ttf ttf;
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(DefaultFonts(), &error));
  const int px = 80;
  const int one = fonts.Width("\xF0\x9F\x91\xA8", FontStyle::kRegular, px);  // U+1F468 man
  REQUIRE(one > px / 2);
  const struct {
    const char* name;
    const char* text;
  } kSequences[] = {
      {"family", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"},
      {"rainbow flag", "\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D\xF0\x9F\x8C\x88"},
      {"keycap 1", "1\xEF\xB8\x8F\xE2\x83\xA3"},
      {"keycap #", "#\xEF\xB8\x8F\xE2\x83\xA3"},
      {"flag DE", "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA"},
  };
  for (const auto& seq : kSequences) {
    CAPTURE(std::string(seq.name));
    const int w = fonts.Width(seq.text, FontStyle::kRegular, px);
    CHECK(w >= one * 8 / 10);
    CHECK(w <= one * 12 / 10);
    int top = 0;
    SDL_Surface* s =
        fonts.Render(seq.text, FontStyle::kRegular, px, kiosk::Color{255, 255, 255}, false, &top);
    REQUIRE(s != nullptr);
    CHECK(NotAllWhite(s));  // from the colour emoji font, not DejaVu's white glyphs
    SDL_FreeSurface(s);
  }
}

TEST_CASE("Coverage comes from fontconfig: another script opens only the font that draws it") {
  // Issue 11, defect 9: coverage was probed by opening fallback fonts at 16 px, one after
  // the other, until one had the character; and every fallback face used was opened at
  // two more sizes to learn whether it was a bitmap font.
  Ttf ttf;
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(DefaultFonts(), &error));
  CHECK(fonts.open_fonts() == 2);  // regular and bold, 16 px
  // Amharic: DejaVu Sans has none of it, Noto Sans Ethiopic has it all.
  CHECK(fonts.Width("\xE1\x88\xB0\xE1\x88\x8B\xE1\x88\x9D", FontStyle::kRegular, 80) > 0);
  CHECK(fonts.open_fonts() == 3);  // + the Ethiopic font at 80 px, nothing to ask about
  CHECK(fonts.Width("Wort \xE1\x88\xB0", FontStyle::kRegular, 80) > 0);
  CHECK(fonts.open_fonts() == 4);  // + DejaVu Sans at 80 px
}
