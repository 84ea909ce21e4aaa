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

}  // namespace kiosk
