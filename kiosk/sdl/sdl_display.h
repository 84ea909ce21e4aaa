// The window and what is behind it: SDL's video driver (X11, Wayland or, with neither,
// KMSDRM on the console), the console's graphics mode and device checks, the Screen that
// draws (GPU or software), and on the console the DRM connectors and their hotplug events.
#pragma once

#include <SDL.h>

#include <functional>
#include <memory>
#include <vector>

#include "cli.h"
#include "console.h"
#include "displays.h"
#include "sdl_screen.h"
#include "sdl_text.h"

namespace kiosk {

class Display {
 public:
  explicit Display(const Options& options) : options_(options) {}
  ~Display();
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  // Starts SDL's video, makes the window over the whole screen (or --windowed) and its
  // Screen. `hotplug` is called from another thread after a DRM hotplug event (console
  // only). False, with the reason logged, if there is no display to show on. `pictures`:
  // the Screen's decoded pictures (none: no pictures drawn).
  bool Open(TtfFonts& fonts, std::function<void()> hotplug, PictureCache* pictures = nullptr);
  // Call once the first frame is presented (X11: the fullscreen request, see Open).
  void FirstFrameShown();
  // After a hotplug event: whether another screen or mode is connected now, so that only
  // starting again shows on it (logged either way).
  bool MustReopen();
  // Desktops: after a display event, makes a fullscreen window its display's size again;
  // the size change then arrives as SDL_WINDOWEVENT_SIZE_CHANGED.
  void FitWindowToDisplay();
  void ToggleFullscreen();

  Screen& screen() { return *screen_; }

 private:
  // The steps of Open.
  void PrepareConsole();  // KMSDRM, the console's graphics mode, access checks
  bool OpenWindow();      // over the whole screen, or --windowed
  void WatchConnectors(std::function<void()> hotplug);

  Options options_;
  SDL_Window* window_ = nullptr;
  std::unique_ptr<Screen> screen_;
  bool fullscreen_after_first_frame_ = false;
  std::unique_ptr<ConsoleGraphicsMode> console_mode_;  // the console: no text, no blanking
  std::vector<Connector> displays_at_start_;           // the console: what KMSDRM opened
  std::unique_ptr<DisplayHotplugWatch> hotplug_;
};

}  // namespace kiosk
