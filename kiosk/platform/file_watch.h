// Watching the playlist and the files it refers to for changes, with inotify. Watches
// their directories, not the files, so a save that renames a temporary file over the
// playlist is seen as well as one that truncates and rewrites it. No SDL: the caller
// decides how to wake up (see WatchThread).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

class FileWatcher {
 public:
  FileWatcher();
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Watches exactly `files` from now on (replacing the previous set). Returns false with
  // *error set if a directory cannot be watched; the others are watched anyway.
  bool Watch(const std::vector<std::string>& files, std::string* error);

  // Waits up to timeout_ms (-1: forever) for changes and returns the watched files that
  // changed (created, written, renamed over, deleted), each once. Empty on timeout or after
  // Interrupt(). Thread-safe against Watch() and Interrupt().
  std::vector<std::string> ReadChanges(int timeout_ms);

  // Makes a waiting (or the next) ReadChanges return at once.
  void Interrupt();

  bool ok() const { return inotify_fd_ >= 0; }

 private:
  int inotify_fd_ = -1;
  int wake_fd_ = -1;  // an eventfd for Interrupt()
  std::mutex mutex_;
  std::map<int, std::string> dirs_;                     // watch descriptor -> directory
  std::map<std::string, std::set<std::string>> names_;  // directory -> watched file names
};

// Calls `on_change(files)` on a background thread whenever watched files change. The
// callback must be thread-safe (e.g. SDL_PushEvent).
class WatchThread {
 public:
  explicit WatchThread(std::function<void(const std::vector<std::string>&)> on_change);
  ~WatchThread();
  WatchThread(const WatchThread&) = delete;
  WatchThread& operator=(const WatchThread&) = delete;

  bool Watch(const std::vector<std::string>& files, std::string* error) {
    return watcher_.Watch(files, error);
  }

 private:
  FileWatcher watcher_;
  std::function<void(const std::vector<std::string>&)> on_change_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace kiosk
