#include "pinned_files.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace {

namespace fs = std::filesystem;

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory for one test, removed afterwards.
struct TempDir {
  fs::path dir = fs::temp_directory_path() /
                 ("kiosk-pin-" + std::to_string(::getpid()) + "-" +
                  std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  TempDir() { fs::create_directories(dir); }
  ~TempDir() { fs::remove_all(dir); }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

TEST_CASE("PinnedFiles: a pinned file stays readable after it is deleted or replaced") {
  TempDir t;
  const std::string path = t / "f.ttf";
  std::ofstream(path) << "font v1";
  PinnedFiles pinned;
  std::string error;
  const std::string name = pinned.Pin(path, false, &error);
  CHECK(name.rfind("/proc/self/fd/", 0) == 0);
  CHECK(pinned.size() == 1);

  SUBCASE("deleted") {
    fs::remove(path);
    CHECK(Read(name) == "font v1");
  }
  SUBCASE("replaced by a rename (as package managers do)") {
    std::ofstream(path + ".new") << "font v2";
    fs::rename(path + ".new", path);
    CHECK(Read(name) == "font v1");  // the same file until pinned anew
  }
  SUBCASE("overwritten in place: without a snapshot the pinned name shows the new content") {
    std::ofstream(path, std::ios::trunc) << "garbage";
    CHECK(Read(name) == "garbage");
  }
  SUBCASE("released") {
    pinned.Release();
    CHECK(pinned.size() == 0);
  }
}

TEST_CASE("PinnedFiles: a snapshot keeps the content even when the file is overwritten in place") {
  TempDir t;
  const std::string path = t / "f.ttf";
  std::ofstream(path) << "font v1";
  PinnedFiles pinned;
  std::string error;
  const std::string name = pinned.Pin(path, true, &error);
  REQUIRE(name.rfind("/proc/self/fd/", 0) == 0);
  std::ofstream(path, std::ios::trunc) << "garbage written over it";  // same inode
  CHECK(Read(path) == "garbage written over it");
  CHECK(Read(name) == "font v1");
  CHECK(Read(name) == "font v1");  // opened again: still there
}

TEST_CASE("PinnedFiles: only regular files, never blocking, messages name the user's path") {
  TempDir t;
  PinnedFiles pinned;
  std::string error;
  SUBCASE("a FIFO (open() would wait for a writer forever)") {
    const std::string fifo = t / "font.ttf";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(pinned.Pin(fifo, true, &error).empty());
    CHECK(error == fifo + ": not a regular file (a FIFO)");
  }
  SUBCASE("a directory") {
    CHECK(pinned.Pin(t / "", false, &error).empty());
    CHECK(error == t / "" + ": is a directory");
  }
  SUBCASE("a device") {
    CHECK(pinned.Pin("/dev/null", false, &error).empty());
    CHECK(error == "/dev/null: not a regular file (a character device)");
  }
  SUBCASE("missing") {
    CHECK(pinned.Pin("/nonexistent/f.ttf", false, &error).empty());
    CHECK(error == "/nonexistent/f.ttf: No such file or directory");
  }
  CHECK(pinned.size() == 0);
}

TEST_CASE("FileIdentity: device, inode, size and modification time tell versions apart") {
  const FileIdentity a{1, 2, 3, 4};
  CHECK(a == FileIdentity{1, 2, 3, 4});
  CHECK_FALSE(a == FileIdentity{9, 2, 3, 4});  // another file system
  CHECK_FALSE(a == FileIdentity{1, 9, 3, 4});  // replaced by a rename
  CHECK_FALSE(a == FileIdentity{1, 2, 9, 4});  // overwritten in place, another size
  CHECK_FALSE(a == FileIdentity{1, 2, 3, 9});  // overwritten in place, the same size
  CHECK_FALSE(IdentityOfPath("/nonexistent/f.ttf").has_value());
}

TEST_CASE("PinnedFiles::ChangedOnDisk: each way a font file is replaced") {
  TempDir t;
  const std::string path = t / "f.ttf";
  const std::string other = t / "g.ttf";
  std::ofstream(path) << "font v1";
  std::ofstream(other) << "other";
  PinnedFiles pinned;
  std::string error;
  REQUIRE_FALSE(pinned.Pin(path, true, &error).empty());
  REQUIRE_FALSE(pinned.Pin(other, false, &error).empty());
  CHECK(pinned.ChangedOnDisk().empty());
  CHECK(pinned.ChangedOnDisk().empty());  // reading is no change

  SUBCASE("cp over it: in place, another size") {
    std::ofstream(path, std::ios::trunc) << "font version 2";
    CHECK(pinned.ChangedOnDisk() == std::vector<std::string>{path});
  }
  SUBCASE("in place, the same size, a later modification time") {
    std::ofstream(path, std::ios::trunc) << "font v2";
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(5));
    CHECK(pinned.ChangedOnDisk() == std::vector<std::string>{path});
  }
  SUBCASE("mv over it: another inode") {
    std::ofstream(t / "new") << "font v1";
    const auto mtime = fs::last_write_time(path);
    fs::last_write_time(t / "new", mtime);  // even with the same size and time
    fs::rename(t / "new", path);
    CHECK(pinned.ChangedOnDisk() == std::vector<std::string>{path});
  }
  SUBCASE("deleted") {
    fs::remove(path);
    CHECK(pinned.ChangedOnDisk() == std::vector<std::string>{path});
  }
}

TEST_CASE("PinnedFiles::UserNames: messages name the user's path, never /proc/self/fd/N") {
  TempDir t;
  PinnedFiles pinned;
  std::string error;
  std::vector<std::string> paths, names;
  // Enough pins that one descriptor number is a prefix of another (3 and 31, ...).
  for (int i = 0; i < 12; ++i) {
    paths.push_back(t / ("f" + std::to_string(i) + ".ttf"));
    std::ofstream(paths.back()) << "font";
    names.push_back(pinned.Pin(paths.back(), false, &error));
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    CAPTURE(names[i]);
    CHECK(pinned.UserNames("cannot open font " + names[i] + ": Unknown file format (" + names[i] +
                           ")") ==
          "cannot open font " + paths[i] + ": Unknown file format (" + paths[i] + ")");
  }
  CHECK(pinned.UserNames("nothing pinned here") == "nothing pinned here");
  CHECK(pinned.UserNames("/proc/self/fd/99999") == "/proc/self/fd/99999");
}

TEST_CASE("PinFonts: the theme's faces are required, fallbacks optional") {
  TempDir t;
  std::ofstream(t / "r.ttf") << "regular";
  std::ofstream(t / "b.ttf") << "bold";
  FontFiles files;
  files.regular = t / "r.ttf";
  files.bold = t / "b.ttf";
  files.fallbacks = {t / "missing.ttf", t / "r.ttf"};
  PinnedFiles pins;
  FontFiles pinned;
  std::string error;
  REQUIRE(PinFonts(files, &pins, &pinned, &error));
  CHECK(Read(pinned.regular) == "regular");
  CHECK(Read(pinned.bold) == "bold");
  REQUIRE(pinned.fallbacks.size() == 1);
  CHECK(Read(pinned.fallbacks[0]) == "regular");

  files.bold = t / "nonexistent.ttf";
  PinnedFiles pins2;
  CHECK_FALSE(PinFonts(files, &pins2, &pinned, &error));
  CHECK(error == t / "nonexistent.ttf" + ": No such file or directory");
}

}  // namespace
}  // namespace kiosk
