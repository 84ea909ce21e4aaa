#include "signals.h"

#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace kiosk {
namespace {

sigset_t SetOf(std::initializer_list<int> signals) {
  sigset_t set;
  sigemptyset(&set);
  for (int s : signals) sigaddset(&set, s);
  return set;
}

}  // namespace

bool BlockSignals(std::initializer_list<int> signals, std::string* error) {
  const sigset_t set = SetOf(signals);
  const int rc = pthread_sigmask(SIG_BLOCK, &set, nullptr);
  if (rc != 0) {
    *error = std::string("cannot block signals: ") + std::strerror(rc);
    return false;
  }
  return true;
}

void UnblockSignals(std::initializer_list<int> signals) {
  const sigset_t set = SetOf(signals);
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

SignalWatcher::SignalWatcher(std::initializer_list<int> signals, std::function<void(int)> on_signal)
    : on_signal_(std::move(on_signal)) {
  const sigset_t set = SetOf(signals);
  signal_fd_ = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd_ < 0) {
    error_ = std::string("signalfd: ") + std::strerror(errno);
    return;
  }
  source_ = std::make_unique<EventSource>("signal watch", signal_fd_, [this] { ReadSignal(); });
  error_ = source_->error();
}

SignalWatcher::~SignalWatcher() {
  source_.reset();
  if (signal_fd_ >= 0) close(signal_fd_);
}

void SignalWatcher::ReadSignal() {
  signalfd_siginfo info{};
  while (read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    on_signal_(static_cast<int>(info.ssi_signo));
  }
}

}  // namespace kiosk
