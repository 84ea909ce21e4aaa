#include "sdl_text.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <utility>

#include "text_runs.h"
#include "utf8.h"

namespace kiosk {
namespace {

// Layout tries a dozen sizes per slide; keep that many open, drop the rest.
constexpr std::size_t kMaxOpenFonts = 64;

// Characters that belong to whatever comes before them: they never switch fonts.
bool Attaches(char32_t c) {
  return (c >= 0x300 && c <= 0x36F) || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
         (c >= 0xE0020 && c <= 0xE007F) || c == 0x20E3;
}

// Pictographs shown as emoji by default (the Emoji_Presentation blocks).
bool IsEmoji(char32_t c) {
  return (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F680 && c <= 0x1F6FF) ||
         (c >= 0x1F900 && c <= 0x1FAFF) || (c >= 0x1F1E6 && c <= 0x1F1FF);
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

}  // namespace

TtfFonts::~TtfFonts() { CloseAll(); }

void TtfFonts::CloseAll() {
  for (auto& [key, open] : fonts_) TTF_CloseFont(open.font);
  fonts_.clear();
}

void TtfFonts::CloseAllBut(std::size_t keep) {
  if (fonts_.size() <= keep) return;
  if (keep == 0) return CloseAll();
  std::vector<std::uint64_t> uses;
  for (const auto& [key, open] : fonts_) uses.push_back(open.last_use);
  // The keep-th most recent use: every font used before it goes.
  const auto oldest_kept = uses.begin() + static_cast<std::ptrdiff_t>(keep - 1);
  std::nth_element(uses.begin(), oldest_kept, uses.end(), std::greater<>());
  std::erase_if(fonts_, [&](const auto& entry) {
    if (entry.second.last_use >= *oldest_kept) return false;
    TTF_CloseFont(entry.second.font);
    return true;
  });
}

bool TtfFonts::Open(const FontFiles& files, std::string* error) {
  CloseAll();
  coverage_.clear();
  fixed_height_.clear();
  files_ = files;
  for (FontStyle style : {FontStyle::kRegular, FontStyle::kBold}) {
    if (!Get(0, style, 16)) {
      *error = "cannot open font " + (style == FontStyle::kBold ? files.bold : files.regular) +
               ": " + TTF_GetError();
      return false;
    }
  }
  return true;
}

void TtfFonts::Swap(TtfFonts& other) noexcept {
  std::swap(files_, other.files_);
  std::swap(fonts_, other.fonts_);
  std::swap(use_counter_, other.use_counter_);
  std::swap(coverage_, other.coverage_);
  std::swap(fixed_height_, other.fixed_height_);
}

TTF_Font* TtfFonts::Get(int face, FontStyle style, int px) {
  px = std::clamp(px, 1, 2000);
  const auto key = std::make_tuple(face, style, px);
  if (auto it = fonts_.find(key); it != fonts_.end()) {
    it->second.last_use = ++use_counter_;
    return it->second.font;
  }
  if (fonts_.size() >= kMaxOpenFonts) CloseAll();
  const std::string& file = face == 0 ? (style == FontStyle::kBold ? files_.bold : files_.regular)
                                      : files_.fallbacks[static_cast<std::size_t>(face - 1)];
  TTF_Font* font = TTF_OpenFont(file.c_str(), px);
  if (!font) return nullptr;
  const bool synthetic = face > 0 || files_.synthetic_bold;
  if (style == FontStyle::kBold && synthetic) TTF_SetFontStyle(font, TTF_STYLE_BOLD);
  fonts_.emplace(key, OpenFont{font, ++use_counter_});
  return font;
}

bool TtfFonts::Covers(int face, char32_t cp) {
  const auto key = std::make_pair(face, cp);
  if (auto it = coverage_.find(key); it != coverage_.end()) return it->second;
  TTF_Font* font = Get(face, FontStyle::kRegular, 16);
  const bool has = font && TTF_GlyphIsProvided32(font, cp) != 0;
  coverage_.emplace(key, has);
  return has;
}

int TtfFonts::FaceFor(char32_t cp, int current) {
  // Marks and joiners stay with their base; everything else prefers the theme's font
  // (so spaces between emoji are ordinary spaces), then the font already in use.
  if (Attaches(cp)) return current;
  const int faces = 1 + static_cast<int>(files_.fallbacks.size());
  if (IsEmoji(cp)) {
    // Pictographs that are emoji by default come from a colour emoji font if there is one.
    for (int face = 1; face < faces; ++face) {
      if (FixedHeight(face) > 0 && Covers(face, cp)) return face;
    }
  }
  if (Covers(0, cp)) return 0;
  if (Covers(current, cp)) return current;
  for (int face = 1; face < faces; ++face) {
    if (Covers(face, cp)) return face;
  }
  return current;  // nobody has it: the theme's font draws its placeholder
}

std::vector<TtfFonts::Piece> TtfFonts::Pieces(std::string_view text, bool rtl_base) {
  std::vector<Piece> pieces;
  for (const TextRun& run : VisualRuns(text, rtl_base)) {
    std::vector<Piece> logical;
    int face = 0;
    std::size_t i = 0;
    while (i < run.text.size()) {
      const std::size_t start = i;
      face = FaceFor(DecodeNext(run.text, &i), logical.empty() ? 0 : face);
      if (logical.empty() || logical.back().face != face) {
        logical.push_back({"", face, run.rtl, run.script});
      }
      logical.back().text.append(run.text, start, i - start);
    }
    // Within a right-to-left run the pieces are drawn from right to left.
    if (run.rtl) std::reverse(logical.begin(), logical.end());
    for (Piece& p : logical) pieces.push_back(std::move(p));
  }
  return pieces;
}

int TtfFonts::FixedHeight(int face) {
  if (face == 0) return 0;
  auto it = fixed_height_.find(face);
  if (it == fixed_height_.end()) {
    // A face whose height ignores the requested size has only bitmap strikes.
    TTF_Font* small = Get(face, FontStyle::kRegular, 12);
    const int small_h = small ? TTF_FontHeight(small) : 0;
    TTF_Font* large = Get(face, FontStyle::kRegular, 96);
    const int h = small && large && small_h == TTF_FontHeight(large) ? small_h : 0;
    it = fixed_height_.emplace(face, h).first;
  }
  return it->second;
}

TTF_Font* TtfFonts::Prepare(const Piece& piece, FontStyle style, int px, double* scale) {
  *scale = 1;
  TTF_Font* font = Get(piece.face, style, px);
  if (!font) return nullptr;
  TTF_SetFontDirection(font, piece.rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
  TTF_SetFontScriptName(font, piece.script.c_str());
  if (const int fixed = FixedHeight(piece.face); fixed > 0) {
    TTF_Font* primary = Get(0, style, px);
    *scale = static_cast<double>(primary ? TTF_FontHeight(primary) : px) / fixed;
  }
  return font;
}

int TtfFonts::Width(std::string_view text, FontStyle style, int px) {
  if (text.empty()) return 0;
  int total = 0;
  if (IsAscii(text)) {
    TTF_Font* font = Get(0, style, px);
    if (!font) return 0;
    TTF_SetFontDirection(font, TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font, "Latn");
    const std::string s(text);
    int h = 0;
    return TTF_SizeUTF8(font, s.c_str(), &total, &h) == 0 ? total : 0;
  }
  for (const Piece& piece : Pieces(text, false)) {
    double scale = 1;
    TTF_Font* font = Prepare(piece, style, px, &scale);
    int w = 0;
    int h = 0;
    if (font && TTF_SizeUTF8(font, piece.text.c_str(), &w, &h) == 0) {
      total += static_cast<int>(std::lround(w * scale));
    }
  }
  return total;
}

int TtfFonts::LineHeight(FontStyle style, int px) {
  TTF_Font* font = Get(0, style, px);
  return font ? TTF_FontLineSkip(font) : px;
}

SDL_Surface* TtfFonts::Render(std::string_view text, FontStyle style, int px, Color color, bool rtl,
                              int* top) {
  *top = 0;
  TTF_Font* primary = Get(0, style, px);
  if (!primary || text.empty()) return nullptr;
  struct Drawn {
    SDL_Surface* surface;
    int ascent;
  };
  std::vector<Drawn> drawn;
  const SDL_Color fg{color.r, color.g, color.b, 255};
  for (const Piece& piece : Pieces(text, rtl)) {
    double scale = 1;
    TTF_Font* font = Prepare(piece, style, px, &scale);
    if (!font) continue;
    SDL_Surface* s = TTF_RenderUTF8_Blended(font, piece.text.c_str(), fg);
    if (!s) continue;
    int ascent = TTF_FontAscent(font);
    if (scale != 1) {
      // Bitmap emoji come in one size: scale them to the line.
      const int w = std::max(1, static_cast<int>(std::lround(s->w * scale)));
      const int h = std::max(1, static_cast<int>(std::lround(s->h * scale)));
      SDL_Surface* scaled = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, s->format->format);
      if (scaled && SDL_SoftStretchLinear(s, nullptr, scaled, nullptr) == 0) {
        SDL_FreeSurface(s);
        s = scaled;
        ascent = static_cast<int>(std::lround(ascent * scale));
      } else if (scaled) {
        SDL_FreeSurface(scaled);
      }
    }
    drawn.push_back({s, ascent});
  }
  if (drawn.empty()) return nullptr;
  if (drawn.size() == 1 && drawn[0].ascent == TTF_FontAscent(primary)) return drawn[0].surface;

  // Several fonts: line the pieces up on one baseline.
  int ascent = 0;
  int descent = 0;
  int width = 0;
  for (const Drawn& d : drawn) {
    ascent = std::max(ascent, d.ascent);
    descent = std::max(descent, d.surface->h - d.ascent);
    width += d.surface->w;
  }
  SDL_Surface* line = SDL_CreateRGBSurfaceWithFormat(0, std::max(1, width), ascent + descent, 32,
                                                     SDL_PIXELFORMAT_ARGB8888);
  int x = 0;
  for (const Drawn& d : drawn) {
    if (line) {
      SDL_Rect dst{x, ascent - d.ascent, d.surface->w, d.surface->h};
      SDL_SetSurfaceBlendMode(d.surface, SDL_BLENDMODE_NONE);
      SDL_BlitSurface(d.surface, nullptr, line, &dst);
    }
    x += d.surface->w;
    SDL_FreeSurface(d.surface);
  }
  *top = TTF_FontAscent(primary) - ascent;
  return line;
}

}  // namespace kiosk
