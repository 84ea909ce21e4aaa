#include "content.h"

#include <iostream>

#include "check.h"

namespace kiosk {

void Log(const std::string& line) { std::cerr << "kiosk: " << line << std::endl; }

// Loads and checks everything a show needs; prints why not on failure.
std::optional<Content> LoadContent(const std::string& path) {
  RealFileSystem fs;
  LoadResult result = LoadAndReport(path, fs, std::cerr);
  if (!result.playlist) return std::nullopt;
  Content content{std::move(*result.playlist), {}};
  std::vector<std::string> warnings;
  std::string error;
  const bool ok = ResolveFonts(content.playlist.theme, &content.fonts, &warnings, &error);
  for (const std::string& w : warnings) std::cerr << path << ": warning: theme.font: " << w << '\n';
  if (!ok) {
    std::cerr << path << ": error: theme.font: " << error << '\n';
    return std::nullopt;
  }
  return content;
}

// Starts loading the playlist language's hyphenation patterns in the background, or says
// why there will be none. `on_ready` runs on the loading thread.
std::unique_ptr<HyphenationLoader> StartHyphenation(const std::string& lang,
                                                    std::function<void()> on_ready) {
  const std::string path = FindHyphenationDictionary(lang);
  if (path.empty()) {
    Log("no hyphenation patterns for language \"" + lang +
        "\" in /usr/share/hyphen (Debian package hyphen-" +
        lang.substr(0, lang.find_first_of("-_")) + "); lines break at spaces and hyphens only");
    return nullptr;
  }
  return std::make_unique<HyphenationLoader>(path, std::move(on_ready));
}

}  // namespace kiosk
