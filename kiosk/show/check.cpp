#include "check.h"

#include <nlohmann/json.hpp>

#include "deck.h"
#include "font_check.h"
#include "hyphenation.h"

namespace kiosk {

LoadResult LoadAndReport(const std::string& path, const FileSystem& fs, std::ostream& err) {
  LoadResult result = LoadPlaylist(path, fs);
  for (const Diagnostic& d : result.diagnostics) err << FormatDiagnostic(d) << '\n';
  return result;
}

std::vector<SlideFit> FitSlides(const Playlist& playlist, int w, int h, TextMeasurer& measurer,
                                const Hyphenator* hyphenator) {
  Deck deck(measurer);
  deck.SetPlaylist(playlist);
  deck.SetScreen(w, h);
  deck.SetHyphenator(hyphenator);
  const int min_px = LimitsFor(playlist.theme, w, h).min_body_px;
  std::vector<SlideFit> fits;
  for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
    const SlideLayout& layout = deck.Layout(i);
    fits.push_back({layout.body_px, min_px, layout.met_minimum, layout.fits});
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
    if (FindHyphenationDictionary(result.playlist->lang).empty()) {
      add(Severity::kWarning, "lang",
          "no hyphenation patterns for \"" + EchoForUser(result.playlist->lang) +
              "\"; words will not be hyphenated");
    }
    if (options.fit && options.width > 0 && !HasErrors(diagnostics)) {
      fits = options.fit(*result.playlist, fonts, options.width, options.height);
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
  for (std::size_t i = 0; i < fits.size(); ++i) {
    out << path << ": slides[" << i << "]: body " << fits[i].body_px << " px at " << size << ", "
        << (fits[i].met_minimum ? "meets" : "BELOW") << " the minimum of " << fits[i].min_px
        << " px" << (fits[i].fits ? "" : ", DOES NOT FIT") << '\n';
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
