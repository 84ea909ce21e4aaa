// Watching the playlist and the files it refers to for changes, with inotify. Watches
// directories, not files, so a save that renames a temporary file over the playlist is
// seen as well as one that truncates and rewrites it; and every directory on the way to
// each file, symlinks followed, so the file keeps being watched when a directory on its
// path is replaced (moved away and made again, `git checkout`), when a symlink on it
// points elsewhere (a deploy's `ln -sfn releases/2 current`), when the file is a symlink
// into another directory (edits of the target), and when a directory does not exist yet
// (its nearest existing ancestor is watched until it appears). No SDL: the caller decides
// how to wake up (see WatchThread).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "event_source.h"

namespace kiosk {

// One name in one directory that the path to a file goes through.
struct WatchPoint {
  std::string dir;   // absolute, symlinks resolved: "/srv/kiosk/releases/2"
  std::string name;  // "playlist.json"
  bool operator==(const WatchPoint&) const = default;
};

// The names whose change can change what `file` is: each component of its absolute path
// in its directory and, for each symlink on the way, each component of the target's path,
// up to the first that does not exist (it can appear). `file` may be relative (to the
// working directory). Nothing is opened or watched.
std::vector<WatchPoint> WatchPointsOf(const std::string& file);

class FileWatcher {
 public:
  FileWatcher();
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Watches exactly `files` from now on (replacing the previous set). Returns false with
  // *error set if inotify does not work or the directory a file is in (or, if it does not
  // exist, its nearest existing ancestor) cannot be watched; the others are watched anyway.
  bool Watch(const std::vector<std::string>& files, std::string* error);

  // Waits up to timeout_ms (-1: forever) for changes and returns the watched files that
  // changed (created, written, renamed over, deleted, a directory or symlink on the way
  // replaced), each once and named as given to Watch. Empty on timeout. When the kernel
  // drops events (queue overflow) or a watched directory goes, every file it may concern
  // counts as changed. Whenever the way to a file may have changed the watches follow it.
  // Thread-safe against Watch().
  std::vector<std::string> ReadChanges(int timeout_ms);

  bool ok() const { return inotify_fd_ >= 0; }
  int fd() const { return inotify_fd_; }  // readable when ReadChanges has something

 private:
  // Watches the directories of the current files_ (mutex_ held).
  bool Arm(std::string* error);

  int inotify_fd_ = -1;
  std::mutex mutex_;
  std::vector<std::string> files_;
  // watch descriptor -> name in that directory -> the watched files whose way goes there
  std::map<int, std::map<std::string, std::set<std::string>>> names_;
};

// Watches files on a background thread. After changes it calls `wake()` there (it must
// be thread-safe, e.g. SDL_PushEvent); the changed files wait in TakeChanges until taken,
// so a wake-up that goes nowhere (SDL_PushEvent before SDL_Init) loses nothing.
class WatchThread {
 public:
  explicit WatchThread(std::function<void()> wake);
  ~WatchThread();
  WatchThread(const WatchThread&) = delete;
  WatchThread& operator=(const WatchThread&) = delete;

  bool Watch(const std::vector<std::string>& files, std::string* error) {
    return watcher_.Watch(files, error);
  }
  // The files that changed since the last call, each once.
  std::vector<std::string> TakeChanges();

 private:
  FileWatcher watcher_;
  std::function<void()> wake_;
  std::mutex mutex_;
  std::vector<std::string> pending_;
  std::unique_ptr<EventSource> source_;  // last: stops before the rest goes
};

}  // namespace kiosk
