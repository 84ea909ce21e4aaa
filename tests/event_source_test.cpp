// EventSource on pipes: data reaches the callback; a descriptor that hangs up or is
// closed ends the thread after a bounded number of wake-ups instead of spinning.
#include "event_source.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace kiosk {
namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() { REQUIRE(::pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0); }
  ~Pipe() {
    CloseWriteEnd();
    if (fds[0] >= 0) ::close(fds[0]);
  }
  void CloseWriteEnd() {
    if (fds[1] >= 0) ::close(fds[1]);
    fds[1] = -1;
  }
};

// Waits up to 5 s for `done`.
template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 500; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

TEST_CASE("EventSource calls back when its descriptor is readable, and stops at once") {
  Pipe pipe;
  std::atomic<int> bytes{0};
  const auto start = std::chrono::steady_clock::now();
  {
    EventSource source("test", pipe.fds[0], [&] {
      char buf[16];
      while (::read(pipe.fds[0], buf, sizeof buf) > 0) ++bytes;
    });
    CHECK(source.running());
    CHECK(source.error().empty());
    REQUIRE(::write(pipe.fds[1], "x", 1) == 1);
    CHECK(Eventually([&] { return bytes == 1; }));
    REQUIRE(::write(pipe.fds[1], "y", 1) == 1);
    CHECK(Eventually([&] { return bytes == 2; }));
    CHECK(source.running());
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(4));
}

TEST_CASE("EventSource: a descriptor that errors persistently does not make it spin") {
  Pipe pipe;
  std::atomic<int> calls{0};
  auto drain = [&] {
    ++calls;
    char buf[16];
    while (::read(pipe.fds[0], buf, sizeof buf) > 0) {
    }
  };
  SUBCASE("hung up (the writer is gone: POLLHUP for ever)") {
    EventSource source("test", pipe.fds[0], drain);
    pipe.CloseWriteEnd();
    CHECK(Eventually([&] { return !source.running(); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // A spinning loop makes hundreds of thousands of wake-ups in 100 ms.
    CHECK(source.wakeups() <= EventSource::kMaxErrorsInRow + 1);
    CHECK(calls <= EventSource::kMaxErrorsInRow);
    CHECK(source.error() == "the descriptor hung up");
  }
  SUBCASE("not open (POLLNVAL)") {
    // Not a descriptor closed here: the source's own eventfd would take its number.
    constexpr int kUnused = 987;
    REQUIRE(::fcntl(kUnused, F_GETFD) < 0);
    EventSource source("test", kUnused, drain);
    REQUIRE(Eventually([&] { return !source.running(); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(source.wakeups() == 1);
    CHECK(calls == 0);
    CHECK(source.error() == "the descriptor is not open");
  }
  SUBCASE("data, then the hang-up: the data is read first") {
    REQUIRE(::write(pipe.fds[1], "abc", 3) == 3);
    pipe.CloseWriteEnd();
    EventSource source("test", pipe.fds[0], drain);
    REQUIRE(Eventually([&] { return !source.running(); }));
    CHECK(calls >= 1);
    CHECK(source.wakeups() <= EventSource::kMaxErrorsInRow + 2);
  }
}

TEST_CASE("EventSource: no descriptor, no thread") {
  EventSource source("test", -1, [] {});
  CHECK_FALSE(source.running());
  CHECK(source.error() == "no descriptor to watch");
}

}  // namespace
}  // namespace kiosk
