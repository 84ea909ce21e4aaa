#include "signals.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace kiosk {
namespace {

// Signals the callback has seen, and a way to wait for them without sleeping blindly.
struct Seen {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<int> signals;

  void Add(int signo) {
    std::lock_guard<std::mutex> lock(mutex);
    signals.push_back(signo);
    changed.notify_all();
  }
  bool WaitFor(std::size_t count) {
    std::unique_lock<std::mutex> lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(5), [&] { return signals.size() >= count; });
  }
};

// SIGUSR1/SIGUSR2: doctest itself handles SIGTERM and SIGINT, and nothing else in the
// test binary uses these. They stay blocked in this thread afterwards, which is harmless.
TEST_CASE("SignalWatcher: process-directed signals reach the callback, in order") {
  std::string error;
  REQUIRE(BlockSignals({SIGUSR1, SIGUSR2}, &error));
  Seen seen;
  SignalWatcher watcher({SIGUSR1, SIGUSR2}, [&](int signo) { seen.Add(signo); });
  REQUIRE_MESSAGE(watcher.ok(), watcher.error());
  REQUIRE(kill(getpid(), SIGUSR1) == 0);
  REQUIRE(seen.WaitFor(1));
  REQUIRE(kill(getpid(), SIGUSR2) == 0);
  REQUIRE(seen.WaitFor(2));
  CHECK(seen.signals == std::vector<int>{SIGUSR1, SIGUSR2});
}

TEST_CASE("SignalWatcher: stops promptly with no signal, and a later signal stays pending") {
  std::string error;
  REQUIRE(BlockSignals({SIGUSR1}, &error));
  const auto start = std::chrono::steady_clock::now();
  {
    SignalWatcher watcher({SIGUSR1}, [](int) {});
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  // Blocked and unwatched: pending, not fatal. The next watcher takes it.
  REQUIRE(kill(getpid(), SIGUSR1) == 0);
  Seen seen;
  SignalWatcher watcher({SIGUSR1}, [&](int signo) { seen.Add(signo); });
  REQUIRE(seen.WaitFor(1));
  CHECK(seen.signals == std::vector<int>{SIGUSR1});
}

}  // namespace
}  // namespace kiosk
