#include "file_watch.h"

#include <limits.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <utility>

namespace kiosk {
namespace {

// Everything an editor's save can look like: in place (modify, close), by rename over the
// file (moved_to), by delete and create; attrib for touch and chmod. And the watched
// directory itself going away (its watch then ends with IN_IGNORED).
constexpr std::uint32_t kEvents = IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM |
                                  IN_CREATE | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;
// Events after which a name may stand for another file or directory: watch again.
constexpr std::uint32_t kRearm = IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;
// Events without a name that end or move a directory's watch.
constexpr std::uint32_t kDirGone = IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT;
// Symlinks followed on one way before giving up (the kernel's limit, ELOOP).
constexpr int kMaxLinks = 40;

void SplitInto(const std::string& path, std::deque<std::string>* parts, bool front) {
  std::vector<std::string> split;
  std::size_t at = 0;
  while (at <= path.size()) {
    const std::size_t slash = std::min(path.find('/', at), path.size());
    std::string part = path.substr(at, slash - at);
    if (!part.empty() && part != ".") split.push_back(std::move(part));
    at = slash + 1;
  }
  if (front) {
    parts->insert(parts->begin(), split.begin(), split.end());
  } else {
    parts->insert(parts->end(), split.begin(), split.end());
  }
}

std::string Join(const std::string& dir, const std::string& name) {
  return dir == "/" ? "/" + name : dir + "/" + name;
}

std::string Parent(const std::string& dir) {
  const std::size_t slash = dir.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : dir.substr(0, slash);
}

std::string WorkingDirectory() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) ? std::string(buf) : std::string("/");
}

}  // namespace

std::vector<WatchPoint> WatchPointsOf(const std::string& file) {
  std::vector<WatchPoint> points;
  std::deque<std::string> rest;
  SplitInto(file.starts_with("/") ? file : Join(WorkingDirectory(), file), &rest, false);
  std::string dir = "/";
  int links = 0;
  while (!rest.empty()) {
    const std::string name = std::move(rest.front());
    rest.pop_front();
    if (name == "..") {  // `dir` has its symlinks resolved: its parent is the real one
      dir = Parent(dir);
      continue;
    }
    const WatchPoint point{dir, name};
    if (std::find(points.begin(), points.end(), point) == points.end()) points.push_back(point);
    const std::string path = Join(dir, name);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) break;  // not there (yet): watching `dir` sees it come
    if (S_ISLNK(st.st_mode)) {
      if (++links > kMaxLinks) break;
      std::string target(static_cast<std::size_t>(PATH_MAX), '\0');
      const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
      if (n <= 0) break;
      target.resize(static_cast<std::size_t>(n));
      if (target.starts_with("/")) dir = "/";  // else relative to the link's directory
      SplitInto(target, &rest, true);
      continue;
    }
    if (!S_ISDIR(st.st_mode)) break;  // the file itself (or a file where a directory belongs)
    dir = path;
  }
  return points;
}

FileWatcher::FileWatcher() : inotify_fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}

FileWatcher::~FileWatcher() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);
}

bool FileWatcher::Watch(const std::vector<std::string>& files, std::string* error) {
  if (inotify_fd_ < 0) {
    *error = std::string("inotify: ") + std::strerror(errno);
    return false;
  }
  std::lock_guard lock(mutex_);
  files_ = files;
  return Arm(error);
}

bool FileWatcher::Arm(std::string* error) {
  std::map<int, std::map<std::string, std::set<std::string>>> names;
  std::map<std::string, int> wds;  // directory -> watch descriptor, or -errno
  bool ok = true;
  for (const std::string& file : files_) {
    const std::vector<WatchPoint> points = WatchPointsOf(file);
    for (std::size_t i = 0; i < points.size(); ++i) {
      const WatchPoint& p = points[i];
      auto [it, added] = wds.try_emplace(p.dir, -1);
      if (added) {
        // The same directory by two ways gives the same descriptor (and one watch).
        it->second = ::inotify_add_watch(inotify_fd_, p.dir.c_str(), kEvents);
        if (it->second < 0) it->second = -errno;
      }
      if (it->second >= 0) {
        names[it->second][p.name].insert(file);
      } else if (i + 1 == points.size() && error) {
        // The file's own directory, or the nearest that exists: without it, no change is
        // seen. (A watch that fails higher up, say on "/", costs only that directory.)
        *error = "cannot watch " + p.dir + ": " + std::strerror(-it->second);
        ok = false;
      }
    }
  }
  for (const auto& [wd, unused] : names_) {
    if (names.count(wd) == 0) ::inotify_rm_watch(inotify_fd_, wd);  // EINVAL if already gone
  }
  names_ = std::move(names);
  return ok;
}

std::vector<std::string> FileWatcher::ReadChanges(int timeout_ms) {
  std::vector<std::string> changed;
  if (inotify_fd_ < 0) return changed;
  pollfd fds[1] = {{inotify_fd_, POLLIN, 0}};
  if (::poll(fds, 1, timeout_ms) <= 0) return changed;
  auto report = [&changed](const std::set<std::string>& files) {
    for (const std::string& f : files) {
      if (std::find(changed.begin(), changed.end(), f) == changed.end()) changed.push_back(f);
    }
  };
  alignas(inotify_event) char buf[8192];
  std::lock_guard lock(mutex_);
  bool rearm = false;
  for (;;) {
    const ssize_t len = ::read(inotify_fd_, buf, sizeof buf);
    if (len <= 0) break;  // EAGAIN: drained
    for (ssize_t at = 0; at < len;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(buf + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
      if (ev->mask & IN_Q_OVERFLOW) {  // events were lost: anything may have changed
        report(std::set<std::string>(files_.begin(), files_.end()));
        rearm = true;
        continue;
      }
      const auto dir = names_.find(ev->wd);
      if (dir == names_.end()) continue;  // a watch removed by Arm
      if (ev->len == 0) {                 // about the directory itself
        if (ev->mask & kDirGone) {
          for (const auto& [name, files] : dir->second) report(files);
          rearm = true;
        }
        continue;
      }
      const auto name = dir->second.find(ev->name);
      if (name == dir->second.end()) continue;  // another file in the same directory
      report(name->second);
      if (ev->mask & kRearm) rearm = true;
    }
  }
  // Only now: Arm drops names_ entries that the events above still refer to.
  if (rearm) Arm(nullptr);
  return changed;
}

WatchThread::WatchThread(std::function<void()> wake) : wake_(std::move(wake)) {
  if (!watcher_.ok()) return;  // Watch() says why
  source_ = std::make_unique<EventSource>("file watch", watcher_.fd(), [this] {
    const std::vector<std::string> changed = watcher_.ReadChanges(0);
    if (changed.empty()) return;
    {
      std::lock_guard lock(mutex_);
      for (const std::string& f : changed) {
        if (std::find(pending_.begin(), pending_.end(), f) == pending_.end()) pending_.push_back(f);
      }
    }
    wake_();
  });
}

WatchThread::~WatchThread() { source_.reset(); }

std::vector<std::string> WatchThread::TakeChanges() {
  std::lock_guard lock(mutex_);
  return std::exchange(pending_, {});
}

}  // namespace kiosk
