#include "sdl_display.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "log.h"

namespace kiosk {
namespace {

bool NoDisplayServer() {
  auto unset = [](const char* name) {
    const char* v = std::getenv(name);
    return !v || !*v;
  };
  return unset("DISPLAY") && unset("WAYLAND_DISPLAY");
}

// A GPU the desktop's GL could use. Without one, Mesa's GL is llvmpipe: about 60 MiB more
// in the process and slower to start than kiosk's own software drawing.
bool HasGpuRenderNode() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec)) {
    if (entry.path().filename().string().starts_with("renderD")) return true;
  }
  return false;
}

// Sets SDL's hints for a kiosk (no screensaver, vsync) and says whether kiosk draws in
// software: asked for, or a desktop without a GPU. On a console (KMSDRM: OpenGL ES 2, the
// Pi's GPU) or with a render node: the GPU.
bool SetVideoHints(const Options& options) {
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
  const bool software =
      options.renderer == RendererChoice::kSoftware ||
      (options.renderer == RendererChoice::kAuto && !NoDisplayServer() && !HasGpuRenderNode());
  if (software) {
    // Else SDL backs the window surface with a GL texture on X11, which loads llvmpipe
    // after all.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  return software;
}

bool StartVideo(bool console) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) == 0) return true;
  if (console) {
    Log(std::string("cannot open the display: ") + SDL_GetError() +
        ". No X11 or Wayland session (DISPLAY and WAYLAND_DISPLAY are unset), so kiosk "
        "needs KMSDRM: run it on a console whose user may open /dev/dri/card* "
        "(groups video and render) and the input devices (group input), with no desktop "
        "holding the screen.");
  } else {
    Log(std::string("cannot open the display: ") + SDL_GetError());
  }
  return false;
}

// SDL falls back to drivers that show nothing when the X server or compositor named by
// DISPLAY / WAYLAND_DISPLAY cannot be reached: kiosk would run, report ready and be
// invisible. Only on request (SDL_VIDEODRIVER, as the tests use).
bool DriverShowsSomething() {
  const char* requested = std::getenv("SDL_VIDEODRIVER");
  const std::string driver = SDL_GetCurrentVideoDriver();
  if ((requested && *requested) || (driver != "offscreen" && driver != "dummy")) return true;
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  Log("cannot open the display: no X server at DISPLAY=" + std::string(display ? display : "") +
      " and no Wayland compositor at WAYLAND_DISPLAY=" + std::string(wayland ? wayland : "") +
      " (SDL could only draw invisibly, with its " + driver + " driver)");
  return false;
}

}  // namespace

Display::~Display() {
  hotplug_.reset();
  screen_.reset();
  if (window_) SDL_DestroyWindow(window_);
}

bool Display::Open(TtfFonts& fonts, std::function<void()> hotplug, PictureCache* pictures) {
  const bool console = NoDisplayServer() && !std::getenv("SDL_VIDEODRIVER");
  if (console) PrepareConsole();
  const bool software = SetVideoHints(options_);
  if (!StartVideo(console) || !DriverShowsSomething() || !OpenWindow()) return false;
  screen_ = OpenScreen(window_, fonts, options_.rotate, software, pictures);
  if (!screen_) return false;
  SDL_ShowCursor(SDL_DISABLE);
  SDL_DisableScreenSaver();
  WatchConnectors(std::move(hotplug));
  return true;
}

void Display::PrepareConsole() {
  // Without this SDL falls back to an invisible offscreen window and "works".
  SDL_SetHint(SDL_HINT_VIDEODRIVER, "kmsdrm");
  for (const std::string& problem : ConsoleAccessProblems()) Log(problem);
  console_mode_ = std::make_unique<ConsoleGraphicsMode>(STDIN_FILENO);
  if (!console_mode_->error().empty()) Log(console_mode_->error());
}

bool Display::OpenWindow() {
  const bool fullscreen = !options_.windowed;
  int w = options_.width > 0 ? options_.width : 1280;
  int h = options_.height > 0 ? options_.height : 720;
  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
  int x = SDL_WINDOWPOS_CENTERED;
  int y = SDL_WINDOWPOS_CENTERED;
  SDL_DisplayMode mode{};
  if (fullscreen && SDL_GetDesktopDisplayMode(0, &mode) == 0) {
    // The display's native mode. Created at that size too: with no window manager
    // (a bare X server) the fullscreen request alone would leave a small window.
    flags |= SDL_WINDOW_BORDERLESS;
    x = 0;
    y = 0;
    w = mode.w;
    h = mode.h;
    // On X11, SDL waits 100 ms after asking the window manager for fullscreen, to see the
    // window move (it never does without a window manager, or already covering the
    // screen): a borderless window over the whole screen shows the first frame, and the
    // fullscreen request follows it (Run).
    if (std::string(SDL_GetCurrentVideoDriver()) == "x11") {
      fullscreen_after_first_frame_ = true;
    } else {
      flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
  }
  window_ = SDL_CreateWindow("kiosk", x, y, w, h, flags);
  if (!window_) {
    Log(std::string("cannot create the window: ") + SDL_GetError());
    return false;
  }
  return true;
}

// The console: which screens KMSDRM opened, and a watch for others being plugged in.
void Display::WatchConnectors(std::function<void()> hotplug) {
  if (std::string(SDL_GetCurrentVideoDriver()) != "kmsdrm") return;
  displays_at_start_ = ReadConnectors();
  Log("displays: " + Describe(displays_at_start_));
  hotplug_ = std::make_unique<DisplayHotplugWatch>(std::move(hotplug));
  if (!hotplug_->error().empty()) Log(hotplug_->error());
}

void Display::FirstFrameShown() {
  if (!fullscreen_after_first_frame_) return;
  fullscreen_after_first_frame_ = false;
  SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP);
  SDL_ShowCursor(SDL_DISABLE);
}

bool Display::MustReopen() {
  const std::vector<Connector> now = ReadConnectors();
  Log("displays changed: " + Describe(now));
  return MustReopenDisplay(displays_at_start_, now);
}

// A window manager resizes fullscreen windows itself; a bare X server does not.
void Display::FitWindowToDisplay() {
  if (options_.windowed || !(SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN)) return;
  const int display = SDL_GetWindowDisplayIndex(window_);
  SDL_DisplayMode mode{};
  if (display < 0 || SDL_GetDesktopDisplayMode(display, &mode) != 0) return;
  int w = 0;
  int h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  if (w == mode.w && h == mode.h) return;
  Log("the screen is now " + std::to_string(mode.w) + "x" + std::to_string(mode.h));
  SDL_Rect bounds{};
  SDL_GetDisplayBounds(display, &bounds);
  SDL_SetWindowPosition(window_, bounds.x, bounds.y);
  SDL_SetWindowSize(window_, mode.w, mode.h);
}

void Display::ToggleFullscreen() {
  const bool is_full = SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN;
  SDL_SetWindowFullscreen(window_, is_full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
  SDL_ShowCursor(SDL_DISABLE);
}

}  // namespace kiosk
