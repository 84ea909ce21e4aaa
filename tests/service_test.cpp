#include "service.h"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "console.h"

namespace kiosk {
namespace {

// A datagram socket standing in for systemd's NOTIFY_SOCKET, with the watchdog variables
// systemd sets for WatchdogSec=; all undone at the end.
class FakeSystemd {
 public:
  explicit FakeSystemd(const char* watchdog_usec) {
    dir_ = std::filesystem::temp_directory_path() / ("kiosk-notify-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    const std::string path = (dir_ / "notify").string();
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    path.copy(addr.sun_path, sizeof addr.sun_path - 1);
    REQUIRE(bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    setenv("NOTIFY_SOCKET", path.c_str(), 1);
    setenv("WATCHDOG_USEC", watchdog_usec, 1);
    setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  }
  ~FakeSystemd() {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    close(fd_);
    std::filesystem::remove_all(dir_);
  }
  // The next message, or "" if none is waiting.
  std::string Receive() {
    char buffer[512];
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  }

 private:
  std::filesystem::path dir_;
  int fd_ = -1;
};

TEST_CASE("ServiceNotifier: no systemd, no watchdog, and nothing breaks") {
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  ServiceNotifier notifier;
  CHECK(notifier.watchdog_interval() == 0);
  CHECK(notifier.UntilWatchdog(1000) == -1);
  notifier.Ready("showing");
  notifier.FeedWatchdog(1000);
  notifier.Stopping();
}

TEST_CASE("ServiceNotifier: what it sends, recorded (with or without libsystemd)") {
  std::vector<std::string> sent;
  auto record = [&sent](const std::string& m) { sent.push_back(m); };
  SUBCASE("no watchdog: ready, status, reloading and stopping, but never WATCHDOG=1") {
    unsetenv("WATCHDOG_USEC");
    ServiceNotifier notifier(record);
    notifier.Ready("showing 1 slide from p.json");
    notifier.FeedWatchdog(0);
    notifier.FeedWatchdog(100000);
    notifier.Reloading();
    notifier.Status("paused");
    notifier.Stopping();
    CHECK(sent == std::vector<std::string>{"READY=1\nSTATUS=showing 1 slide from p.json",
                                           "RELOADING=1\nSTATUS=reloading the playlist",
                                           "STATUS=paused", "STOPPING=1\nSTATUS=stopping"});
  }
#ifdef KIOSK_HAVE_SYSTEMD
  SUBCASE("a watchdog: fed at once, then every half interval, not more often") {
    FakeSystemd systemd("4000000");  // WatchdogSec=4: fed every 2 s
    ServiceNotifier notifier(record);
    for (Millis t = 0; t <= 7000; t += 500) notifier.FeedWatchdog(t);
    CHECK(sent == std::vector<std::string>(4, "WATCHDOG=1"));  // at 0, 2000, 4000, 6000
    CHECK(systemd.Receive() == "");                            // the sink took them all
  }
#endif
}

#ifdef KIOSK_HAVE_SYSTEMD
TEST_CASE("ServiceNotifier: ready, status and a watchdog fed at half its interval") {
  FakeSystemd systemd("4000000");  // WatchdogSec=4
  ServiceNotifier notifier;
  CHECK(notifier.watchdog_interval() == 2000);
  notifier.Ready("showing 13 slides");
  CHECK(systemd.Receive() == "READY=1\nSTATUS=showing 13 slides");
  CHECK(notifier.UntilWatchdog(0) == 0);
  notifier.FeedWatchdog(100);
  CHECK(systemd.Receive() == "WATCHDOG=1");
  CHECK(notifier.UntilWatchdog(600) == 1500);
  notifier.FeedWatchdog(2000);  // too early: nothing sent
  CHECK(systemd.Receive() == "");
  CHECK(notifier.UntilWatchdog(2100) == 0);
  notifier.FeedWatchdog(2100);
  CHECK(systemd.Receive() == "WATCHDOG=1");
  notifier.Status("paused");
  CHECK(systemd.Receive() == "STATUS=paused");
  notifier.Stopping();
  CHECK(systemd.Receive() == "STOPPING=1\nSTATUS=stopping");
}

TEST_CASE("ServiceNotifier: a watchdog meant for another process is not ours") {
  FakeSystemd systemd("4000000");
  setenv("WATCHDOG_PID", std::to_string(getpid() + 1).c_str(), 1);
  ServiceNotifier notifier;
  CHECK(notifier.watchdog_interval() == 0);
}
#endif

TEST_CASE("ProcessAge: the test binary started a moment ago") {
  // 0 means "cannot tell": after 50 ms of sleep only a broken reading says so.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto age = ProcessAge();
  CHECK(age >= std::chrono::milliseconds(40));
  CHECK(age < std::chrono::hours(1));
}

TEST_CASE("ConsoleAccessProblems") {
  const auto dev =
      std::filesystem::temp_directory_path() / ("kiosk-dev-" + std::to_string(getpid()));
  std::filesystem::remove_all(dev);
  std::filesystem::create_directories(dev);
  SUBCASE("no devices at all") {
    const std::vector<std::string> problems = ConsoleAccessProblems(dev.string());
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "no " + dev.string() + "/dri/card* exists: no screen (KMSDRM)");
    CHECK(problems[1] == "no " + dev.string() +
                             "/input/event* exists: no keyboard or clicker: kiosk could not be "
                             "controlled");
  }
  SUBCASE("devices that can be opened") {
    std::filesystem::create_directories(dev / "dri");
    std::filesystem::create_directories(dev / "input");
    for (const char* f : {"dri/card0", "dri/renderD128", "input/event0", "input/mice"}) {
      std::ofstream(dev / f).put('x');
    }
    CHECK(ConsoleAccessProblems(dev.string()).empty());
  }
  std::filesystem::remove_all(dev);
}

}  // namespace
}  // namespace kiosk

TEST_CASE("ServiceNotifier: knows whether systemd started the process ($INVOCATION_ID)") {
  const char* before = std::getenv("INVOCATION_ID");
  const std::string saved = before ? before : "";
  setenv("INVOCATION_ID", "0123456789abcdef0123456789abcdef", 1);
  CHECK(kiosk::ServiceNotifier().under_systemd());
  setenv("INVOCATION_ID", "", 1);
  CHECK_FALSE(kiosk::ServiceNotifier().under_systemd());
  unsetenv("INVOCATION_ID");
  CHECK_FALSE(kiosk::ServiceNotifier().under_systemd());
  if (before) setenv("INVOCATION_ID", saved.c_str(), 1);
}
