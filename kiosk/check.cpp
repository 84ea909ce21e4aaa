#include "check.h"

#include "font_lookup.h"

namespace kiosk {

LoadResult LoadAndReport(const std::string& path, const FileSystem& fs, std::ostream& err) {
  LoadResult result = LoadPlaylist(path, fs);
  for (const Diagnostic& d : result.diagnostics) err << FormatDiagnostic(d) << '\n';
  return result;
}

int CheckPlaylist(const std::string& path, const FileSystem& fs, std::ostream& out,
                  std::ostream& err) {
  LoadResult result = LoadAndReport(path, fs, err);
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const Diagnostic& d : result.diagnostics) {
    (d.severity == Severity::kError ? errors : warnings)++;
  }
  if (result.playlist) {
    FontFiles fonts;
    std::vector<std::string> font_warnings;
    std::string font_error;
    if (!ResolveFonts(result.playlist->theme, &fonts, &font_warnings, &font_error)) {
      err << path << ": error: theme.font: " << font_error << '\n';
      ++errors;
    }
    for (const std::string& w : font_warnings) {
      err << path << ": warning: theme.font: " << w << '\n';
      ++warnings;
    }
  }
  out << path << ": ";
  if (errors == 0) {
    const std::size_t n = result.playlist->slides.size();
    out << "ok, " << n << (n == 1 ? " slide" : " slides");
  } else {
    out << errors << (errors == 1 ? " error" : " errors");
  }
  if (warnings > 0) out << ", " << warnings << (warnings == 1 ? " warning" : " warnings");
  out << '\n';
  return errors == 0 ? 0 : 1;
}

}  // namespace kiosk
