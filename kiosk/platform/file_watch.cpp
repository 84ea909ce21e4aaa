#include "file_watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kiosk {
namespace {

// Everything an editor's save can look like: in place (modify, close), by rename over the
// file (moved_to), by delete and create; attrib for touch.
constexpr std::uint32_t kEvents =
    IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB;

void SplitPath(const std::string& file, std::string* dir, std::string* name) {
  const std::filesystem::path p(file);
  *dir = p.parent_path().empty() ? std::string(".") : p.parent_path().string();
  *name = p.filename().string();
}

}  // namespace

FileWatcher::FileWatcher()
    : inotify_fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)),
      wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

FileWatcher::~FileWatcher() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

bool FileWatcher::Watch(const std::vector<std::string>& files, std::string* error) {
  if (inotify_fd_ < 0) {
    *error = std::string("inotify: ") + std::strerror(errno);
    return false;
  }
  std::map<std::string, std::set<std::string>> names;
  for (const std::string& file : files) {
    std::string dir, name;
    SplitPath(file, &dir, &name);
    names[dir].insert(name);
  }
  std::lock_guard lock(mutex_);
  for (auto it = dirs_.begin(); it != dirs_.end();) {
    if (names.count(it->second) == 0) {
      ::inotify_rm_watch(inotify_fd_, it->first);
      it = dirs_.erase(it);
    } else {
      ++it;
    }
  }
  bool ok = true;
  for (const auto& [dir, unused] : names) {
    const int wd = ::inotify_add_watch(inotify_fd_, dir.c_str(), kEvents);
    if (wd < 0) {
      *error = "cannot watch " + dir + ": " + std::strerror(errno);
      ok = false;
      continue;
    }
    dirs_[wd] = dir;  // the same directory twice gives the same descriptor
  }
  names_ = std::move(names);
  return ok;
}

void FileWatcher::Interrupt() {
  const std::uint64_t one = 1;
  if (wake_fd_ >= 0 && ::write(wake_fd_, &one, sizeof one) < 0) {
    // Only EAGAIN (the counter is full): a wake-up is pending anyway.
  }
}

std::vector<std::string> FileWatcher::ReadChanges(int timeout_ms) {
  std::vector<std::string> changed;
  if (inotify_fd_ < 0) return changed;
  pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  const int n = ::poll(fds, wake_fd_ >= 0 ? 2 : 1, timeout_ms);
  if (n <= 0) return changed;
  if (wake_fd_ >= 0 && (fds[1].revents & POLLIN)) {
    std::uint64_t count = 0;
    if (::read(wake_fd_, &count, sizeof count) < 0) count = 0;  // EAGAIN: another reader had it
  }
  alignas(inotify_event) char buf[8192];
  std::lock_guard lock(mutex_);
  for (;;) {
    const ssize_t len = ::read(inotify_fd_, buf, sizeof buf);
    if (len <= 0) break;  // EAGAIN: drained
    for (ssize_t at = 0; at < len;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(buf + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
      if (ev->len == 0) continue;
      auto dir = dirs_.find(ev->wd);
      if (dir == dirs_.end()) continue;
      auto names = names_.find(dir->second);
      const std::string name(ev->name);
      if (names == names_.end() || names->second.count(name) == 0) continue;
      std::string file = (std::filesystem::path(dir->second) / name).string();
      if (dir->second == "." && names->first == ".") file = name;
      bool seen = false;
      for (const std::string& f : changed) seen = seen || f == file;
      if (!seen) changed.push_back(std::move(file));
    }
  }
  return changed;
}

WatchThread::WatchThread(std::function<void(const std::vector<std::string>&)> on_change)
    : on_change_(std::move(on_change)) {
  if (!watcher_.ok()) return;  // Watch() says why
  thread_ = std::thread([this] {
    while (!stop_.load(std::memory_order_acquire)) {
      std::vector<std::string> changed = watcher_.ReadChanges(-1);
      if (!changed.empty() && !stop_.load(std::memory_order_acquire)) on_change_(changed);
    }
  });
}

WatchThread::~WatchThread() {
  stop_.store(true, std::memory_order_release);
  watcher_.Interrupt();
  if (thread_.joinable()) thread_.join();
}

}  // namespace kiosk
