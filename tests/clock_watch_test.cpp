#include "clock_watch.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

// Setting the clock needs CAP_SYS_TIME and would disturb the machine: only that the watch
// starts, stays quiet while nobody sets the clock, and stops at once.
TEST_CASE("ClockSetWatch: starts, stays quiet, stops") {
  std::atomic<int> calls{0};
  const auto begin = std::chrono::steady_clock::now();
  {
    kiosk::ClockSetWatch watch([&calls] { ++calls; });
    CHECK(watch.ok());
    CHECK(watch.error().empty());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(calls == 0);
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(2));
}
