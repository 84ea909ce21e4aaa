// A thread that waits for one descriptor to become readable and hands each wake-up to a
// callback: the shape the signal (signalfd), file (inotify) and display (udev) watchers
// share. A descriptor that keeps reporting an error or a hang-up ends the thread, with
// the reason logged, instead of making it spin.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kiosk {

class EventSource {
 public:
  // After this many wake-ups in a row with an error or hang-up and no data, the source
  // gives up. One is not enough: reading clears a socket's pending error (a netlink
  // socket's ENOBUFS after a burst of udev events), and the callback gets to do that.
  static constexpr int kMaxErrorsInRow = 3;

  // Starts a thread that calls `on_readable()` each time `fd` is readable; the callback
  // must read what is there (or it is called again at once). `fd` stays the caller's and
  // must outlive this object: declare the EventSource after it, so it stops first.
  // `name` ("file watch") goes into the log line if the source gives up.
  EventSource(std::string name, int fd, std::function<void()> on_readable);
  // Stops the thread and waits for it.
  ~EventSource();
  EventSource(const EventSource&) = delete;
  EventSource& operator=(const EventSource&) = delete;

  // Whether the thread runs (false once it gave up).
  bool running() const { return running_.load(); }
  // Why it could not start or why it gave up; empty while it runs.
  std::string error() const;
  // How often poll() returned so far: a test's measure of spinning.
  long wakeups() const { return wakeups_.load(); }

 private:
  void Loop();
  void GiveUp(const std::string& why);

  std::string name_;
  int fd_;
  std::function<void()> on_readable_;
  int stop_fd_ = -1;  // an eventfd: written to stop the thread
  std::atomic<bool> running_{false};
  std::atomic<long> wakeups_{0};
  mutable std::mutex mutex_;
  std::string error_;
  std::thread thread_;
};

}  // namespace kiosk
