// Whether a font file is one kiosk can draw with, asked of FreeType directly (the library
// SDL_ttf draws with) so that --check and loading a playlist reject what the show could
// not open, before any window exists.
#pragma once

#include <string>
#include <string_view>

#include "file_system.h"
#include "font_lookup.h"

namespace kiosk {

// Whether `bytes` are a font FreeType can load and draw from: a face opens, takes a size,
// and the first characters of its character map load as glyphs, some with ink (a font
// cut short opens, but its glyphs are empty). Sets *coverage to its characters. On
// failure *error says why ("not a font FreeType can load (unknown file format)").
bool InspectFont(std::string_view bytes, CharCoverage* coverage, std::string* error);

// Reads the theme's regular and bold font through `fs` and inspects them. On failure sets
// *error_key ("theme.font_file" when the playlist names the file, else "theme.font") and
// *error, naming the file as the playlist resolved it. Fills in unknown coverage.
bool CheckFontFiles(const Theme& theme, const FileSystem& fs, FontFiles* fonts,
                    std::string* error_key, std::string* error);

}  // namespace kiosk
