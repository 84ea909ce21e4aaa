#include "reload.h"

#include <algorithm>
#include <cmath>

#include "layout.h"

namespace kiosk {
namespace {

// More lines than this and the error screen says how many more there are: the first
// problems are the ones to fix first, and the text stays large enough to read.
constexpr std::size_t kMaxErrorLines = 12;

}  // namespace

void Debouncer::Changed(Millis now) {
  if (!pending_) first_ = now;
  pending_ = true;
  last_ = now;
}

bool Debouncer::Due(Millis now) {
  if (!pending_ || now - last_ < quiet_) return false;
  pending_ = false;
  return true;
}

Millis Debouncer::TimeToDue(Millis now) const {
  if (!pending_) return -1;
  return std::max<Millis>(0, last_ + quiet_ - now);
}

bool ReloadTimer::Changed(Millis now) {
  const bool first = !debouncer_.pending();
  if (first) {
    seen_at_ = now;
    reloaded_at_ = -1;
  }
  debouncer_.Changed(now);
  return first;
}

void ReloadTimer::Finished(bool succeeded) {
  reloaded_at_ = succeeded ? seen_at_ : -1;  // -1 also for R and SIGHUP: nothing to measure
  seen_at_ = -1;
}

std::string ReloadTimer::Shown(Millis now) {
  if (reloaded_at_ < 0) return "";
  std::string line = "new content on screen " + std::to_string(now - reloaded_at_) +
                     " ms after the change on disk, " + std::to_string(now - read_at_) +
                     " ms after reading it";
  reloaded_at_ = -1;
  return line;
}

std::vector<std::string> WatchedFiles(const std::string& playlist_path, const Playlist* playlist) {
  std::vector<std::string> files = {playlist_path};
  if (playlist && !playlist->theme.font_file.empty()) files.push_back(playlist->theme.font_file);
  return files;
}

Playlist ErrorScreenPlaylist(const std::string& playlist_path,
                             const std::vector<std::string>& problems) {
  Playlist p = DefaultPlaylist();
  p.path = playlist_path;
  p.lang = "en";
  p.transition = 0;
  p.show_progress = false;
  p.show_counter = false;
  p.theme.max_text_size = 0.045;
  p.theme.min_text_size = 0.02;
  Slide slide;
  slide.kicker = "kiosk cannot show this playlist";
  slide.title = playlist_path;
  std::string text;
  const std::size_t shown = std::min(problems.size(), kMaxErrorLines);
  for (std::size_t i = 0; i < shown; ++i) text += problems[i] + "\n";
  if (problems.size() > shown) {
    text += "... and " + std::to_string(problems.size() - shown) + " more (kiosk --check " +
            playlist_path + ")\n";
  }
  if (problems.empty()) text += "(no details)\n";
  text += "\nFix the file and save it: the show starts by itself.";
  slide.text = std::move(text);
  slide.duration = 3600;  // one slide: the timer only restarts it
  p.slides.push_back(std::move(slide));
  return p;
}

void AddErrorMark(Frame* frame, const Theme& theme, int screen_w, int screen_h) {
  // In the top right margin, away from the counter, the progress bar and the paused mark.
  const Box safe = LimitsFor(theme, screen_w, screen_h).safe;
  const int size = std::max(4, static_cast<int>(std::lround(screen_h / 100.0)));
  const int right_margin = screen_w - (safe.x + safe.w);
  const int x = std::max(0, screen_w - right_margin / 2 - size / 2);
  const int y = std::max(0, safe.y / 2 - size / 2);
  Color c = theme.accent;
  c.a = 220;
  frame->rects.push_back({{std::min(x, screen_w - size), y, size, size}, c});
}

}  // namespace kiosk
