#include "event_source.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "log.h"

namespace kiosk {

EventSource::EventSource(std::string name, int fd, std::function<void()> on_readable)
    : name_(std::move(name)), fd_(fd), on_readable_(std::move(on_readable)) {
  if (fd_ < 0) {
    error_ = "no descriptor to watch";
    return;
  }
  stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop_fd_ < 0) {
    error_ = std::string("eventfd: ") + std::strerror(errno);
    return;
  }
  running_ = true;
  thread_ = std::thread([this] { Loop(); });
}

EventSource::~EventSource() {
  if (thread_.joinable()) {
    const std::uint64_t one = 1;
    // An eventfd write fails only when the counter would overflow: a stop is pending then.
    while (::write(stop_fd_, &one, sizeof one) < 0 && errno == EINTR) {
    }
    thread_.join();
  }
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

std::string EventSource::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void EventSource::GiveUp(const std::string& why) {
  {
    std::lock_guard lock(mutex_);
    error_ = why;
  }
  running_ = false;
  Log(name_ + ": stopped: " + why);
}

void EventSource::Loop() {
  pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  int errors_in_row = 0;
  for (;;) {
    const int n = ::poll(fds, 2, -1);
    ++wakeups_;
    if (n < 0) {
      if (errno == EINTR) continue;
      // Not a passing state (EFAULT, EINVAL, ENOMEM): polling again would fail again.
      return GiveUp(std::string("poll: ") + std::strerror(errno));
    }
    if (fds[1].revents != 0) return;
    const short revents = fds[0].revents;
    if (revents & POLLNVAL) return GiveUp("the descriptor is not open");
    if (revents & POLLIN) {
      errors_in_row = 0;
      on_readable_();
      continue;
    }
    if (revents & (POLLERR | POLLHUP)) {
      if (++errors_in_row > kMaxErrorsInRow) {
        return GiveUp((revents & POLLHUP) ? "the descriptor hung up"
                                          : "the descriptor has an error");
      }
      on_readable_();  // a read may clear the error
    }
  }
}

}  // namespace kiosk
