#include "console.h"

#include <doctest/doctest.h>
#include <grp.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

// A fake /dev in a temporary directory.
struct FakeDev {
  fs::path root = fs::temp_directory_path() / ("kiosk-console-test-" + std::to_string(::getpid()));
  FakeDev() { fs::create_directories(root); }
  ~FakeDev() { fs::remove_all(root); }
  void Add(const std::string& rel) {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << "";
  }
};

}  // namespace

TEST_CASE("ConsoleAccessProblems names what is missing") {
  FakeDev dev;
  auto problems = kiosk::ConsoleAccessProblems(dev.root.string());
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("/dri/card* exists: no screen (KMSDRM)") != std::string::npos);
  CHECK(problems[1].find("/input/event* exists") != std::string::npos);

  dev.Add("dri/card0");
  dev.Add("input/event3");
  CHECK(kiosk::ConsoleAccessProblems(dev.root.string()).empty());
}

// As root every file opens, so this asserts the unprivileged behaviour only when run as
// another user: ctest's console.unprivileged runs it as nobody (setpriv).
TEST_CASE("ConsoleAccessProblems: devices the user may not open name their group") {
  FakeDev dev;
  dev.Add("dri/card0");
  dev.Add("input/event0");
  fs::permissions(dev.root / "dri/card0", fs::perms::none);
  fs::permissions(dev.root / "input/event0", fs::perms::none);
  const auto problems = kiosk::ConsoleAccessProblems(dev.root.string());
  if (::geteuid() == 0) {
    MESSAGE("as root every device opens; the unprivileged case runs in console.unprivileged");
    CHECK(problems.empty());
    return;
  }
  const group* g = ::getgrgid(::getegid());
  REQUIRE(g);
  const std::string name = g->gr_name;
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "cannot open " + (dev.root / "dri/card0").string() +
                           " (Permission denied, owned by group " + name +
                           "): no screen (KMSDRM); add the user to group " + name +
                           " (usermod -aG " + name + " USER)");
  CHECK(problems[1] == "cannot open " + (dev.root / "input/event0").string() +
                           " (Permission denied, owned by group " + name +
                           "): no keyboard or clicker: kiosk could not be controlled; add the "
                           "user to group " +
                           name + " (usermod -aG " + name + " USER)");
}

TEST_CASE("ConsoleGraphicsMode: nothing to do, and no complaint, on what is not a console") {
  // A pipe, like standard input under ctest: KDGETMODE fails, so kiosk leaves it alone.
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  {
    kiosk::ConsoleGraphicsMode mode(fds[0]);
    CHECK_FALSE(mode.active());
    CHECK(mode.error().empty());
  }
  close(fds[0]);
  close(fds[1]);
}
