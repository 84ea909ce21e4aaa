// A font file removed while the show runs: the pinned names keep the text coming, at sizes
// never opened before too (SDL_ttf opens the file again for each size).
#include <SDL_ttf.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "font_lookup.h"
#include "pinned_files.h"
#include "playlist.h"
#include "sdl_text.h"

namespace kiosk {
namespace {

TEST_CASE("TtfFonts keeps measuring and drawing after its font file is deleted") {
  REQUIRE(TTF_Init() == 0);
  {
    FontFiles system;
    std::vector<std::string> warnings;
    std::string error;
    REQUIRE(ResolveFonts(DefaultPlaylist().theme, &system, &warnings, &error));
    namespace fs = std::filesystem;
    const fs::path copy =
        fs::temp_directory_path() / ("kiosk-font-" + std::to_string(::getpid()) + ".ttf");
    fs::copy_file(system.regular, copy, fs::copy_options::overwrite_existing);
    FontFiles files;
    files.regular = copy.string();
    files.bold = copy.string();
    files.synthetic_bold = true;

    PinnedFiles pins;
    TtfFonts fonts;
    FontFiles pinned;
    REQUIRE(PinFonts(files, &pins, &pinned, &error));
    REQUIRE(fonts.Open(pinned, &error));
    const int before = fonts.Width("Flüchtlinge", FontStyle::kRegular, 40);
    CHECK(before > 0);
    fs::remove(copy);
    CHECK_FALSE(fs::exists(copy));
    CHECK(fonts.Width("Flüchtlinge", FontStyle::kRegular, 40) == before);
    CHECK(fonts.Width("Flüchtlinge", FontStyle::kRegular, 77) > before);  // a new size
    CHECK(fonts.Width("Flüchtlinge", FontStyle::kBold, 33) > 0);
    int top = 0;
    SDL_Surface* s = fonts.Render("Flüchtlinge", FontStyle::kRegular, 91, Color{}, false, &top);
    CHECK(s != nullptr);
    if (s) SDL_FreeSurface(s);
  }
  TTF_Quit();
}

}  // namespace
}  // namespace kiosk
