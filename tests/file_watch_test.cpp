// The real inotify on a temporary directory: no sleeping, ReadChanges waits for the event
// (with a generous timeout that only a failing test reaches).
#include "file_watch.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace kiosk {
namespace {

namespace fs = std::filesystem;
constexpr int kTimeoutMs = 5000;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kiosk-watch-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void Write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::trunc);
  out << text;
}

// Reads until `file` is reported or the time is up.
bool SeesChangeOf(FileWatcher& w, const std::string& file) {
  for (int i = 0; i < 3; ++i) {
    const std::vector<std::string> changed = w.ReadChanges(kTimeoutMs);
    if (std::find(changed.begin(), changed.end(), file) != changed.end()) return true;
    if (changed.empty()) return false;
  }
  return false;
}

// Reads what is queued now (a change in several steps reports in several reads).
void Drain(FileWatcher& w) {
  while (!w.ReadChanges(50).empty()) {
  }
}

TEST_CASE("FileWatcher sees saves in place, by rename and by delete, and nothing else") {
  TempDir dir;
  const std::string playlist = (dir.path / "p.json").string();
  const std::string font = (dir.path / "f.ttf").string();
  Write(playlist, "{}");
  FileWatcher w;
  REQUIRE(w.ok());
  std::string error;
  REQUIRE(w.Watch({playlist, font}, &error));

  SUBCASE("truncate and write") {
    Write(playlist, R"({"slides": []})");
    CHECK(SeesChangeOf(w, playlist));
  }
  SUBCASE("a temporary file renamed over it") {
    Write(dir.path / ".p.json.swp", "{}");
    fs::rename(dir.path / ".p.json.swp", playlist);
    CHECK(SeesChangeOf(w, playlist));
  }
  SUBCASE("deleted") {
    fs::remove(playlist);
    CHECK(SeesChangeOf(w, playlist));
  }
  SUBCASE("the font file appears") {
    Write(font, "font");
    CHECK(SeesChangeOf(w, font));
  }
  SUBCASE("other files in the directory are not reported") {
    Write(dir.path / "other.json", "{}");
    CHECK(w.ReadChanges(0).empty());  // events for other.json are read and dropped
    Write(playlist, "{ }");
    const std::vector<std::string> changed = w.ReadChanges(kTimeoutMs);
    CHECK(changed == std::vector<std::string>{playlist});
  }
  SUBCASE("Watch replaces the set") {
    // The playlist is written first: a watcher that still watched it would report it in
    // the same read as the font.
    REQUIRE(w.Watch({font}, &error));
    Write(playlist, "{ }");
    Write(font, "font");
    CHECK(w.ReadChanges(kTimeoutMs) == std::vector<std::string>{font});
    CHECK(w.ReadChanges(0).empty());
  }
  SUBCASE("vim's save: the old file renamed to a backup, a new one written, the backup gone") {
    fs::rename(playlist, playlist + "~");
    Write(playlist, "{ }");
    fs::remove(playlist + "~");
    CHECK(SeesChangeOf(w, playlist));
    Write(playlist, "{  }");  // and the new file is watched as well
    CHECK(SeesChangeOf(w, playlist));
  }
}

TEST_CASE("FileWatcher follows directories and symlinks being replaced") {
  TempDir dir;
  FileWatcher w;
  REQUIRE(w.ok());
  std::string error;

  SUBCASE("the directory moved away and made again (git checkout, rsync --delete-after)") {
    fs::create_directory(dir.path / "show");
    const std::string playlist = (dir.path / "show/p.json").string();
    Write(playlist, "{}");
    REQUIRE(w.Watch({playlist}, &error));
    fs::rename(dir.path / "show", dir.path / "show.old");
    fs::create_directory(dir.path / "show");
    Write(playlist, "{ }");
    CHECK(SeesChangeOf(w, playlist));
    Drain(w);
    Write(dir.path / "show.old/p.json", "old");  // the old directory no longer counts
    CHECK(w.ReadChanges(100).empty());
    Write(playlist, "{  }");  // the new one does
    CHECK(SeesChangeOf(w, playlist));
  }
  SUBCASE("the directory deleted and made again") {
    fs::create_directory(dir.path / "show");
    const std::string playlist = (dir.path / "show/p.json").string();
    Write(playlist, "{}");
    REQUIRE(w.Watch({playlist}, &error));
    fs::remove_all(dir.path / "show");
    CHECK(SeesChangeOf(w, playlist));
    fs::create_directory(dir.path / "show");
    Drain(w);
    Write(playlist, "{ }");
    CHECK(SeesChangeOf(w, playlist));
  }
  SUBCASE("the playlist is a symlink into another directory: edits of the target count") {
    fs::create_directories(dir.path / "data");
    fs::create_directories(dir.path / "show");
    Write(dir.path / "data/real.json", "{}");
    const std::string playlist = (dir.path / "show/p.json").string();
    fs::create_symlink("../data/real.json", playlist);
    REQUIRE(w.Watch({playlist}, &error));
    Write(dir.path / "data/real.json", "{ }");  // in place
    CHECK(SeesChangeOf(w, playlist));
    Write(dir.path / "data/.real.json.tmp", "{  }");  // by rename, in the target's directory
    fs::rename(dir.path / "data/.real.json.tmp", dir.path / "data/real.json");
    CHECK(SeesChangeOf(w, playlist));
    Drain(w);
    Write(dir.path / "data/other.json", "{}");
    CHECK(w.ReadChanges(100).empty());
  }
  SUBCASE("a deploy's symlink swap: ln -sfn releases/2 current") {
    fs::create_directories(dir.path / "releases/1");
    fs::create_directories(dir.path / "releases/2");
    Write(dir.path / "releases/1/p.json", "{}");
    Write(dir.path / "releases/2/p.json", "{ }");
    fs::create_directory_symlink("releases/1", dir.path / "current");
    const std::string playlist = (dir.path / "current/p.json").string();
    REQUIRE(w.Watch({playlist}, &error));
    // As ln -sfn does it atomically: a new link renamed over the old one.
    fs::create_directory_symlink("releases/2", dir.path / ".current.tmp");
    fs::rename(dir.path / ".current.tmp", dir.path / "current");
    CHECK(SeesChangeOf(w, playlist));
    Drain(w);
    Write(dir.path / "releases/1/p.json", "old release");
    CHECK(w.ReadChanges(100).empty());
    Write(dir.path / "releases/2/p.json", "{  }");
    CHECK(SeesChangeOf(w, playlist));
    // And by unlink and symlink (older ln): the link disappears, then comes back.
    fs::remove(dir.path / "current");
    fs::create_directory_symlink("releases/1", dir.path / "current");
    CHECK(SeesChangeOf(w, playlist));
    Drain(w);
    Write(dir.path / "releases/1/p.json", "{   }");
    CHECK(SeesChangeOf(w, playlist));
  }
  SUBCASE("the directory does not exist at start: watched from the nearest that does") {
    const std::string playlist = (dir.path / "a/b/p.json").string();
    REQUIRE(w.Watch({playlist}, &error));
    fs::create_directories(dir.path / "a/b");
    Drain(w);
    Write(playlist, "{}");
    CHECK(SeesChangeOf(w, playlist));
    Write(playlist, "{ }");
    CHECK(SeesChangeOf(w, playlist));
  }
  SUBCASE("a full event queue (IN_Q_OVERFLOW) counts as a change, and watching goes on") {
    fs::create_directory(dir.path / "show");
    const std::string playlist = (dir.path / "show/p.json").string();
    REQUIRE(w.Watch({playlist}, &error));
    std::ifstream limit_file("/proc/sys/fs/inotify/max_queued_events");
    int limit = 0;
    limit_file >> limit;
    if (limit <= 0 || limit > 100000) {
      MESSAGE("max_queued_events is " << limit << ": overflow not tried");
      return;
    }
    // Each create is an event in the queue (other names too: filtering is ours).
    for (int i = 0; i <= limit; ++i) {
      std::ofstream{dir.path / "show" / std::to_string(i)};
    }
    CHECK(w.ReadChanges(kTimeoutMs) == std::vector<std::string>{playlist});
    Drain(w);
    Write(playlist, "{}");
    CHECK(SeesChangeOf(w, playlist));
  }
}

TEST_CASE("WatchPointsOf: each name on the way, symlinks followed") {
  TempDir dir;
  const std::string d = fs::canonical(dir.path).string();
  fs::create_directories(dir.path / "releases/2");
  fs::create_directory_symlink("releases/2", dir.path / "current");
  Write(dir.path / "releases/2/p.json", "{}");
  const std::vector<WatchPoint> points = WatchPointsOf(d + "/current/p.json");
  REQUIRE(points.size() >= 4);
  CHECK(points.front() == WatchPoint{"/", std::next(fs::path(d).begin())->string()});
  const std::vector<WatchPoint> tail(points.end() - 4, points.end());
  CHECK(tail == std::vector<WatchPoint>{{d, "current"},
                                        {d, "releases"},
                                        {d + "/releases", "2"},
                                        {d + "/releases/2", "p.json"}});
  // Missing: up to the first name that is not there.
  const std::vector<WatchPoint> missing = WatchPointsOf(d + "/none/deeper/p.json");
  CHECK(missing.back() == WatchPoint{d, "none"});
  // A symlink loop ends (the kernel's ELOOP) instead of looping.
  fs::create_symlink("loop-b", dir.path / "loop-a");
  fs::create_symlink("loop-a", dir.path / "loop-b");
  CHECK(WatchPointsOf(d + "/loop-a/p.json").size() <= 40);
  // ".." after a symlink goes up from its target, as the kernel does: releases/2/.. is
  // releases, where there is no "current".
  CHECK(WatchPointsOf(d + "/current/../2/p.json").back() ==
        WatchPoint{d + "/releases/2", "p.json"});
  CHECK(WatchPointsOf(d + "/current/../current/p.json").back() ==
        WatchPoint{d + "/releases", "current"});
}

TEST_CASE("FileWatcher: a missing directory is watched through the nearest that exists") {
  FileWatcher w;
  std::string error;
  CHECK(w.Watch({"/nonexistent-kiosk-dir/p.json"}, &error));
  CHECK(error.empty());
}

TEST_CASE("WatchThread wakes from its thread; the changes wait until taken") {
  TempDir dir;
  const std::string playlist = (dir.path / "p.json").string();
  std::mutex m;
  std::condition_variable cv;
  int wakes = 0;
  {
    WatchThread t([&] {
      std::lock_guard lock(m);
      ++wakes;
      cv.notify_all();
    });
    std::string error;
    REQUIRE(t.Watch({playlist}, &error));
    Write(playlist, "{}");
    std::unique_lock lock(m);
    CHECK(cv.wait_for(lock, std::chrono::milliseconds(kTimeoutMs), [&] { return wakes > 0; }));
    CHECK(t.TakeChanges() == std::vector<std::string>{playlist});
    CHECK(t.TakeChanges().empty());
  }
}

TEST_CASE("WatchThread: a change whose wake-up goes nowhere is not lost") {
  // As before SDL_Init, when SDL_PushEvent fails: the loop looks later and finds it.
  TempDir dir;
  const std::string playlist = (dir.path / "p.json").string();
  std::atomic<int> wakes{0};
  WatchThread t([&] { ++wakes; });
  std::string error;
  REQUIRE(t.Watch({playlist}, &error));
  Write(playlist, "{}");
  for (int i = 0; i < kTimeoutMs / 10 && wakes == 0; ++i) ::usleep(10'000);
  REQUIRE(wakes > 0);
  CHECK(t.TakeChanges() == std::vector<std::string>{playlist});
}

}  // namespace
}  // namespace kiosk
