#include "pinned_files.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("PinnedFiles: a pinned file stays readable after it is deleted or replaced") {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("kiosk-pin-" + std::to_string(::getpid()) + ".ttf"))
                               .string();
  std::ofstream(path) << "font v1";
  PinnedFiles pinned;
  const std::string name = pinned.Pin(path);
  CHECK(name.rfind("/proc/self/fd/", 0) == 0);
  CHECK(pinned.size() == 1);

  SUBCASE("deleted") {
    std::filesystem::remove(path);
    CHECK(Read(name) == "font v1");
  }
  SUBCASE("replaced by a rename (as package managers do)") {
    std::ofstream(path + ".new") << "font v2";
    std::filesystem::rename(path + ".new", path);
    CHECK(Read(name) == "font v1");  // the same file until pinned anew
    std::filesystem::remove(path);
  }
  SUBCASE("released") {
    pinned.Release();
    CHECK(pinned.size() == 0);
    std::filesystem::remove(path);
  }
}

TEST_CASE("PinnedFiles: a file that cannot be opened keeps its own name") {
  PinnedFiles pinned;
  CHECK(pinned.Pin("/nonexistent/f.ttf") == "/nonexistent/f.ttf");
  CHECK(pinned.Pin("") == "");
  CHECK(pinned.size() == 0);
}

}  // namespace
}  // namespace kiosk
