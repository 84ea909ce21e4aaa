// The SDL edge with the real font: SDL_ttf measuring, and every slide of the resolution
// laid out with DejaVu Sans at common screen sizes. No window is opened.
#include "sdl_text.h"

#include <SDL.h>
#include <doctest/doctest.h>

#include "font_lookup.h"
#include "input.h"
#include "playlist.h"

using kiosk::FontStyle;

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
  SDL_Surface* s = fonts.Render("Flüchtlinge", FontStyle::kRegular, 40, kiosk::Color{});
  REQUIRE(s != nullptr);
  CHECK(s->w == w40);
  SDL_FreeSurface(s);
}

TEST_CASE("TtfFonts: a missing font file is an error, not a crash") {
  Ttf ttf;
  kiosk::TtfFonts fonts;
  std::string error;
  CHECK_FALSE(fonts.Open({"/nonexistent/font.ttf", "/nonexistent/font.ttf", false}, &error));
  CHECK(error.find("/nonexistent/font.ttf") != std::string::npos);
}

TEST_CASE("Every resolution slide fits with the real font at common screen sizes") {
  Ttf ttf;
  kiosk::RealFileSystem fs;
  const auto loaded = kiosk::LoadPlaylist(KIOSK_SOURCE_DIR "/slides/resolution.json", fs);
  REQUIRE(loaded.playlist);
  kiosk::TtfFonts fonts;
  std::string error;
  REQUIRE(fonts.Open(DefaultFonts(), &error));
  struct Size {
    int w, h;
  };
  for (const Size size : {Size{1920, 1080}, Size{1080, 1920}, Size{1280, 720}}) {
    const auto limits = kiosk::LimitsFor(loaded.playlist->theme, size.w, size.h);
    int smallest = 1 << 20;
    for (std::size_t i = 0; i < loaded.playlist->slides.size(); ++i) {
      CAPTURE(size.w);
      CAPTURE(size.h);
      CAPTURE(i);
      const auto layout = kiosk::LayoutSlide(loaded.playlist->slides[i], limits, fonts);
      CHECK(layout.fits);
      CHECK(layout.met_minimum);
      smallest = std::min(smallest, layout.body_px);
      for (const auto& line : layout.lines) {
        CAPTURE(line.text);
        // Measured again on its own: the line really is as wide as the layout thinks.
        const int w = fonts.Width(line.text, line.style, line.px);
        CHECK(line.box.x >= limits.safe.x);
        CHECK(line.box.x + w <= limits.safe.x + limits.safe.w);
        CHECK(line.box.y >= limits.safe.y);
        CHECK(line.box.y + line.box.h <= limits.safe.y + limits.safe.h);
      }
    }
    MESSAGE("smallest body size at " << size.w << "x" << size.h << ": " << smallest << " px");
  }
}

TEST_CASE("Every key in the key table is a name SDL knows") {
  for (const auto& binding : kiosk::KeyTable()) {
    CAPTURE(binding.key);
    const SDL_Keycode code = SDL_GetKeyFromName(std::string(binding.key).c_str());
    CHECK(code != SDLK_UNKNOWN);
    CHECK(std::string_view(SDL_GetKeyName(code)) == binding.key);
  }
}
