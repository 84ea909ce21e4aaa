// Hot reload without SDL: when to reload after the files changed (a burst of events
// becomes one reload), which files to watch, and what to show instead of a playlist
// that cannot be shown.
#pragma once

#include <string>
#include <vector>

#include "frame.h"
#include "playlist.h"
#include "scheduler.h"

namespace kiosk {

// Turns a burst of change events (an editor's save is several: truncate, write, close,
// or create, write, rename) into one reload, `quiet` ms after the last of them, so a
// half-written file is not read. Time is passed in.
class Debouncer {
 public:
  explicit Debouncer(Millis quiet) : quiet_(quiet) {}

  void Changed(Millis now);
  // True once, when the quiet time after the last change has passed.
  bool Due(Millis now);
  // Milliseconds until Due() becomes true; -1 if no change is pending.
  Millis TimeToDue(Millis now) const;
  bool pending() const { return pending_; }
  // When the burst that is pending (or was last due) started: for the latency log.
  Millis first_change() const { return first_; }

 private:
  Millis quiet_;
  bool pending_ = false;
  Millis first_ = 0;
  Millis last_ = 0;
};

// A running show's reload timing: the debounced changes and the log of how long a change
// on disk took to reach the screen.
class ReloadTimer {
 public:
  explicit ReloadTimer(Millis quiet) : debouncer_(quiet) {}

  // A watched file changed. True for the first change of a burst (worth a log line).
  bool Changed(Millis now);
  bool Due(Millis now) { return debouncer_.Due(now); }
  Millis TimeToDue(Millis now) const { return debouncer_.TimeToDue(now); }
  // A reload reads the files now; it `succeeded` or kept the old content.
  void Reading(Millis now) { read_at_ = now; }
  void Finished(bool succeeded);
  // A frame was shown: the latency log line if it is the first with new content, else "".
  std::string Shown(Millis now);

 private:
  Debouncer debouncer_;
  Millis seen_at_ = -1;      // first change of the burst being reloaded
  Millis read_at_ = -1;      // when the reload read the files
  Millis reloaded_at_ = -1;  // seen_at_ of a reload that succeeded, until its frame shows
};

// The playlist file and the files it refers to (theme.font_file): a change to any of them
// means a reload.
std::vector<std::string> WatchedFiles(const std::string& playlist_path, const Playlist* playlist);

// A one-slide playlist that shows why the playlist cannot be shown (`problems`: the
// diagnostics, one a line) in the default theme, without timer chrome.
Playlist ErrorScreenPlaylist(const std::string& playlist_path,
                             const std::vector<std::string>& problems);

// The small mark that the playlist on disk has errors and an older version is showing
// (playlist key "error_mark"): a small square in the accent colour in the top right margin.
void AddErrorMark(Frame* frame, const Theme& theme, int screen_w, int screen_h);

}  // namespace kiosk
