#include "content_switcher.h"

#include <algorithm>

#include "config.h"
#include "diagnostics.h"
#include "pictures.h"
#include "show.h"

namespace kiosk {

std::optional<Content> DiskContent::Load(const std::string& path,
                                         std::vector<std::string>* problems,
                                         std::string* font_file) {
  return LoadContent(path, problems, font_file);
}

std::optional<Content> DiskContent::ErrorScreen(const std::string& path,
                                                const std::vector<std::string>& problems) {
  return ErrorScreenContent(path, problems);
}

bool SameFontFiles(const FontFiles& a, const FontFiles& b) {
  return a.regular == b.regular && a.bold == b.bold && a.synthetic_bold == b.synthetic_bold &&
         a.fallbacks == b.fallbacks;
}

bool ContentSwitcher::SwitchFonts(const FontFiles& files, std::string* error) {
  std::string why;
  if (fonts_ && !SameFontFiles(files, *fonts_)) {
    why = "other font files";
  } else if (fonts_) {
    for (const std::string& path : seams_.fonts.ChangedOnDisk()) {
      why += (why.empty() ? "" : ", ") + path;
    }
    if (why.empty()) return true;
    why += " changed on disk";
  }
  if (fonts_) seams_.log("the fonts changed (" + why + "): opening them");
  if (!seams_.fonts.Use(files, error)) return false;
  fonts_ = files;
  return true;
}

std::vector<std::string> PictureFiles(const Playlist& playlist) {
  std::vector<std::string> files;
  auto add = [&files](const std::string& file) {
    if (!file.empty() && std::find(files.begin(), files.end(), file) == files.end()) {
      files.push_back(file);
    }
  };
  for (const PictureUse& use : PictureUses(playlist)) add(use.file);
  return files;
}

std::vector<std::string> ContentSwitcher::watched() const {
  std::vector<std::string> files = WatchedFiles(path_, nullptr);
  if (!shown_font_file_.empty()) files.push_back(shown_font_file_);
  if (!read_font_file_.empty() && read_font_file_ != shown_font_file_) {
    files.push_back(read_font_file_);
  }
  for (const std::vector<std::string>* more : {&shown_pictures_, &programme_files_}) {
    for (const std::string& file : *more) {
      if (std::find(files.begin(), files.end(), file) == files.end()) files.push_back(file);
    }
  }
  return files;
}

void ContentSwitcher::Show(Content content, bool showing_errors, bool first) {
  const Millis now = seams_.now();
  shown_font_file_ = showing_errors ? "" : content.playlist.theme.font_file;
  shown_pictures_ = showing_errors ? std::vector<std::string>() : PictureFiles(content.playlist);
  hyphenation_.BeforePlaylist(showing_errors ? "" : content.playlist.lang, first);
  if (first) {
    scheduler_ = Scheduler(DurationsOf(content.playlist), TransitionOf(content.playlist), now);
  } else {
    scheduler_.Reset(DurationsOf(content.playlist), TransitionOf(content.playlist), now);
    seams_.log(showing_errors
                   ? "the playlist still has errors: showing them"
                   : "reloaded: " + CountOf(content.playlist.slides.size(), "slide", "slides"));
  }
  scheduler_.FollowClock(content.playlist.sync == SyncMode::kClock, config::kSyncRejoinMs);
  if (!first && !showing_errors && !showing_errors_) KeepLastGoodPictures(&content.pictures);
  programme_files_ = showing_errors ? std::vector<std::string>() : ProgrammeFiles(content.playlist);
  for (const std::string& file : programme_files_) {
    const auto old = programmes_.find(file);
    if (content.programmes.count(file) || old == programmes_.end()) continue;
    content.programmes.insert(*old);
    seams_.log(EchoForUser(file, kEchoChars, Elide::kMiddle) +
               ": cannot be used now; still showing the last good programme");
  }
  programmes_ = std::move(content.programmes);
  deck_.SetPlaylist(std::move(content.playlist), std::move(content.pictures));
  deck_.SetMoreWords(ProgrammeWords(programmes_));
  hyphenation_.AfterPlaylist();
  showing_errors_ = showing_errors;
  disk_has_errors_ = false;
  seams_.changed(true);
  if (!first) timer_.Finished(!showing_errors);
}

void ContentSwitcher::KeepLastGoodPictures(PictureSizes* sizes) {
  for (auto& [file, size] : *sizes) {
    if (size.usable()) continue;
    const auto shown = deck_.picture_sizes().find(file);
    if (shown == deck_.picture_sizes().end() || !shown->second.usable()) continue;
    size = shown->second;
    seams_.log(EchoForUser(file, kEchoChars, Elide::kMiddle) +
               ": cannot be used now; still showing the last good picture");
  }
}

bool ContentSwitcher::ShowErrors(const std::vector<std::string>& problems, bool first) {
  std::optional<Content> errors = seams_.source.ErrorScreen(path_, problems);
  std::string error;
  if (errors && !SwitchFonts(errors->fonts, &error)) {
    seams_.log("cannot show the errors on screen: " + error);
    errors.reset();
  }
  if (!errors) {
    if (!first) timer_.Finished(false);
    return false;
  }
  if (first) seams_.log("showing the playlist's errors on screen until " + path_ + " is fixed");
  Show(std::move(*errors), true, first);
  return true;
}

std::optional<Content> ContentSwitcher::LoadWithFonts(std::vector<std::string>* problems) {
  read_font_file_.clear();
  std::optional<Content> content = seams_.source.Load(path_, problems, &read_font_file_);
  std::string error;
  if (content && !SwitchFonts(content->fonts, &error)) {
    problems->push_back(path_ + ": error: " + error);
    seams_.log(problems->back());
    content.reset();
  }
  problems_ = content ? std::vector<std::string>() : *problems;
  return content;
}

bool ContentSwitcher::Start() {
  std::vector<std::string> problems;
  if (std::optional<Content> content = LoadWithFonts(&problems)) {
    Show(std::move(*content), false, true);
    return true;
  }
  return ShowErrors(problems, true);
}

void ContentSwitcher::Reload() {
  seams_.log("reloading " + path_);
  timer_.Reading(seams_.now());
  std::vector<std::string> problems;
  if (std::optional<Content> content = LoadWithFonts(&problems)) {
    Show(std::move(*content), false, false);
    return;
  }
  if (showing_errors_) {
    // Still broken: show what is wrong now.
    ShowErrors(problems, false);
    return;
  }
  seams_.log("the playlist has errors; still showing the last good version");
  disk_has_errors_ = true;
  timer_.Finished(false);
  seams_.changed(false);
}

void ContentSwitcher::FilesChanged() {
  if (timer_.Changed(seams_.now())) {
    seams_.log("a watched file changed on disk; reloading in " +
               std::to_string(config::kReloadQuietMs) + " ms unless it changes again");
  }
}

}  // namespace kiosk
