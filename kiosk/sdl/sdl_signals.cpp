#include "sdl_signals.h"

#include <SDL.h>
#include <signal.h>

#include <atomic>
#include <string>

#include "log.h"

namespace kiosk {
namespace {

// Process-wide, as signals are. Written on the watcher thread, taken by the loop.
std::atomic<int> g_quit_signal{0};
std::atomic<bool> g_reload{false};

}  // namespace

void HoldShowSignals() {
  std::string error;
  if (!BlockSignals({SIGTERM, SIGINT, SIGHUP}, &error)) Log(error);
}

void ReleaseShowSignals() { UnblockSignals({SIGTERM, SIGINT, SIGHUP}); }

std::unique_ptr<SignalWatcher> WatchShowSignals() {
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  std::string error;
  if (!BlockSignals({SIGTERM, SIGINT, SIGHUP}, &error)) {
    Log(error);
    return nullptr;
  }
  auto watcher = std::make_unique<SignalWatcher>(
      std::initializer_list<int>{SIGTERM, SIGINT, SIGHUP}, [](int signo) {
        if (signo == SIGHUP) {
          g_reload.store(true);
        } else {
          g_quit_signal.store(signo);
        }
        // Wakes SDL_WaitEvent (SDL_PushEvent is thread-safe; before SDL_Init it fails,
        // and the flags above wait for the loop's first look).
        SDL_Event e{};
        e.type = SDL_USEREVENT;
        SDL_PushEvent(&e);
      });
  if (!watcher->ok()) {
    Log("cannot watch signals: " + watcher->error());
    ReleaseShowSignals();
    return nullptr;
  }
  return watcher;
}

SignalRequest TakeSignal() {
  if (const int signo = g_quit_signal.exchange(0); signo != 0) {
    Log(std::string(signo == SIGINT ? "SIGINT" : "SIGTERM") + ": quitting");
    return SignalRequest::kQuit;
  }
  if (g_reload.exchange(false)) {
    Log("SIGHUP: reloading the playlist");
    return SignalRequest::kReload;
  }
  return SignalRequest::kNone;
}

}  // namespace kiosk
