#include "check.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "contrast.h"
#include "deck.h"
#include "font_check.h"
#include "hyphenation.h"
#include "pictures.h"
#include "playlist_time.h"
#include "programme_slides.h"

namespace kiosk {
namespace {

std::string Mib(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

// Decoded pictures for --check, each (file, size, crop) once: the theme's background is
// decoded once for all its slides.
class PictureCache {
 public:
  explicit PictureCache(const FileSystem& fs) : fs_(fs) {}

  const std::string* Bytes(const std::string& file, std::string* error) {
    auto it = bytes_.find(file);
    if (it == bytes_.end()) {
      std::string bytes;
      if (!ReadPicture(fs_, file, &bytes, error)) return nullptr;
      it = bytes_.emplace(file, std::move(bytes)).first;
    }
    return &it->second;
  }

  const Picture* Decode(const std::string& file, const Placement& place, std::string* error) {
    const std::string key = file + "\n" + std::to_string(place.scaled_w) + "x" +
                            std::to_string(place.scaled_h) + "+" + std::to_string(place.crop.x) +
                            "+" + std::to_string(place.crop.y) + "+" +
                            std::to_string(place.crop.w) + "x" + std::to_string(place.crop.h);
    auto it = pictures_.find(key);
    if (it == pictures_.end()) {
      std::optional<Picture> picture;
      if (const std::string* bytes = Bytes(file, error)) {
        picture = DecodePicture(*bytes, place.scaled_w, place.scaled_h, place.crop, error);
      }
      it = pictures_.emplace(key, std::move(picture)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  const FileSystem& fs_;
  std::map<std::string, std::string> bytes_;
  std::map<std::string, std::optional<Picture>> pictures_;
};

// What is under a slide's text, as the drawers compose it: the theme's colour, its
// background picture and overlay, the slide's background (colour, or picture and overlay).
class Composer {
 public:
  Composer(int w, int h) : w_(w), h_(h), px_(static_cast<std::size_t>(w) * h) {}
  std::span<const std::uint32_t> pixels() const { return px_; }

  void Fill(Box box, Color c) {
    Clip(&box);
    for (int y = box.y; y < box.y + box.h; ++y) {
      for (int x = box.x; x < box.x + box.w; ++x) Put(x, y, c);
    }
  }
  void Draw(const Picture& picture, Box dst) {
    for (int y = 0; y < std::min(picture.height, dst.h); ++y) {
      for (int x = 0; x < std::min(picture.width, dst.w); ++x) {
        const std::uint32_t p = picture.argb[static_cast<std::size_t>(y) * picture.width + x];
        Put(dst.x + x, dst.y + y,
            {static_cast<std::uint8_t>(p >> 16), static_cast<std::uint8_t>(p >> 8),
             static_cast<std::uint8_t>(p), static_cast<std::uint8_t>(p >> 24)});
      }
    }
  }

 private:
  void Clip(Box* b) const {
    const int x1 = std::min(w_, b->x + b->w), y1 = std::min(h_, b->y + b->h);
    b->x = std::max(0, b->x);
    b->y = std::max(0, b->y);
    b->w = std::max(0, x1 - b->x);
    b->h = std::max(0, y1 - b->y);
  }
  void Put(int x, int y, Color c) {
    if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
    std::uint32_t& p = px_[static_cast<std::size_t>(y) * w_ + x];
    const Color under{static_cast<std::uint8_t>(p >> 16), static_cast<std::uint8_t>(p >> 8),
                      static_cast<std::uint8_t>(p), 255};
    const Color out = Blend(under, c);
    p = 0xff000000u | static_cast<std::uint32_t>(out.r) << 16 |
        static_cast<std::uint32_t>(out.g) << 8 | out.b;
  }
  int w_, h_;
  std::vector<std::uint32_t> px_;
};

// Where each picture a playlist names shows at w x h, and the memory that takes.
struct PictureLine {
  PictureUse use;
  PictureInfo info;
  Placement place;
  std::size_t decode_bytes = 0;  // DecodeMemory: the most held at once while decoding
  std::size_t kept_bytes = 0;    // the scaled pixels kept with the slide
};

std::vector<PictureLine> PlacePictures(const Playlist& playlist, const std::vector<SlideFit>& fits,
                                       const std::map<std::string, PictureInfo>& infos, int w,
                                       int h) {
  std::vector<PictureLine> lines;
  const Box screen{0, 0, w, h};
  for (const PictureUse& use : PictureUses(playlist)) {
    const auto info = infos.find(use.file);
    if (info == infos.end()) continue;
    const PictureRef* ref = nullptr;
    Box box = screen;
    std::size_t slide = 0;
    if (use.where == "theme.background") {
      ref = &playlist.theme.background_picture->picture;
    } else if (use.where == "theme.logo") {
      ref = &playlist.theme.logo->picture;
      if (fits.empty() || !fits[0].regions.logo) continue;
      box = *fits[0].regions.logo;
    } else if (std::sscanf(use.where.c_str(), "slides[%zu]", &slide) == 1 && slide < fits.size()) {
      const Slide& s = playlist.slides[slide];
      if (use.where.ends_with(".background")) {
        ref = &s.background->picture;
      } else {
        ref = &s.image->picture;
        if (!fits[slide].regions.picture) continue;
        box = *fits[slide].regions.picture;
      }
    }
    if (!ref) continue;
    PictureLine line{use, info->second, {}, 0, 0};
    line.place = PlacePicture(info->second.width, info->second.height, box, ref->cover,
                              ref->focus_x, ref->focus_y);
    line.decode_bytes = DecodeMemory(info->second, line.place.scaled_w, line.place.scaled_h);
    line.kept_bytes = static_cast<std::size_t>(line.place.crop.w) * line.place.crop.h * 4;
    lines.push_back(std::move(line));
  }
  return lines;
}

// Each slide's worst contrast between its text and the pixels under it, where a background
// picture is under it (21: no picture, nothing to warn about).
std::vector<double> SlideContrasts(const Playlist& playlist, const std::vector<SlideFit>& fits,
                                   const PictureSizes& sizes, PictureCache& cache, int w, int h) {
  const Box screen{0, 0, w, h};
  auto usable = [&sizes](const Backdrop& b) {
    auto it = sizes.find(b.picture.file);
    return it != sizes.end() && it->second.usable();
  };
  // Draws a backdrop (picture and overlay) into `composer`; false if it cannot be decoded.
  auto draw = [&](Composer& composer, const Backdrop& b) {
    if (b.picture.file.empty()) {
      composer.Fill(screen, b.overlay);
      return;
    }
    const PictureSize& size = sizes.at(b.picture.file);
    const Placement place = PlacePicture(size.width, size.height, screen, b.picture.cover,
                                         b.picture.focus_x, b.picture.focus_y);
    std::string error;
    if (const Picture* picture = cache.Decode(b.picture.file, place, &error)) {
      composer.Draw(*picture, place.dst);
    }
    composer.Fill(screen, b.overlay);
  };
  const auto& theme_backdrop = playlist.theme.background_picture;
  const bool theme_picture = theme_backdrop && usable(*theme_backdrop);
  std::optional<Composer> theme_only;  // the same for every slide without its own
  std::vector<double> worst(fits.size(), 21.0);
  for (std::size_t i = 0; i < fits.size() && i < playlist.slides.size(); ++i) {
    const auto& own = playlist.slides[i].background;
    const bool own_picture = own && !own->picture.file.empty() && usable(*own);
    if ((!theme_picture && !own_picture) || fits[i].texts.empty()) continue;
    std::optional<Composer> composed;
    const Composer* under = nullptr;
    if (!own) {
      if (!theme_only) {
        theme_only.emplace(w, h);
        theme_only->Fill(screen, playlist.theme.background);
        draw(*theme_only, *theme_backdrop);
      }
      under = &*theme_only;
    } else {
      composed.emplace(w, h);
      composed->Fill(screen, playlist.theme.background);
      if (theme_picture) draw(*composed, *theme_backdrop);
      draw(*composed, *own);
      under = &*composed;
    }
    for (const TextItem& item : fits[i].texts) {
      const Box box[] = {item.box};
      worst[i] = std::min(worst[i], WorstContrast(under->pixels(), w, h, box, item.color));
    }
  }
  return worst;
}

}  // namespace

LoadResult LoadAndReport(const std::string& path, const FileSystem& fs, std::ostream& err) {
  LoadResult result = LoadPlaylist(path, fs);
  for (const Diagnostic& d : result.diagnostics) err << FormatDiagnostic(d) << '\n';
  return result;
}

std::vector<SlideFit> FitSlides(const Playlist& playlist, int w, int h, TextMeasurer& measurer,
                                const Hyphenator* hyphenator, const PictureSizes& pictures) {
  Deck deck(measurer);
  deck.SetPlaylist(playlist, pictures);
  deck.SetScreen(w, h);
  deck.SetHyphenator(hyphenator);
  const int min_px = LimitsFor(playlist.theme, w, h).min_body_px;
  std::vector<SlideFit> fits;
  for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
    const SlideLayout& layout = deck.Layout(i);
    std::vector<TextItem> texts = deck.Items(i);
    const std::vector<TextItem>& live = deck.LiveItems(i, WallTime{0, false});  // as dashes
    texts.insert(texts.end(), live.begin(), live.end());
    fits.push_back({layout.body_px, min_px, layout.met_minimum, layout.fits, deck.Regions(i),
                    std::move(texts)});
  }
  return fits;
}

int CheckPlaylist(const std::string& path, const FileSystem& fs, std::ostream& out,
                  std::ostream& err, const CheckOptions& options) {
  LoadResult result = LoadPlaylist(path, fs);
  std::vector<Diagnostic>& diagnostics = result.diagnostics;
  auto add = [&](Severity severity, std::string where, std::string message) {
    diagnostics.push_back({severity, path, 0, 0, std::move(where), std::move(message)});
  };
  std::vector<SlideFit> fits;
  const std::string size = std::to_string(options.width) + "x" + std::to_string(options.height);
  PictureSizes sizes;
  std::map<std::string, PictureInfo> infos;
  std::map<std::string, std::string> decode_errors;
  PictureCache cache(fs);
  std::vector<PictureLine> picture_lines;
  if (result.playlist) {
    FontFiles fonts;
    std::vector<std::string> font_warnings;
    std::string font_error;
    std::string font_key = "theme.font";
    if (!ResolveFonts(result.playlist->theme, &fonts, &font_warnings, &font_error) ||
        !CheckFontFiles(result.playlist->theme, fs, &fonts, &font_key, &font_error)) {
      add(Severity::kError, font_key, font_error);
    }
    for (std::string& w : font_warnings) add(Severity::kWarning, "theme.font", std::move(w));
    // Every picture read, probed and decoded (a corrupt stream shows only there).
    std::vector<PictureProblem> picture_problems;
    sizes = ProbePictures(*result.playlist, fs, &picture_problems, &infos);
    for (const PictureUse& use : PictureUses(*result.playlist)) {
      const auto info = infos.find(use.file);
      if (info == infos.end() || decode_errors.count(use.file)) continue;
      std::string error;
      const Placement small =
          PlacePicture(info->second.width, info->second.height, Box{0, 0, 64, 64}, false);
      if (!cache.Decode(use.file, small, &error)) {
        decode_errors[use.file] = error;
        sizes[use.file] = {};
      }
    }
    for (const PictureUse& use : PictureUses(*result.playlist)) {
      if (auto it = decode_errors.find(use.file); it != decode_errors.end()) {
        picture_problems.push_back({use.where, use.file, it->second});
      }
    }
    for (const PictureProblem& problem : picture_problems) {
      diagnostics.push_back(PictureDiagnostic(path, Severity::kError, problem));
    }
    // Every schedule a programme slide names, strictly; its slides as of --at (or now).
    const Programmes programmes = LoadProgrammes(*result.playlist, fs, &diagnostics);
    WallTime at;
    if (std::string ignored; MomentFor(options.at, *result.playlist, &at.real_ms, &ignored)) {
      ExpandProgramme(&*result.playlist, programmes, at);
    }
    if (FindHyphenationDictionary(result.playlist->lang).empty()) {
      add(Severity::kWarning, "lang",
          "no hyphenation patterns for \"" + EchoForUser(result.playlist->lang) +
              "\"; words will not be hyphenated");
    }
    if (options.fit && options.width > 0 && !HasErrors(diagnostics)) {
      fits = options.fit(*result.playlist, fonts, sizes, options.width, options.height);
      picture_lines = PlacePictures(*result.playlist, fits, infos, options.width, options.height);
      const std::vector<double> worst =
          SlideContrasts(*result.playlist, fits, sizes, cache, options.width, options.height);
      for (std::size_t i = 0; i < worst.size(); ++i) {
        if (worst[i] >= kReadableContrast) continue;
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%.2f:1", std::floor(worst[i] * 100) / 100);
        add(Severity::kWarning, "slides[" + std::to_string(i) + "]",
            std::string("text over the background picture reads at ") + ratio +
                " at worst, below 4.5:1 (a stronger \"overlay\" or a calmer picture helps)");
      }
      for (std::size_t i = 0; i < fits.size(); ++i) {
        if (!fits[i].fits) {
          add(Severity::kWarning, "slides[" + std::to_string(i) + "]",
              "does not fit " + size + " even at " + std::to_string(fits[i].body_px) +
                  " px: part of it is cut off (shorten it or split the slide)");
          continue;
        }
        if (fits[i].met_minimum) continue;
        add(Severity::kWarning, "slides[" + std::to_string(i) + "]",
            "too much text for " + size + ": the body text is " + std::to_string(fits[i].body_px) +
                " px, below the readable minimum of " + std::to_string(fits[i].min_px) +
                " px (shorten it or split the slide)");
      }
    }
  }
  // Time rules: which slides show at --at's moment (or now, if any slide has a rule).
  std::optional<std::vector<bool>> eligible;
  std::string moment;
  if (result.playlist) {
    const Playlist& p = *result.playlist;
    bool rules = !p.when.always();
    for (const Slide& s : p.slides) rules = rules || !s.when.always();
    WallTime wall;
    std::string error;
    if (!MomentFor(options.at, p, &wall.real_ms, &error)) {
      add(Severity::kError, "--at", error);
    } else if (rules || !options.at.empty()) {
      const TimeZone zone = PlaylistZone(p);
      eligible = EligibleSlides(p, wall, zone);
      const CivilTime c = zone.ToLocal(wall.real_ms).civil;
      char text[64];
      std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour,
                    c.minute);
      moment = std::string(text) + " " + zone.name();
    }
  }
  std::size_t errors = 0;
  for (const Diagnostic& d : diagnostics) errors += d.severity == Severity::kError;
  const std::size_t warnings = diagnostics.size() - errors;

  if (options.json) {
    nlohmann::json report = {{"file", EchoForUser(path, 300, Elide::kMiddle)},
                             {"ok", errors == 0},
                             {"errors", errors},
                             {"warnings", warnings}};
    report["diagnostics"] = nlohmann::json::array();
    for (const Diagnostic& raw : diagnostics) {
      const Diagnostic d = ForDisplay(raw);
      nlohmann::json j = {{"severity", d.severity == Severity::kError ? "error" : "warning"},
                          {"message", d.message},
                          {"text", FormatDiagnostic(d)}};
      if (d.line > 0) j["line"] = d.line, j["column"] = d.column;
      if (!d.path.empty()) j["path"] = d.path;
      report["diagnostics"].push_back(std::move(j));
    }
    if (result.playlist) report["slides"] = result.playlist->slides.size();
    if (eligible) {
      report["at"] = moment;
      report["shown"] = nlohmann::json::array();
      for (std::size_t i = 0; i < eligible->size(); ++i) {
        if ((*eligible)[i]) report["shown"].push_back(i + 1);
      }
    }
    if (!infos.empty()) {
      report["pictures"] = nlohmann::json::array();
      for (const auto& [file, info] : infos) {
        report["pictures"].push_back({{"file", EchoForUser(file, 300, Elide::kMiddle)},
                                      {"width", info.width},
                                      {"height", info.height},
                                      {"description", info.description}});
      }
    }
    if (!picture_lines.empty()) {
      report["picture_memory"] = nlohmann::json::array();
      for (const PictureLine& line : picture_lines) {
        report["picture_memory"].push_back(
            {{"path", line.use.where},
             {"file", EchoForUser(line.use.file, 300, Elide::kMiddle)},
             {"scaled", {{"width", line.place.scaled_w}, {"height", line.place.scaled_h}}},
             {"shown", {{"width", line.place.crop.w}, {"height", line.place.crop.h}}},
             {"decode_bytes", line.decode_bytes},
             {"kept_bytes", line.kept_bytes}});
      }
    }
    if (!fits.empty()) {
      report["size"] = {{"width", options.width}, {"height", options.height}};
      report["layout"] = nlohmann::json::array();
      for (std::size_t i = 0; i < fits.size(); ++i) {
        report["layout"].push_back({{"path", "slides[" + std::to_string(i) + "]"},
                                    {"body_px", fits[i].body_px},
                                    {"min_px", fits[i].min_px},
                                    {"met_minimum", fits[i].met_minimum},
                                    {"fits", fits[i].fits}});
      }
    }
    // Invalid UTF-8 from a broken file must not make the report itself invalid.
    out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return errors == 0 ? 0 : 1;
  }

  for (const Diagnostic& d : diagnostics) err << FormatDiagnostic(d) << '\n';
  if (picture_lines.empty()) {
    for (const PictureUse& use :
         result.playlist ? PictureUses(*result.playlist) : std::vector<PictureUse>{}) {
      const auto info = infos.find(use.file);
      if (info == infos.end() || decode_errors.count(use.file)) continue;
      out << path << ": " << use.where << ": " << EchoForUser(use.file, kEchoChars, Elide::kMiddle)
          << ": " << info->second.description << '\n';
    }
  }
  for (const PictureLine& line : picture_lines) {
    out << path << ": " << line.use.where << ": "
        << EchoForUser(line.use.file, kEchoChars, Elide::kMiddle) << ": " << line.info.description
        << "; at " << size << " scaled to " << line.place.scaled_w << "x" << line.place.scaled_h
        << ", " << line.place.crop.w << "x" << line.place.crop.h
        << " shown: " << Mib(line.decode_bytes) << " to decode, " << Mib(line.kept_bytes)
        << " kept\n";
  }
  for (std::size_t i = 0; i < fits.size(); ++i) {
    const Slide& slide = result.playlist->slides[i];
    if (slide.kicker.empty() && slide.title.empty() && slide.text.empty()) {
      out << path << ": slides[" << i << "]: " << (slide.qr ? "a QR code" : "a picture")
          << " without text\n";
      continue;
    }
    out << path << ": slides[" << i << "]: body " << fits[i].body_px << " px at " << size << ", "
        << (fits[i].met_minimum ? "meets" : "BELOW") << " the minimum of " << fits[i].min_px
        << " px" << (fits[i].fits ? "" : ", DOES NOT FIT") << '\n';
  }
  if (eligible) {
    std::string shown;
    for (std::size_t i = 0; i < eligible->size(); ++i) {
      if ((*eligible)[i]) shown += (shown.empty() ? "" : ", ") + std::to_string(i + 1);
    }
    out << path << ": at " << moment << ": "
        << (shown.empty() ? std::string("no slide shows (the idle screen)")
                          : "slides shown: " + shown)
        << '\n';
  }
  out << path << ": ";
  if (errors == 0) {
    const std::size_t n = result.playlist->slides.size();
    out << "ok, " << CountOf(n, "slide", "slides");
  } else {
    out << CountOf(errors, "error", "errors");
  }
  if (warnings > 0) out << ", " << CountOf(warnings, "warning", "warnings");
  out << '\n';
  return errors == 0 ? 0 : 1;
}

}  // namespace kiosk
