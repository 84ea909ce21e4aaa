#include "clock_watch.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace kiosk {

ClockSetWatch::ClockSetWatch(std::function<void()> on_set) : on_set_(std::move(on_set)) {
  timer_fd_ = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
  if (timer_fd_ < 0) {
    error_ = std::string("timerfd_create: ") + std::strerror(errno);
    return;
  }
  if (!Arm()) return;
  source_ = std::make_unique<EventSource>("clock watch", timer_fd_, [this] { Read(); });
  if (!source_->running()) error_ = source_->error();
}

ClockSetWatch::~ClockSetWatch() {
  source_.reset();
  if (timer_fd_ >= 0) close(timer_fd_);
}

// A timer far in the future that never fires: only a clock set cancels it.
bool ClockSetWatch::Arm() {
  itimerspec spec{};
  // Year 2242 (or 2038 where time_t has 32 bits): the timer must never expire, or the
  // expired timer would be readable for ever.
  spec.it_value.tv_sec =
      sizeof(time_t) >= 8 ? static_cast<time_t>(1LL << 33) : static_cast<time_t>(INT32_MAX);
  if (timerfd_settime(timer_fd_, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, nullptr) !=
      0) {
    error_ = std::string("timerfd_settime: ") + std::strerror(errno);
    return false;
  }
  return true;
}

void ClockSetWatch::Read() {
  std::uint64_t expirations = 0;
  const ssize_t n = read(timer_fd_, &expirations, sizeof expirations);
  if (n < 0 && errno == EAGAIN) return;
  // ECANCELED: the clock was set. The timer must be armed again to notice the next time.
  Arm();
  if (on_set_) on_set_();
}

}  // namespace kiosk
