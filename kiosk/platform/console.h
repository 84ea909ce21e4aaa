// What kiosk needs on a console without X11 or Wayland (SDL's KMSDRM driver): the DRM
// device to draw and the input devices to be controlled at all. Checked before SDL
// starts, so a missing group is named instead of a blank screen nobody can stop.
#pragma once

#include <string>
#include <vector>

namespace kiosk {

// One message per problem, e.g. "cannot open /dev/dri/card0 (group video): ...; add the
// user to group video". Empty when every device kiosk needs can be opened. `dev` is the
// device directory (tests pass their own).
std::vector<std::string> ConsoleAccessProblems(const std::string& dev = "/dev");

// The virtual console `fd` (kiosk's standard input under the unit: TTYPath=/dev/tty1) in
// graphics mode while the show runs: the kernel then neither draws console text over the
// show (kernel messages, a getty) nor blanks the screen after consoleblank= seconds.
// Back to text mode when destroyed (and by the unit's TTYReset= after a crash).
class ConsoleGraphicsMode {
 public:
  explicit ConsoleGraphicsMode(int fd);
  ~ConsoleGraphicsMode();
  ConsoleGraphicsMode(const ConsoleGraphicsMode&) = delete;
  ConsoleGraphicsMode& operator=(const ConsoleGraphicsMode&) = delete;
  // Whether the console is in graphics mode because of this object.
  bool active() const { return active_; }
  // Why not: "" when active or when `fd` is not a virtual console (nothing to do).
  const std::string& error() const { return error_; }

 private:
  int fd_;
  bool active_ = false;
  std::string error_;
};

}  // namespace kiosk
