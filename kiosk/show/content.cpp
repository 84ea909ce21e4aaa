#include "content.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "check.h"
#include "fields.h"
#include "font_check.h"
#include "pictures.h"
#include "reload.h"

namespace kiosk {
namespace {

std::optional<Content> LoadQuietly(const std::string& path, const FileSystem& fs, std::ostream& err,
                                   std::string* font_file) {
  LoadResult result = LoadAndReport(path, fs, err);
  if (!result.playlist) return std::nullopt;
  if (font_file) *font_file = result.playlist->theme.font_file;
  Content content{std::move(*result.playlist), {}, {}, {}};
  std::vector<std::string> warnings;
  std::string error;
  std::string key = "theme.font";
  // A font file FreeType cannot load is a playlist error like any other: the show says so
  // on its error screen (or keeps the last good version) instead of failing to open it.
  const bool ok = ResolveFonts(content.playlist.theme, &content.fonts, &warnings, &error) &&
                  CheckFontFiles(content.playlist.theme, fs, &content.fonts, &key, &error);
  for (const std::string& w : warnings) {
    err << FormatDiagnostic({Severity::kWarning, path, 0, 0, "theme.font", w}) << '\n';
  }
  if (!ok) {
    err << FormatDiagnostic({Severity::kError, path, 0, 0, key, error}) << '\n';
    return std::nullopt;
  }
  std::vector<PictureProblem> problems;
  content.pictures = ProbePictures(content.playlist, fs, &problems);
  for (const PictureProblem& problem : problems) {
    err << FormatDiagnostic(
               PictureDiagnostic(path, Severity::kWarning, problem, "; shown without it"))
        << '\n';
  }
  // A schedule that cannot be read is not an error while showing (--check is strict).
  std::vector<Diagnostic> programme_problems;
  content.programmes = LoadProgrammes(content.playlist, fs, &programme_problems);
  for (Diagnostic& d : programme_problems) {
    d.severity = Severity::kWarning;
    err << FormatDiagnostic(d) << '\n';
  }
  return content;
}

// The real files, and one more that exists only in memory (a pushed playlist).
class OneFileInMemory : public FileSystem {
 public:
  OneFileInMemory(const std::string& path, std::string_view text) : path_(path), text_(text) {}
  bool ReadFile(const std::string& path, long long max_bytes, std::string* contents,
                std::string* error) const override {
    if (path != path_) return disk_.ReadFile(path, max_bytes, contents, error);
    if (max_bytes >= 0 && text_.size() > static_cast<std::size_t>(max_bytes)) {
      *error = FileTooLarge(max_bytes);
      return false;
    }
    contents->assign(text_);
    return true;
  }
  bool IsReadableFile(const std::string& path) const override {
    return path == path_ || disk_.IsReadableFile(path);
  }
  bool ReadFileStart(const std::string& path, long long max_bytes, std::size_t prefix,
                     std::string* contents, std::string* error) const override {
    if (path != path_) return disk_.ReadFileStart(path, max_bytes, prefix, contents, error);
    return FileSystem::ReadFileStart(path, max_bytes, prefix, contents, error);
  }

 private:
  RealFileSystem disk_;
  std::string path_;
  std::string_view text_;
};

// Hands the report's lines to *problems, with `from` (a file name) said as `to`.
void TakeLines(const std::string& report, const std::string& from, const std::string& to,
               std::vector<std::string>* problems) {
  std::istringstream lines(report);
  for (std::string line; std::getline(lines, line);) {
    if (!from.empty()) {
      for (std::size_t at = line.find(from); at != std::string::npos;
           at = line.find(from, at + to.size())) {
        line.replace(at, from.size(), to);
      }
    }
    problems->push_back(line);
  }
}

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

// Loads and checks everything a show needs; prints why not on failure.
std::optional<Content> LoadContent(const std::string& path, std::vector<std::string>* problems,
                                   std::string* font_file) {
  std::ostringstream report;
  std::optional<Content> content = LoadQuietly(path, RealFileSystem(), report, font_file);
  std::cerr << report.str() << std::flush;
  if (problems) TakeLines(report.str(), "", "", problems);
  return content;
}

std::optional<Content> LoadContentText(std::string_view text, const std::string& name,
                                       const std::string& beside,
                                       std::vector<std::string>* problems, std::string* font_file) {
  // A file name in the local playlist's directory, which no file needs to have: relative
  // names in the text resolve there; messages say `name` instead.
  std::filesystem::path path = std::filesystem::path(beside).parent_path();
  std::string leaf = name;
  std::replace(leaf.begin(), leaf.end(), '/', '_');
  const std::string in_memory = (path / (".pushed:" + leaf)).string();
  std::ostringstream report;
  std::optional<Content> content =
      LoadQuietly(in_memory, OneFileInMemory(in_memory, text), report, font_file);
  std::vector<std::string> lines;
  TakeLines(report.str(), in_memory, name, &lines);
  for (const std::string& line : lines) std::cerr << line << '\n';
  std::cerr << std::flush;
  if (problems) problems->insert(problems->end(), lines.begin(), lines.end());
  return content;
}

std::optional<Content> ErrorScreenContent(const std::string& path,
                                          const std::vector<std::string>& problems) {
  // The problems are diagnostics, escaped already; this also bounds every line, whatever
  // reaches the screen (a 50,000-character value once made a wall of tiny text).
  std::vector<std::string> shown;
  shown.reserve(problems.size());
  for (const std::string& p : problems) shown.push_back(EchoForUser(p, kErrorScreenChars));
  Content content{ErrorScreenPlaylist(path, shown), {}, {}, {}};
  for (Slide& slide : content.playlist.slides) {  // braces in a message are not clock fields
    for (std::string* text : {&slide.kicker, &slide.title, &slide.text})
      *text = EscapeBraces(*text);
  }
  std::vector<std::string> warnings;
  std::string error;
  if (!ResolveFonts(content.playlist.theme, &content.fonts, &warnings, &error)) {
    Log("cannot show the errors on screen: " + error);
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
    const std::string shown = EchoForUser(lang);
    Log("no hyphenation patterns for language \"" + shown +
        "\" in /usr/share/hyphen (Debian package hyphen-" +
        AsciiLower(shown.substr(0, shown.find_first_of("-_"))) + "); words are not hyphenated");
    return nullptr;
  }
  return std::make_unique<HyphenationLoader>(path, std::move(on_ready));
}

}  // namespace kiosk
