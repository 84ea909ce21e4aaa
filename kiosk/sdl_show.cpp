#include "sdl_app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "config.h"
#include "content.h"
#include "font_lookup.h"
#include "frame.h"
#include "hyphenation.h"
#include "sdl_draw.h"
#include "sdl_text.h"
#include "show.h"

namespace kiosk {
namespace {

Millis NowMs() { return static_cast<Millis>(SDL_GetTicks64()); }

bool NoDisplayServer() {
  auto unset = [](const char* name) {
    const char* v = std::getenv(name);
    return !v || !*v;
  };
  return unset("DISPLAY") && unset("WAYLAND_DISPLAY");
}

class Show {
 public:
  Show(const Options& options, std::string path, Content content)
      : options_(options),
        path_(std::move(path)),
        fonts_files_(content.fonts),
        deck_(fonts_),
        scheduler_(DurationsOf(content.playlist), TransitionOf(content.playlist), NowMs()) {
    hyphenation_lang_ = content.playlist.lang;
    hyphenation_ = StartHyphenation(hyphenation_lang_, WakeUp);
    deck_.SetPlaylist(std::move(content.playlist));
  }
  ~Show() {
    drawer_.reset();
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
  }

  int Run(std::chrono::steady_clock::time_point started);

 private:
  bool OpenDisplay();
  void Handle(const SDL_Event& e);
  void Reload();
  void Resize();
  void ApplyHyphenation();
  // Wakes the event loop from another thread (SDL_PushEvent is thread-safe).
  static void WakeUp() {
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    SDL_PushEvent(&e);
  }

  Options options_;
  std::string path_;
  FontFiles fonts_files_;
  TtfFonts fonts_;
  Deck deck_;
  Scheduler scheduler_;
  ShowState state_;
  InputState input_;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  std::unique_ptr<FrameDrawer> drawer_;
  std::string hyphenation_lang_;
  std::unique_ptr<HyphenationLoader> hyphenation_;  // owns what the Deck points to
  bool hyphenation_applied_ = false;
  std::chrono::steady_clock::time_point started_;
  bool running_ = true;
  bool redraw_ = true;
};

bool Show::OpenDisplay() {
  std::string error;
  if (!fonts_.Open(fonts_files_, &error)) {
    Log(error);
    return false;
  }
  const bool console = NoDisplayServer() && !std::getenv("SDL_VIDEODRIVER");
  if (console) {
    // Without this SDL falls back to an invisible offscreen window and "works".
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "kmsdrm");
  }
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
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
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    x = 0;
    y = 0;
    w = mode.w;
    h = mode.h;
  }
  window_ = SDL_CreateWindow("kiosk", x, y, w, h, flags);
  if (!window_) {
    Log(std::string("cannot create the window: ") + SDL_GetError());
    return false;
  }
  renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!renderer_) {
    Log(std::string("no accelerated renderer (") + SDL_GetError() + "), using software");
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  }
  if (!renderer_) {
    Log(std::string("cannot create a renderer: ") + SDL_GetError());
    return false;
  }
  SDL_ShowCursor(SDL_DISABLE);
  SDL_DisableScreenSaver();
  drawer_ = std::make_unique<FrameDrawer>(renderer_, fonts_);
  Resize();
  return true;
}

void Show::ApplyHyphenation() {
  if (!hyphenation_ || hyphenation_applied_ || !hyphenation_->ready()) return;
  hyphenation_applied_ = true;
  const Hyphenator* hyphenator = hyphenation_->Wait();
  if (!hyphenator) {
    Log(hyphenation_->error() + "; lines break at spaces and hyphens only");
    return;
  }
  // The slides on screen keep their lines; hyphenation shows from the next slide on.
  std::vector<std::size_t> on_screen = {scheduler_.current()};
  if (auto out = scheduler_.FadingOut(NowMs())) on_screen.push_back(*out);
  deck_.SetHyphenator(hyphenator, on_screen);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started_)
                      .count();
  Log("hyphenation patterns " + hyphenation_->path() + " in use after " + std::to_string(ms) +
      " ms");
}

void Show::Resize() {
  int w = 0;
  int h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  if (w <= 0 || h <= 0) return;
  if (w != deck_.width() || h != deck_.height()) {
    deck_.SetScreen(w, h);
    drawer_->Clear();
  }
  redraw_ = true;
}

void Show::Reload() {
  Log("reloading " + path_);
  std::optional<Content> content = LoadContent(path_);
  if (!content) {
    Log("the playlist has errors; still showing the last good version");
    return;
  }
  std::string error;
  if (content->fonts.regular != fonts_files_.regular || content->fonts.bold != fonts_files_.bold) {
    if (!fonts_.Open(content->fonts, &error)) {
      Log(error + "; still showing the last good version");
      fonts_.Open(fonts_files_, &error);
      return;
    }
    fonts_files_ = content->fonts;
  }
  if (content->playlist.lang != hyphenation_lang_) {
    deck_.SetHyphenator(nullptr);
    hyphenation_lang_ = content->playlist.lang;
    hyphenation_ = StartHyphenation(hyphenation_lang_, WakeUp);
    hyphenation_applied_ = false;
  }
  const Millis now = NowMs();
  scheduler_.Reset(DurationsOf(content->playlist), TransitionOf(content->playlist), now);
  Log("reloaded: " + std::to_string(content->playlist.slides.size()) + " slides");
  deck_.SetPlaylist(std::move(content->playlist));
  drawer_->Clear();
  redraw_ = true;
}

void Show::Handle(const SDL_Event& e) {
  switch (e.type) {
    case SDL_QUIT:
      running_ = false;
      break;
    case SDL_KEYDOWN: {
      if (e.key.repeat) break;  // a held key must not race through the show
      const Action action = input_.OnKey(SDL_GetKeyName(e.key.keysym.sym), scheduler_.count());
      state_.pending_digits = input_.pending();
      switch (ApplyAction(action, scheduler_, state_, NowMs())) {
        case Request::kNone:
          break;
        case Request::kQuit:
          running_ = false;
          break;
        case Request::kReload:
          Reload();
          break;
        case Request::kToggleFullscreen: {
          const bool is_full = SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN;
          SDL_SetWindowFullscreen(window_, is_full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
          SDL_ShowCursor(SDL_DISABLE);
          break;
        }
      }
      break;
    }
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) Resize();
      if (e.window.event == SDL_WINDOWEVENT_EXPOSED) redraw_ = true;
      break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
      drawer_->Clear();
      redraw_ = true;
      break;
    default:
      break;
  }
}

int Show::Run(std::chrono::steady_clock::time_point started) {
  started_ = started;
  if (!OpenDisplay()) return kExitError;
  Frame shown;
  bool first = true;
  while (running_) {
    ApplyHyphenation();
    const Millis now = NowMs();
    scheduler_.Update(now);
    Frame frame = BuildFrame(deck_, scheduler_, state_, now);
    const bool draw = redraw_ || frame != shown;
    if (draw) {
      drawer_->Draw(frame, deck_);
      SDL_RenderPresent(renderer_);
      shown = std::move(frame);
      redraw_ = false;
      if (first) {
        first = false;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        SDL_RendererInfo info{};
        SDL_GetRendererInfo(renderer_, &info);
        Log("first frame on screen after " + std::to_string(ms) + " ms (" +
            std::to_string(deck_.width()) + "x" + std::to_string(deck_.height()) + ", " +
            SDL_GetCurrentVideoDriver() + ", " + info.name + "), " +
            std::to_string(scheduler_.count()) + " slides from " + path_);
      }
    }
    // Idle time: rasterise the neighbours now so their transitions never wait for text.
    if (!scheduler_.FadingOut(now)) {
      const std::size_t n = scheduler_.count();
      drawer_->Prepare((scheduler_.current() + 1) % n, deck_);
      drawer_->Prepare((scheduler_.current() + n - 1) % n, deck_);
    }
    Millis wait = NextFrameChange(deck_, scheduler_, state_, NowMs());
    // During a crossfade vsync paces the loop; if nothing was drawn, do not spin.
    if (wait == 0 && !draw) wait = 5;
    SDL_Event e;
    const bool got =
        wait < 0 ? SDL_WaitEvent(&e)
                 : SDL_WaitEventTimeout(&e, static_cast<int>(std::min<Millis>(wait, INT_MAX)));
    if (got) {
      Handle(e);
      while (running_ && SDL_PollEvent(&e)) Handle(e);
    }
  }
  return kExitOk;
}

}  // namespace

int RunShow(const Options& options, const std::string& playlist_path,
            std::chrono::steady_clock::time_point started) {
  std::optional<Content> content = LoadContent(playlist_path);
  if (!content) return kExitError;
  SdlSession session;
  if (TTF_Init() != 0) {
    Log(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    return kExitError;
  }
  session.ttf = true;
  Show show(options, playlist_path, std::move(*content));
  return show.Run(started);
}

}  // namespace kiosk
