#include "font_lookup.h"

#include <fontconfig/fontconfig.h>
#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <array>

#include "data_dir.h"

namespace kiosk {
namespace {

constexpr std::size_t kMaxFallbacks = 24;

// Last resort when fontconfig finds nothing (no config, broken cache).
constexpr std::array<const char*, 2> kRegularPaths = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/local/share/fonts/DejaVuSans.ttf",
};
constexpr std::array<const char*, 2> kBoldPaths = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/local/share/fonts/DejaVuSans-Bold.ttf",
};

FcConfig* KioskConfig() {
  static FcConfig* config = [] {
    FcConfig* c = FcInitLoadConfigAndFonts();
    const std::string extra = FindDataFile("fonts/kiosk.conf");
    if (c && !extra.empty()) {
      FcConfigParseAndLoad(c, reinterpret_cast<const FcChar8*>(extra.c_str()), FcFalse);
      FcConfigBuildFonts(c);
    }
    return c;
  }();
  return config;
}

struct Match {
  std::string file;
  std::string family;
  int weight = FC_WEIGHT_REGULAR;
  CharCoverage coverage;
};

CharCoverage CoverageOf(FcPattern* font) {
  FcCharSet* set = nullptr;
  return FcPatternGetCharSet(font, FC_CHARSET, 0, &set) == FcResultMatch ? CharCoverage::Of(set)
                                                                         : CharCoverage();
}

bool FcMatchFamily(const std::string& family, bool bold, Match* out) {
  FcConfig* config = KioskConfig();
  if (!config) return false;
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcPattern* match = FcFontMatch(config, pattern, &result);
  FcPatternDestroy(pattern);
  if (!match) return false;
  FcChar8* file = nullptr;
  FcChar8* fam = nullptr;
  bool ok = FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch;
  if (ok) {
    out->file = reinterpret_cast<const char*>(file);
    if (FcPatternGetString(match, FC_FAMILY, 0, &fam) == FcResultMatch) {
      out->family = reinterpret_cast<const char*>(fam);
    }
    FcPatternGetInteger(match, FC_WEIGHT, 0, &out->weight);
    out->coverage = CoverageOf(match);
  }
  FcPatternDestroy(match);
  return ok;
}

std::string FirstReadable(const std::array<const char*, 2>& paths) {
  for (const char* p : paths) {
    if (::access(p, R_OK) == 0) return p;
  }
  return {};
}

bool IsGenericFamily(const std::string& family) {
  for (const char* generic : {"sans-serif", "sans", "serif", "monospace"}) {
    if (strcasecmp(family.c_str(), generic) == 0) return true;
  }
  return false;
}

// The fallback chain: fontconfig sorts every font by how well it matches the theme's
// family and then "kiosk-fallback", keeping only those that add characters (trim). Each
// comes with its character set, so coverage is known without opening it.
void FallbackChain(const std::string& family, const std::string& primary, FontFiles* out) {
  std::vector<std::string>& files = out->fallbacks;
  files.clear();
  out->fallback_coverage.clear();
  out->fallback_bitmap_only.clear();
  FcConfig* config = KioskConfig();
  if (!config) return;
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("kiosk-fallback"));
  FcPatternAddInteger(pattern, FC_WEIGHT, FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  FcFontSet* set = FcFontSort(config, pattern, FcTrue, nullptr, &result);
  FcPatternDestroy(pattern);
  if (!set) return;
  for (int i = 0; i < set->nfont && files.size() < kMaxFallbacks; ++i) {
    FcChar8* file = nullptr;
    FcBool scalable = FcTrue;
    FcPatternGetBool(set->fonts[i], FC_SCALABLE, 0, &scalable);
    if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
    const std::string path = reinterpret_cast<const char*>(file);
    // Bitmap-only faces (Noto Color Emoji) are fine: the renderer scales them.
    if (path == primary || path.ends_with(".pcf.gz") || path.ends_with(".pcf")) continue;
    if (std::find(files.begin(), files.end(), path) != files.end()) continue;
    files.push_back(path);
    out->fallback_coverage.push_back(CoverageOf(set->fonts[i]));
    FcBool outline = FcTrue;
    FcPatternGetBool(set->fonts[i], FC_OUTLINE, 0, &outline);
    out->fallback_bitmap_only.push_back(outline == FcFalse);
  }
  FcFontSetDestroy(set);
}

}  // namespace

CharCoverage CharCoverage::Of(const FcCharSet* set) {
  CharCoverage coverage;
  if (set) coverage.set_.reset(FcCharSetCopy(const_cast<FcCharSet*>(set)), FcCharSetDestroy);
  return coverage;
}

bool CharCoverage::Has(char32_t c) const {
  return set_ && FcCharSetHasChar(set_.get(), static_cast<FcChar32>(c)) == FcTrue;
}

bool ResolveFonts(const Theme& theme, FontFiles* out, std::vector<std::string>* warnings,
                  std::string* error) {
  if (!theme.font_file.empty()) {
    out->regular = theme.font_file;
    out->bold = theme.font_file;
    out->synthetic_bold = true;
    out->coverage = {};
    FallbackChain(theme.font_family, out->regular, out);
    return true;
  }
  Match regular;
  Match bold;
  if (FcMatchFamily(theme.font_family, false, &regular) &&
      FcMatchFamily(theme.font_family, true, &bold)) {
    if (!IsGenericFamily(theme.font_family) &&
        strcasecmp(regular.family.c_str(), theme.font_family.c_str()) != 0) {
      warnings->push_back("font \"" + theme.font_family + "\" is not installed; using \"" +
                          regular.family + "\" (" + regular.file + ")");
    }
    out->regular = regular.file;
    out->bold = bold.file;
    out->synthetic_bold = bold.weight < FC_WEIGHT_DEMIBOLD;
    out->coverage = regular.coverage;
    FallbackChain(theme.font_family, out->regular, out);
    return true;
  }
  out->coverage = {};
  out->fallbacks.clear();
  out->fallback_coverage.clear();
  out->fallback_bitmap_only.clear();
  out->regular = FirstReadable(kRegularPaths);
  out->bold = FirstReadable(kBoldPaths);
  if (out->regular.empty()) {
    *error = "no font found: fontconfig matched nothing for \"" + theme.font_family +
             "\" and DejaVu Sans is not installed (apt-get install fonts-dejavu-core)";
    return false;
  }
  if (out->bold.empty()) {
    out->bold = out->regular;
    out->synthetic_bold = true;
  }
  warnings->push_back("fontconfig found no font for \"" + theme.font_family + "\"; using " +
                      out->regular);
  return true;
}

}  // namespace kiosk
