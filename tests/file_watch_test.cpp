// The real inotify on a temporary directory: no sleeping, ReadChanges waits for the event
// (with a generous timeout that only a failing test reaches).
#include "file_watch.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
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
    REQUIRE(w.Watch({font}, &error));
    Write(playlist, "{ }");
    Write(font, "font");
    CHECK(SeesChangeOf(w, font));
    CHECK(w.ReadChanges(0).empty());
  }
}

TEST_CASE("FileWatcher: Interrupt ends a wait; a missing directory is an error") {
  FileWatcher w;
  w.Interrupt();
  CHECK(w.ReadChanges(kTimeoutMs).empty());
  std::string error;
  CHECK_FALSE(w.Watch({"/nonexistent-kiosk-dir/p.json"}, &error));
  CHECK(error.find("cannot watch /nonexistent-kiosk-dir: No such file or directory") !=
        std::string::npos);
}

TEST_CASE("WatchThread calls back from its thread and stops cleanly") {
  TempDir dir;
  const std::string playlist = (dir.path / "p.json").string();
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> seen;
  {
    WatchThread t([&](const std::vector<std::string>& files) {
      std::lock_guard lock(m);
      seen.insert(seen.end(), files.begin(), files.end());
      cv.notify_all();
    });
    std::string error;
    REQUIRE(t.Watch({playlist}, &error));
    Write(playlist, "{}");
    std::unique_lock lock(m);
    CHECK(cv.wait_for(lock, std::chrono::milliseconds(kTimeoutMs), [&] { return !seen.empty(); }));
  }
  CHECK(seen.front() == playlist);
}

}  // namespace
}  // namespace kiosk
