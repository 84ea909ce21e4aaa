#include "sdl_text.h"

#include <algorithm>

namespace kiosk {
namespace {

// Layout tries a dozen sizes per slide; keep that many open, drop the rest.
constexpr std::size_t kMaxOpenFonts = 48;

}  // namespace

TtfFonts::~TtfFonts() { CloseAll(); }

void TtfFonts::CloseAll() {
  for (auto& [key, font] : fonts_) TTF_CloseFont(font);
  fonts_.clear();
}

bool TtfFonts::Open(const FontFiles& files, std::string* error) {
  CloseAll();
  files_ = files;
  for (FontStyle style : {FontStyle::kRegular, FontStyle::kBold}) {
    if (!Get(style, 16)) {
      *error = "cannot open font " + (style == FontStyle::kBold ? files.bold : files.regular) +
               ": " + TTF_GetError();
      return false;
    }
  }
  return true;
}

TTF_Font* TtfFonts::Get(FontStyle style, int px) {
  px = std::clamp(px, 1, 2000);
  const auto key = std::make_pair(style, px);
  if (auto it = fonts_.find(key); it != fonts_.end()) return it->second;
  if (fonts_.size() >= kMaxOpenFonts) CloseAll();
  const std::string& file = style == FontStyle::kBold ? files_.bold : files_.regular;
  TTF_Font* font = TTF_OpenFont(file.c_str(), px);
  if (!font) return nullptr;
  if (style == FontStyle::kBold && files_.synthetic_bold) TTF_SetFontStyle(font, TTF_STYLE_BOLD);
  fonts_.emplace(key, font);
  return font;
}

int TtfFonts::Width(std::string_view text, FontStyle style, int px) {
  TTF_Font* font = Get(style, px);
  if (!font || text.empty()) return 0;
  int w = 0;
  int h = 0;
  const std::string s(text);
  if (TTF_SizeUTF8(font, s.c_str(), &w, &h) != 0) return 0;
  return w;
}

int TtfFonts::LineHeight(FontStyle style, int px) {
  TTF_Font* font = Get(style, px);
  return font ? TTF_FontLineSkip(font) : px;
}

SDL_Surface* TtfFonts::Render(std::string_view text, FontStyle style, int px, Color color) {
  TTF_Font* font = Get(style, px);
  if (!font || text.empty()) return nullptr;
  const std::string s(text);
  return TTF_RenderUTF8_Blended(font, s.c_str(), SDL_Color{color.r, color.g, color.b, 255});
}

}  // namespace kiosk
