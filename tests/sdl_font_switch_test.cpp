// The live show's fonts through a reload: a set that fails to open never replaces (or
// closes) the set in use, a font overwritten in place is seen and refused, and messages
// name the user's file.
#include "sdl_font_switch.h"

#include <SDL_ttf.h>
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "font_lookup.h"
#include "playlist.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

TEST_CASE("PinnedTtfFonts: a failed switch keeps the fonts in use working") {
  REQUIRE(TTF_Init() == 0);
  {
    FontFiles system;
    std::vector<std::string> warnings;
    std::string error;
    REQUIRE(ResolveFonts(DefaultPlaylist().theme, &system, &warnings, &error));
    const fs::path dir = fs::temp_directory_path() / ("kiosk-switch-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string font = (dir / "font.ttf").string();
    const std::string garbage = (dir / "garbage.ttf").string();
    fs::copy_file(system.regular, font, fs::copy_options::overwrite_existing);
    std::ofstream(garbage) << std::string(4096, 'x');
    FontFiles files;
    files.regular = font;
    files.bold = font;
    files.synthetic_bold = true;

    PinnedTtfFonts fonts;
    REQUIRE(fonts.Use(files, &error));
    TtfFonts& in_use = fonts.fonts();
    const int before = in_use.Width("Flüchtlinge", FontStyle::kRegular, 40);
    REQUIRE(before > 0);
    CHECK(fonts.ChangedOnDisk().empty());

    SUBCASE("another file that is not a font") {
      FontFiles bad = files;
      bad.regular = bad.bold = garbage;
      CHECK_FALSE(fonts.Use(bad, &error));
      CHECK(error.find("cannot open font " + garbage + ": ") == 0);
    }
    SUBCASE("the font file overwritten in place with garbage") {
      std::ofstream(font, std::ios::trunc) << std::string(4096, 'x');
      CHECK(fonts.ChangedOnDisk() == std::vector<std::string>{font});
      CHECK_FALSE(fonts.Use(files, &error));
      CHECK(error.find("cannot open font " + font + ": ") == 0);
      CHECK(fonts.ChangedOnDisk() == std::vector<std::string>{font});  // still the old one
    }
    SUBCASE("a FIFO: refused without blocking") {
      const std::string fifo = (dir / "fifo.ttf").string();
      REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
      FontFiles bad = files;
      bad.regular = bad.bold = fifo;
      CHECK_FALSE(fonts.Use(bad, &error));
      CHECK(error == fifo + ": not a regular file (a FIFO)");
    }
    CHECK(error.find("/proc/self/fd/") == std::string::npos);
    // The fonts in use still measure and draw, also at sizes never opened before.
    CHECK(&fonts.fonts() == &in_use);
    CHECK(in_use.Width("Flüchtlinge", FontStyle::kRegular, 40) == before);
    CHECK(in_use.Width("Flüchtlinge", FontStyle::kRegular, 77) > before);
    CHECK(in_use.Width("Flüchtlinge", FontStyle::kBold, 33) > 0);
    int top = 0;
    SDL_Surface* s = in_use.Render("Flüchtlinge", FontStyle::kRegular, 91, Color{}, false, &top);
    CHECK(s != nullptr);
    if (s) SDL_FreeSurface(s);

    // A good font copied over it (cp: in place) is seen and taken.
    fs::copy_file(system.bold, font, fs::copy_options::overwrite_existing);
    CHECK(fonts.ChangedOnDisk() == std::vector<std::string>{font});
    CHECK(fonts.Use(files, &error));
    CHECK(fonts.ChangedOnDisk().empty());
    CHECK(in_use.Width("Flüchtlinge", FontStyle::kRegular, 40) > 0);
    fs::remove_all(dir);
  }
  TTF_Quit();
}

}  // namespace
}  // namespace kiosk
