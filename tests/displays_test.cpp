#include "displays.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using kiosk::Connector;

namespace {

// A directory laid out like /sys/class/drm.
struct FakeDrm {
  FakeDrm()
      : dir(std::filesystem::temp_directory_path() / ("kiosk-drm-" + std::to_string(getpid()))) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "card0");  // the card itself: no status
    std::filesystem::create_directories(dir / "renderD128");
    Write("card0-HDMI-A-2", "disconnected\n", "");
    Write("card0-HDMI-A-1", "connected\n", "1920x1080\n1280x720\n720x576\n");
  }
  ~FakeDrm() { std::filesystem::remove_all(dir); }
  void Write(const std::string& connector, const std::string& status, const std::string& modes) {
    std::filesystem::create_directories(dir / connector);
    std::ofstream(dir / connector / "status") << status;
    std::ofstream(dir / connector / "modes") << modes;
  }
  std::filesystem::path dir;
};

Connector On(const char* name, const char* mode) { return Connector{name, true, mode}; }
Connector Off(const char* name) { return Connector{name, false, ""}; }

}  // namespace

TEST_CASE("ReadConnectors: the connectors in sysfs, sorted, with the preferred mode") {
  FakeDrm drm;
  const std::vector<Connector> c = kiosk::ReadConnectors(drm.dir.string());
  REQUIRE(c.size() == 2);
  CHECK(c[0] == On("card0-HDMI-A-1", "1920x1080"));
  CHECK(c[1] == Off("card0-HDMI-A-2"));
  CHECK(kiosk::Describe(c) == "card0-HDMI-A-1 1920x1080, card0-HDMI-A-2 off");
  CHECK(kiosk::ReadConnectors((drm.dir / "nothing-here").string()).empty());
}

TEST_CASE("Describe: says when nothing is connected") {
  CHECK(kiosk::Describe({}) == "no displays");
  CHECK(kiosk::Describe({Off("card0-HDMI-A-1")}) == "card0-HDMI-A-1 off: no displays");
}

TEST_CASE("MustReopenDisplay: another screen or mode, not a screen switched off and on") {
  const std::vector<Connector> tv = {On("card0-HDMI-A-1", "1920x1080"), Off("card0-HDMI-A-2")};
  struct Case {
    const char* what;
    std::vector<Connector> now;
    bool reopen;
  };
  const Case cases[] = {
      {"the same", tv, false},
      {"switched off", {Off("card0-HDMI-A-1"), Off("card0-HDMI-A-2")}, false},
      {"a 4K screen instead", {On("card0-HDMI-A-1", "3840x2160"), Off("card0-HDMI-A-2")}, true},
      {"moved to the other port", {Off("card0-HDMI-A-1"), On("card0-HDMI-A-2", "1920x1080")}, true},
      {"a second screen as well",
       {On("card0-HDMI-A-1", "1920x1080"), On("card0-HDMI-A-2", "1280x720")},
       true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CHECK(kiosk::MustReopenDisplay(tv, c.now) == c.reopen);
  }
  // Started with no screen (SDL found none): any screen now is a reason.
  CHECK(kiosk::MustReopenDisplay({Off("card0-HDMI-A-1")}, tv));
}
