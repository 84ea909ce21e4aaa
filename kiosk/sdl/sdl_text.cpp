#include "sdl_text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <utility>

#include "log.h"
#include "text_runs.h"
#include "unicode.h"
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

bool HasProperty(char32_t c, UProperty property) {
  return u_hasBinaryProperty(static_cast<UChar32>(c), property) != 0;
}

// Whether a grapheme cluster is shown as an emoji (Unicode TR 51): a pictograph that is
// an emoji by default, or any sequence that asks for one (U+FE0F, a keycap, a skin tone,
// a ZWJ sequence of pictographs, a flag), unless it asks for text (U+FE0E).
bool IsEmojiCluster(std::string_view cluster) {
  std::size_t i = 0;
  const char32_t first = DecodeNext(cluster, &i);
  bool emoji = HasProperty(first, UCHAR_EMOJI_PRESENTATION);
  bool zwj = false;
  bool pictograph = HasProperty(first, UCHAR_EXTENDED_PICTOGRAPHIC);
  while (i < cluster.size()) {
    const char32_t c = DecodeNext(cluster, &i);
    if (c == 0xFE0E) return false;
    emoji |= c == 0xFE0F || c == 0x20E3 || HasProperty(c, UCHAR_EMOJI_MODIFIER);
    zwj |= c == 0x200D;
    pictograph |= HasProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
  }
  return emoji || (zwj && pictograph);
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

// Synthetic bold as FreeType's FT_GlyphSlot_Embolden sizes it (ppem / 24), and sideways
// only: SDL_ttf's TTF_STYLE_BOLD grows glyphs by a tenth of their size in every direction,
// which at title size melts the two dots of Ä Ö Ü into a bar (issue 10, class 6).
int BoldExtra(int px) { return std::max(1, static_cast<int>(std::lround(px / 24.0))); }

// `s` (ARGB, one colour) widened by `extra` pixels to the right: each pixel takes the
// strongest coverage of the `extra` + 1 pixels ending at it. Frees `s`.
SDL_Surface* Embolden(SDL_Surface* s, int extra, Color color) {
  SDL_Surface* argb = s->format->format == SDL_PIXELFORMAT_ARGB8888
                          ? s
                          : SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
  if (argb != s) SDL_FreeSurface(s);
  if (!argb) return nullptr;
  SDL_Surface* out =
      SDL_CreateRGBSurfaceWithFormat(0, argb->w + extra, argb->h, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!out || SDL_LockSurface(argb) != 0) {
    if (out) SDL_FreeSurface(out);
    return argb;  // unemboldened rather than nothing
  }
  SDL_LockSurface(out);
  const std::uint32_t rgb = static_cast<std::uint32_t>(color.r) << 16 |
                            static_cast<std::uint32_t>(color.g) << 8 | color.b;
  for (int y = 0; y < argb->h; ++y) {
    const auto* in = reinterpret_cast<const std::uint32_t*>(
        static_cast<const std::uint8_t*>(argb->pixels) + y * argb->pitch);
    auto* row =
        reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(out->pixels) + y * out->pitch);
    for (int x = 0; x < out->w; ++x) {
      std::uint32_t a = 0;
      for (int from = std::max(0, x - extra); from <= std::min(x, argb->w - 1); ++from) {
        a = std::max(a, in[from] >> 24);
      }
      row[x] = a << 24 | rgb;
    }
  }
  SDL_UnlockSurface(out);
  SDL_UnlockSurface(argb);
  SDL_FreeSurface(argb);
  return out;
}

}  // namespace

TtfFonts::SafePoint::~SafePoint() { fonts_->CloseAllBut(kMaxOpenFonts); }

TtfFonts::~TtfFonts() { CloseAll(); }

void TtfFonts::CloseAll() { fonts_.clear(); }

void TtfFonts::CloseAllBut(std::size_t keep) {
  if (fonts_.size() <= keep) return;
  if (keep == 0) return CloseAll();
  std::vector<std::uint64_t> uses;
  for (const auto& [key, open] : fonts_) uses.push_back(open.last_use);
  // The keep-th most recent use: every font used before it goes (closed once no FontRef
  // to it is left).
  const auto oldest_kept = uses.begin() + static_cast<std::ptrdiff_t>(keep - 1);
  std::nth_element(uses.begin(), oldest_kept, uses.end(), std::greater<>());
  std::erase_if(fonts_, [&](const auto& entry) { return entry.second.last_use < *oldest_kept; });
}

bool TtfFonts::Open(const FontFiles& files, std::string* error) {
  const SafePoint safe(this);
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
  // Every member: a new one must be added here too.
  std::swap(files_, other.files_);
  std::swap(fonts_, other.fonts_);
  std::swap(use_counter_, other.use_counter_);
  std::swap(coverage_, other.coverage_);
  std::swap(fixed_height_, other.fixed_height_);
}

TtfFonts::FontRef TtfFonts::Get(int face, FontStyle style, int px) {
  px = std::clamp(px, 1, 2000);
  // A face emboldened by kiosk draws from its regular font.
  if (SyntheticBold(face, style)) style = FontStyle::kRegular;
  const auto key = std::make_tuple(face, style, px);
  if (auto it = fonts_.find(key); it != fonts_.end()) {
    it->second.last_use = ++use_counter_;
    return it->second.font;
  }
  const std::string& file = face == 0 ? (style == FontStyle::kBold ? files_.bold : files_.regular)
                                      : files_.fallbacks[static_cast<std::size_t>(face - 1)];
  FontRef font(TTF_OpenFont(file.c_str(), px), TTF_CloseFont);
  if (!font) return nullptr;
  fonts_.emplace(key, OpenFont{font, ++use_counter_});
  return font;
}

bool TtfFonts::SyntheticBold(int face, FontStyle style) {
  return style == FontStyle::kBold && (face > 0 || files_.synthetic_bold) && FixedHeight(face) == 0;
}

bool TtfFonts::Covers(int face, char32_t cp) {
  // fontconfig's character sets answer without opening a font.
  const CharCoverage* known = face == 0 ? &files_.coverage
                              : static_cast<std::size_t>(face) <= files_.fallback_coverage.size()
                                  ? &files_.fallback_coverage[static_cast<std::size_t>(face - 1)]
                                  : nullptr;
  if (known && known->known()) return known->Has(cp);
  const auto key = std::make_pair(face, cp);
  if (auto it = coverage_.find(key); it != coverage_.end()) return it->second;
  const FontRef font = Get(face, FontStyle::kRegular, 16);
  const bool has = font && TTF_GlyphIsProvided32(font.get(), cp) != 0;
  coverage_.emplace(key, has);
  return has;
}

int TtfFonts::FaceFor(char32_t cp, int current) {
  // Marks and joiners stay with their base; everything else prefers the theme's font
  // (so spaces between emoji are ordinary spaces), then the font already in use.
  if (Attaches(cp)) return current;
  const int faces = 1 + static_cast<int>(files_.fallbacks.size());
  if (HasProperty(cp, UCHAR_EMOJI_PRESENTATION)) {
    // Pictographs that are emoji by default come from a colour emoji font if there is one.
    for (int face = 1; face < faces; ++face) {
      if (Covers(face, cp) && FixedHeight(face) > 0) return face;
    }
  }
  if (Covers(0, cp)) return 0;
  if (Covers(current, cp)) return current;
  for (int face = 1; face < faces; ++face) {
    if (Covers(face, cp)) return face;
  }
  return current;  // nobody has it: the theme's font draws its placeholder
}

int TtfFonts::FaceForCluster(std::string_view cluster, int current) {
  std::size_t i = 0;
  const char32_t first = DecodeNext(cluster, &i);
  if (i < cluster.size() && IsEmojiCluster(cluster)) {
    // A keycap (1 U+FE0F U+20E3), a family joined by ZWJ, a flag: one glyph of a colour
    // emoji font, which has the whole sequence, not the theme's font's pieces of it.
    const int faces = 1 + static_cast<int>(files_.fallbacks.size());
    for (int face = 1; face < faces; ++face) {
      if (Covers(face, first) && FixedHeight(face) > 0) return face;
    }
  }
  return FaceFor(first, current);
}

std::vector<TtfFonts::Piece> TtfFonts::Pieces(std::string_view text, bool rtl_base) {
  std::vector<Piece> pieces;
  for (const TextRun& run : VisualRuns(text, rtl_base)) {
    std::vector<Piece> logical;
    int face = 0;
    std::size_t start = 0;
    for (const std::size_t end : unicode::GraphemeEnds(run.text)) {
      const std::string_view cluster(run.text.data() + start, end - start);
      face = FaceForCluster(cluster, logical.empty() ? 0 : face);
      if (logical.empty() || logical.back().face != face) {
        logical.push_back({"", face, run.rtl, run.script});
      }
      logical.back().text.append(cluster);
      start = end;
    }
    // Within a right-to-left run the pieces are drawn from right to left.
    if (run.rtl) std::reverse(logical.begin(), logical.end());
    for (Piece& p : logical) pieces.push_back(std::move(p));
  }
  return pieces;
}

int TtfFonts::FixedHeight(int face) {
  if (face == 0) return 0;
  // fontconfig knows which faces have outlines: those need no font opened to ask.
  const auto index = static_cast<std::size_t>(face - 1);
  if (index < files_.fallback_bitmap_only.size() && !files_.fallback_bitmap_only[index]) return 0;
  auto it = fixed_height_.find(face);
  if (it == fixed_height_.end()) {
    // A face whose height ignores the requested size has only bitmap strikes.
    const FontRef small = Get(face, FontStyle::kRegular, 12);
    const FontRef large = Get(face, FontStyle::kRegular, 96);
    const int small_h = small ? TTF_FontHeight(small.get()) : 0;
    const int h = small && large && small_h == TTF_FontHeight(large.get()) ? small_h : 0;
    it = fixed_height_.emplace(face, h).first;
  }
  return it->second;
}

TtfFonts::FontRef TtfFonts::Prepare(const Piece& piece, FontStyle style, int px, double* scale) {
  *scale = 1;
  FontRef font = Get(piece.face, style, px);
  if (!font) return nullptr;
  TTF_SetFontDirection(font.get(), piece.rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
  TTF_SetFontScriptName(font.get(), piece.script.c_str());
  if (const int fixed = FixedHeight(piece.face); fixed > 0) {
    const FontRef primary = Get(0, style, px);
    *scale = static_cast<double>(primary ? TTF_FontHeight(primary.get()) : px) / fixed;
  }
  return font;
}

int TtfFonts::Width(std::string_view text, FontStyle style, int px) {
  const SafePoint safe(this);
  if (text.empty()) return 0;
  int total = 0;
  if (IsAscii(text)) {
    const FontRef font = Get(0, style, px);
    if (!font) return 0;
    TTF_SetFontDirection(font.get(), TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font.get(), "Latn");
    const std::string s(text);
    int h = 0;
    if (TTF_SizeUTF8(font.get(), s.c_str(), &total, &h) != 0) return 0;
    return total + (SyntheticBold(0, style) ? BoldExtra(px) : 0);
  }
  for (const Piece& piece : Pieces(text, false)) {
    double scale = 1;
    const FontRef font = Prepare(piece, style, px, &scale);
    int w = 0;
    int h = 0;
    if (font && TTF_SizeUTF8(font.get(), piece.text.c_str(), &w, &h) == 0) {
      total += static_cast<int>(std::lround(w * scale));
      if (SyntheticBold(piece.face, style)) total += BoldExtra(px);
    }
  }
  return total;
}

int TtfFonts::LineHeight(FontStyle style, int px) {
  const SafePoint safe(this);
  const FontRef font = Get(0, style, px);
  return font ? TTF_FontLineSkip(font.get()) : px;
}

SDL_Surface* TtfFonts::Render(std::string_view text, FontStyle style, int px, Color color, bool rtl,
                              int* top) {
  const SafePoint safe(this);
  *top = 0;
  const FontRef primary = Get(0, style, px);
  if (!primary || text.empty()) return nullptr;
  struct Drawn {
    SDL_Surface* surface;
    int ascent;
  };
  std::vector<Drawn> drawn;
  const SDL_Color fg{color.r, color.g, color.b, 255};
  for (const Piece& piece : Pieces(text, rtl)) {
    double scale = 1;
    const FontRef font = Prepare(piece, style, px, &scale);
    if (!font) continue;
    SDL_Surface* s = TTF_RenderUTF8_Blended(font.get(), piece.text.c_str(), fg);
    if (!s) continue;
    if (SyntheticBold(piece.face, style)) s = Embolden(s, BoldExtra(px), color);
    if (!s) continue;
    int ascent = TTF_FontAscent(font.get());
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
  const int primary_ascent = TTF_FontAscent(primary.get());
  if (drawn.size() == 1 && drawn[0].ascent == primary_ascent) return drawn[0].surface;

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
  *top = primary_ascent - ascent;
  return line;
}

}  // namespace kiosk
