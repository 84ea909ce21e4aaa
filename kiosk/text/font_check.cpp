#include "font_check.h"

// fontconfig's FreeType header needs both before it.
// clang-format off
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fontconfig/fontconfig.h>
#include <fontconfig/fcfreetype.h>
// clang-format on

#include <cstdio>

namespace kiosk {
namespace {

// FreeType's message for an error code (its documented FT_ERRORDEF idiom; Debian's build
// has no FT_Error_String).
std::string FtMessage(FT_Error error) {
  switch (error) {
#undef FTERRORS_H_
#define FT_ERRORDEF(e, v, s) \
  case v:                    \
    return s;
#define FT_ERROR_START_LIST
#define FT_ERROR_END_LIST
#include FT_ERRORS_H
    default:
      break;
  }
  char code[32];
  std::snprintf(code, sizeof code, "FreeType error 0x%02x", static_cast<unsigned>(error));
  return code;
}

struct Library {
  FT_Library lib = nullptr;
  Library() {
    if (FT_Init_FreeType(&lib) != 0) lib = nullptr;
  }
  ~Library() {
    if (lib) FT_Done_FreeType(lib);
  }
};

// How many characters of the character map are loaded as glyphs.
constexpr int kSampledChars = 64;

bool DrawsGlyphs(FT_Face face, std::string* why) {
  FT_UInt index = 0;
  FT_ULong c = FT_Get_First_Char(face, &index);
  int sampled = 0;
  int inked = 0;
  for (; index != 0 && sampled < kSampledChars; c = FT_Get_Next_Char(face, c, &index)) {
    if (c <= 0x20 || (c >= 0x7F && c <= 0xA0)) continue;  // spaces and controls have no ink
    ++sampled;
    if (const FT_Error e = FT_Load_Glyph(face, index, FT_LOAD_DEFAULT | FT_LOAD_COLOR)) {
      char at[48];
      std::snprintf(at, sizeof at, " at U+%04lX", static_cast<unsigned long>(c));
      *why = "its glyphs do not load (" + FtMessage(e) + at + ")";
      return false;
    }
    const FT_GlyphSlot g = face->glyph;
    inked += (g->format == FT_GLYPH_FORMAT_OUTLINE && g->outline.n_points > 0) ||
             (g->format == FT_GLYPH_FORMAT_BITMAP && g->bitmap.width > 0);
  }
  if (sampled == 0) {
    *why = "it maps no characters";
    return false;
  }
  if (inked == 0) {
    *why = "its glyphs are empty (a file cut short?)";
    return false;
  }
  return true;
}

}  // namespace

bool InspectFont(std::string_view bytes, CharCoverage* coverage, std::string* error) {
  static const std::string kNotAFont = "not a font FreeType can load";
  Library ft;
  if (!ft.lib) {
    *error = "cannot start FreeType";
    return false;
  }
  FT_Face face = nullptr;
  if (const FT_Error e = FT_New_Memory_Face(ft.lib, reinterpret_cast<const FT_Byte*>(bytes.data()),
                                            static_cast<FT_Long>(bytes.size()), 0, &face)) {
    *error = kNotAFont + " (" + FtMessage(e) + ")";
    return false;
  }
  std::string why;
  FT_Error e = 0;
  if (FT_IS_SCALABLE(face)) {
    e = FT_Set_Pixel_Sizes(face, 0, 32);
  } else if (face->num_fixed_sizes > 0) {
    e = FT_Select_Size(face, 0);
  } else {
    why = "it has neither outlines nor bitmap sizes";
  }
  if (e) why = "it takes no size (" + FtMessage(e) + ")";
  const bool ok = why.empty() && DrawsGlyphs(face, &why);
  if (ok) {
    if (FcCharSet* set = FcFreeTypeCharSet(face, nullptr)) {
      *coverage = CharCoverage::Of(set);
      FcCharSetDestroy(set);
    }
  } else {
    *error = kNotAFont + ": " + why;
  }
  FT_Done_Face(face);
  return ok;
}

bool CheckFontFiles(const Theme& theme, const FileSystem& fs, FontFiles* fonts,
                    std::string* error_key, std::string* error) {
  *error_key = theme.font_file.empty() ? "theme.font" : "theme.font_file";
  for (const std::string* file : {&fonts->regular, &fonts->bold}) {
    if (file == &fonts->bold && fonts->bold == fonts->regular) break;
    std::string bytes;
    std::string why;
    if (!fs.ReadFile(*file, config::kMaxFontBytes, &bytes, &why)) {
      *error = *file + ": cannot read: " + why;
      return false;
    }
    CharCoverage coverage;
    if (!InspectFont(bytes, &coverage, &why)) {
      *error = *file + ": " + why;
      return false;
    }
    if (file == &fonts->regular && !fonts->coverage.known()) fonts->coverage = coverage;
  }
  return true;
}

}  // namespace kiosk
