#include "sdl_app.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "config.h"
#include "console.h"
#include "content.h"
#include "displays.h"
#include "file_watch.h"
#include "font_lookup.h"
#include "frame.h"
#include "frame_stats.h"
#include "free_memory.h"
#include "hyphenation.h"
#include "pinned_files.h"
#include "reload.h"
#include "sdl_screen.h"
#include "sdl_signals.h"
#include "sdl_text.h"
#include "service.h"
#include "show.h"

namespace kiosk {
namespace {

Millis NowMs() { return static_cast<Millis>(SDL_GetTicks64()); }

// SDL_USEREVENT codes: wake up, or a watched file changed on disk.
constexpr Sint32 kWakeUp = 0;
constexpr Sint32 kFilesChanged = 1;
constexpr Sint32 kDisplaysChanged = 2;  // a DRM hotplug event (the console)

bool NoDisplayServer() {
  auto unset = [](const char* name) {
    const char* v = std::getenv(name);
    return !v || !*v;
  };
  return unset("DISPLAY") && unset("WAYLAND_DISPLAY");
}

// A GPU the desktop's GL could use. Without one, Mesa's GL is llvmpipe: about 60 MiB more
// in the process and slower to start than SDL's own software renderer.
bool HasGpuRenderNode() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec)) {
    if (entry.path().filename().string().starts_with("renderD")) return true;
  }
  return false;
}

class Show {
 public:
  // `showing_errors`: `content` is the error screen, the playlist itself did not load.
  Show(const Options& options, std::string path, Content content, bool showing_errors)
      : options_(options),
        path_(std::move(path)),
        fonts_files_(content.fonts),
        deck_(fonts_),
        scheduler_(DurationsOf(content.playlist), TransitionOf(content.playlist), NowMs()),
        showing_errors_(showing_errors) {
    // The patterns load after the first frame (Run): on two cores the load would compete
    // with start-up.
    if (!showing_errors_) hyphenation_lang_ = content.playlist.lang;
    deck_.SetPlaylist(std::move(content.playlist));
    deck_.OnLayout([this](std::size_t slide, const SlideLayout& layout, const LayoutLimits& l) {
      if (layout.met_minimum) return;
      Log(path_ + ": slides[" + std::to_string(slide) + "]: too much text for " +
          std::to_string(deck_.width()) + "x" + std::to_string(deck_.height()) + ": body text " +
          std::to_string(layout.body_px) + " px, below the readable minimum of " +
          std::to_string(l.min_body_px) + " px");
    });
    watch_ = std::make_unique<WatchThread>([](const std::vector<std::string>&) {
      SDL_Event e{};
      e.type = SDL_USEREVENT;
      e.user.code = kFilesChanged;
      SDL_PushEvent(&e);
    });
    WatchFiles();
  }
  ~Show() {
    screen_.reset();
    if (window_) SDL_DestroyWindow(window_);
  }

  int Run(std::chrono::steady_clock::time_point started);

 private:
  bool OpenDisplay();
  void Handle(const SDL_Event& e);
  void Reload();
  // Shows `content` from now on (the same slide if it still exists).
  void SwapIn(Content content, bool showing_errors);
  void WatchFiles();
  void Resize();
  void ApplyHyphenation();
  void WatchDisplays();
  void DisplaysChanged();
  void FitWindowToDisplay();
  // Wakes the event loop from another thread (SDL_PushEvent is thread-safe).
  static void WakeUp() {
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    e.user.code = kWakeUp;
    SDL_PushEvent(&e);
  }

  Options options_;
  ServiceNotifier service_;  // systemd: ready, watchdog
  std::string path_;
  FontFiles fonts_files_;
  PinnedFiles font_pins_;   // keeps the fonts in use readable if their files go away
  FontFiles pinned_fonts_;  // fonts_files_ under their pinned names
  TtfFonts fonts_;
  Deck deck_;
  Scheduler scheduler_;
  ShowState state_;
  InputState input_;
  SDL_Window* window_ = nullptr;
  std::unique_ptr<Screen> screen_;
  std::string hyphenation_lang_;
  std::unique_ptr<HyphenationLoader> hyphenation_;  // owns what the Deck points to
  bool hyphenation_applied_ = false;
  bool software_ = false;  // kiosk's own drawing (--renderer, or auto without a GPU)
  bool fullscreen_after_first_frame_ = false;  // X11: see OpenDisplay
  std::chrono::steady_clock::time_point started_;
  bool running_ = true;
  int exit_code_ = kExitOk;
  std::vector<Connector> displays_at_start_;  // the console: what KMSDRM opened
  std::unique_ptr<DisplayHotplugWatch> hotplug_;
  std::unique_ptr<ConsoleGraphicsMode> console_mode_;  // the console: no text, no blanking
  bool redraw_ = true;
  bool showing_errors_ = false;   // the error screen: the playlist has never loaded
  bool disk_has_errors_ = false;  // the last reload failed; an older version shows
  std::unique_ptr<WatchThread> watch_;
  ReloadTimer reload_timer_{config::kReloadQuietMs};
  std::unique_ptr<FrameStats> frame_stats_;  // KIOSK_FRAME_STATS=1
};

bool Show::OpenDisplay() {
  std::string error;
  pinned_fonts_ = PinFonts(fonts_files_, &font_pins_);
  if (!fonts_.Open(pinned_fonts_, &error)) {
    Log(error);
    return false;
  }
  const bool console = NoDisplayServer() && !std::getenv("SDL_VIDEODRIVER");
  if (console) {
    // Without this SDL falls back to an invisible offscreen window and "works".
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "kmsdrm");
    for (const std::string& problem : ConsoleAccessProblems()) Log(problem);
    console_mode_ = std::make_unique<ConsoleGraphicsMode>(STDIN_FILENO);
    if (!console_mode_->error().empty()) Log(console_mode_->error());
  }
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
  // On a console (KMSDRM: OpenGL ES 2, the Pi's GPU) or with a render node: the GPU.
  software_ =
      options_.renderer == RendererChoice::kSoftware ||
      (options_.renderer == RendererChoice::kAuto && !NoDisplayServer() && !HasGpuRenderNode());
  if (software_) {
    // Else SDL backs the software renderer's window surface with a GL texture on X11,
    // which loads llvmpipe after all.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
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
  screen_ = OpenScreen(window_, fonts_, options_.rotate, software_);
  if (!screen_) return false;
  Resize();
  SDL_ShowCursor(SDL_DISABLE);
  SDL_DisableScreenSaver();
  if (std::string(SDL_GetCurrentVideoDriver()) == "kmsdrm") WatchDisplays();
  return true;
}

void Show::WatchDisplays() {
  displays_at_start_ = ReadConnectors();
  Log("displays: " + Describe(displays_at_start_));
  hotplug_ = std::make_unique<DisplayHotplugWatch>([] {
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    e.user.code = kDisplaysChanged;
    SDL_PushEvent(&e);
  });
  if (!hotplug_->error().empty()) Log(hotplug_->error());
}

void Show::DisplaysChanged() {
  const std::vector<Connector> now = ReadConnectors();
  Log("displays changed: " + Describe(now));
  if (!MustReopenDisplay(displays_at_start_, now)) return;
  if (service_.under_systemd()) {
    // SDL's KMSDRM keeps the connector and mode it found at start: systemd starts kiosk
    // again (Restart=always), which takes the new ones.
    Log("another screen or mode: quitting, for systemd to start kiosk again on it");
    exit_code_ = kExitError;
    running_ = false;
  } else {
    Log("another screen or mode: start kiosk again to use it");
  }
}

// Desktops: a screen's mode changed, or the window moved to another screen. A window
// manager resizes fullscreen windows itself; a bare X server does not.
void Show::FitWindowToDisplay() {
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
  Resize();
}

void Show::ApplyHyphenation() {
  if (!hyphenation_ || hyphenation_applied_ || !hyphenation_->ready()) return;
  hyphenation_applied_ = true;
  Hyphenator* hyphenator = hyphenation_->Wait();
  if (!hyphenator) {
    Log(hyphenation_->error() + "; lines break at spaces and hyphens only");
    return;
  }
  // The slides on screen keep their lines; hyphenation shows from the next slide on.
  std::vector<std::size_t> on_screen = {scheduler_.current()};
  if (auto out = scheduler_.FadingOut(NowMs())) on_screen.push_back(*out);
  deck_.SetHyphenator(hyphenator, on_screen);
  // The playlist's words are all it needs: the patterns (about 40 MiB for German) go.
  deck_.HyphenateAllWords();
  hyphenator->ReleasePatterns();
  ReturnFreeMemory();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started_)
                      .count();
  Log("hyphenation patterns " + hyphenation_->path() + " in use after " + std::to_string(ms) +
      " ms");
}

void Show::Resize() {
  int w = 0;
  int h = 0;
  if (!screen_->LayoutSize(&w, &h)) return;
  if (w != deck_.width() || h != deck_.height()) {
    deck_.SetScreen(w, h);
    screen_->Clear();
  }
  redraw_ = true;
}

void Show::WatchFiles() {
  std::string error;
  const Playlist* playlist = showing_errors_ ? nullptr : &deck_.playlist();
  if (!watch_->Watch(WatchedFiles(path_, playlist), &error)) {
    Log(error + "; the playlist reloads only on R or SIGHUP");
  }
}

void Show::Reload() {
  Log("reloading " + path_);
  reload_timer_.Reading(NowMs());
  std::vector<std::string> problems;
  std::optional<Content> content = LoadContent(path_, &problems);
  if (!content) {
    if (showing_errors_) {
      // Still broken: show what is wrong now.
      if (auto errors = ErrorScreenContent(path_, problems)) SwapIn(std::move(*errors), true);
      return;
    }
    Log("the playlist has errors; still showing the last good version");
    disk_has_errors_ = true;
    reload_timer_.Finished(false);
    redraw_ = true;
    return;
  }
  SwapIn(std::move(*content), false);
}

void Show::SwapIn(Content content, bool showing_errors) {
  std::string error;
  if (content.fonts.regular != fonts_files_.regular || content.fonts.bold != fonts_files_.bold ||
      content.fonts.fallbacks != fonts_files_.fallbacks) {
    PinnedFiles pins;
    FontFiles pinned = PinFonts(content.fonts, &pins);
    if (!fonts_.Open(pinned, &error)) {
      Log(content.fonts.regular + ": " + error + "; still showing the last good version");
      fonts_.Open(pinned_fonts_, &error);
      disk_has_errors_ = true;
      return;
    }
    font_pins_ = std::move(pins);
    pinned_fonts_ = std::move(pinned);
    fonts_files_ = content.fonts;
  }
  const std::string lang = showing_errors ? "" : content.playlist.lang;
  if (lang != hyphenation_lang_) {
    deck_.SetHyphenator(nullptr);
    hyphenation_lang_ = lang;
    hyphenation_ = lang.empty() ? nullptr : StartHyphenation(hyphenation_lang_, WakeUp);
    hyphenation_applied_ = false;
  }
  const Millis now = NowMs();
  scheduler_.Reset(DurationsOf(content.playlist), TransitionOf(content.playlist), now);
  Log(showing_errors ? "the playlist still has errors: showing them"
                     : "reloaded: " + std::to_string(content.playlist.slides.size()) + " slides");
  deck_.SetPlaylist(std::move(content.playlist));
  if (hyphenation_applied_ && hyphenation_ && hyphenation_->ready() && hyphenation_->Wait()) {
    // New words the released patterns cannot answer: load them again (in the background;
    // until then the new words are not hyphenated).
    deck_.HyphenateAllWords();
    if (hyphenation_->Wait()->missed()) {
      deck_.SetHyphenator(nullptr);
      hyphenation_ = StartHyphenation(hyphenation_lang_, WakeUp);
      hyphenation_applied_ = false;
    }
  }
  screen_->Clear();
  showing_errors_ = showing_errors;
  disk_has_errors_ = false;
  WatchFiles();
  redraw_ = true;
  reload_timer_.Finished(!showing_errors);
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
      if (e.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) FitWindowToDisplay();
      break;
    case SDL_DISPLAYEVENT:
      FitWindowToDisplay();
      break;
    case SDL_RENDER_TARGETS_RESET:
      Log("the renderer's textures were lost: drawing them again");
      screen_->Clear();
      redraw_ = true;
      break;
    case SDL_RENDER_DEVICE_RESET:
      Log("the graphics device was reset: creating a new renderer");
      if (!screen_->Reset()) {
        Log(std::string("cannot create a renderer: ") + SDL_GetError());
        exit_code_ = kExitError;
        running_ = false;
      }
      Resize();
      redraw_ = true;
      break;
    case SDL_USEREVENT:
      if (e.user.code == kDisplaysChanged) DisplaysChanged();
      if (e.user.code == kFilesChanged) {
        if (reload_timer_.Changed(NowMs())) {
          Log("a watched file changed on disk; reloading in " +
              std::to_string(config::kReloadQuietMs) + " ms unless it changes again");
        }
      }
      break;
    default:
      break;
  }
}

int Show::Run(std::chrono::steady_clock::time_point started) {
  started_ = started;
  if (const char* stats = std::getenv("KIOSK_FRAME_STATS"); stats && std::string(stats) == "1") {
    frame_stats_ = std::make_unique<FrameStats>();
  }
  if (!OpenDisplay()) return kExitError;
  Frame shown;
  bool first = true;
  Millis frame_begin = 0;  // when the last frame began to be drawn
  while (running_) {
    if (const SignalRequest signal = TakeSignal(); signal == SignalRequest::kQuit) {
      break;
    } else if (signal == SignalRequest::kReload) {
      service_.Reloading();
      Reload();
      service_.Ready("showing " + std::to_string(scheduler_.count()) + " slides from " + path_);
    }
    ApplyHyphenation();
    if (reload_timer_.Due(NowMs())) Reload();
    const Millis now = NowMs();
    scheduler_.Update(now);
    Frame frame = BuildFrame(deck_, scheduler_, state_, now);
    if (disk_has_errors_ && deck_.playlist().error_mark && !state_.black) {
      AddErrorMark(&frame, deck_.playlist().theme, deck_.width(), deck_.height());
    }
    const bool draw = redraw_ || frame != shown;
    if (draw) {
      frame_begin = NowMs();
      const auto begin = std::chrono::steady_clock::now();
      screen_->Draw(frame, deck_);
      if (frame_stats_) {
        screen_->Finish();
        const auto drawn = std::chrono::steady_clock::now();
        screen_->Present();
        frame_stats_->Add(frame.layers.size() > 1, begin, drawn, std::chrono::steady_clock::now());
      } else {
        screen_->Present();
      }
      shown = std::move(frame);
      redraw_ = false;
      if (std::string line = reload_timer_.Shown(NowMs()); !line.empty()) Log(line);
      if (first) {
        first = false;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        Log("first frame on screen after " + std::to_string(ms) + " ms (" +
            std::to_string(deck_.width()) + "x" + std::to_string(deck_.height()) + ", " +
            SDL_GetCurrentVideoDriver() + ", " + screen_->Name() + "), " +
            std::to_string(scheduler_.count()) + " slides from " + path_);
        service_.Ready("showing " + std::to_string(scheduler_.count()) + " slides from " + path_);
        if (fullscreen_after_first_frame_) {
          SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP);
          SDL_ShowCursor(SDL_DISABLE);
        }
        if (!showing_errors_ && !hyphenation_ && !hyphenation_lang_.empty()) {
          hyphenation_ = StartHyphenation(hyphenation_lang_, WakeUp);
        }
      }
    }
    // Idle time: rasterise the next slide now so its transition never waits for text.
    // Then the font sizes the layout search tried and the memory freed since go.
    if (!scheduler_.FadingOut(now) &&
        screen_->Prepare((scheduler_.current() + 1) % scheduler_.count(), deck_)) {
      fonts_.CloseAllBut(config::kFontSizesKeptOpen);
      ReturnFreeMemory();
    }
    Millis wait = NextFrameChange(deck_, scheduler_, state_, NowMs());
    // During a crossfade vsync paces the loop; if nothing was drawn, do not spin.
    if (wait == 0 && !draw) wait = 5;
    // Without vsync a crossfade would redraw as fast as the CPU allows: 60 frames a second.
    if (wait == 0 && !screen_->PacedByVsync()) {
      constexpr Millis kFrameMs = 16;
      wait = std::max<Millis>(0, kFrameMs - (NowMs() - frame_begin));
    }
    service_.FeedWatchdog(NowMs());  // a hung loop stops feeding: systemd restarts kiosk
    if (const Millis dog = service_.UntilWatchdog(NowMs()); dog >= 0 && (wait < 0 || dog < wait)) {
      wait = dog;
    }
    if (const Millis due = reload_timer_.TimeToDue(NowMs()); due >= 0 && (wait < 0 || due < wait)) {
      wait = due;
    }
    SDL_Event e;
    const bool got =
        wait < 0 ? SDL_WaitEvent(&e)
                 : SDL_WaitEventTimeout(&e, static_cast<int>(std::min<Millis>(wait, INT_MAX)));
    if (got) {
      Handle(e);
      while (running_ && SDL_PollEvent(&e)) Handle(e);
    }
  }
  service_.Stopping();
  return exit_code_;
}

}  // namespace

int RunShow(const Options& options, const std::string& playlist_path,
            std::chrono::steady_clock::time_point started) {
  // First, before any thread starts: the threads inherit the blocked signals.
  const std::unique_ptr<SignalWatcher> signals = WatchShowSignals();
  // A playlist that does not load shows its errors on screen until it is fixed: a hall
  // screen must never sit black, or on a desktop, waiting for someone with a keyboard.
  std::vector<std::string> problems;
  std::optional<Content> content = LoadContent(playlist_path, &problems);
  const bool showing_errors = !content;
  if (showing_errors) {
    content = ErrorScreenContent(playlist_path, problems);
    if (!content) return kExitError;
    Log("showing the playlist's errors on screen until " + playlist_path + " is fixed");
  }
  SdlSession session;
  if (TTF_Init() != 0) {
    Log(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    return kExitError;
  }
  session.ttf = true;
  Show show(options, playlist_path, std::move(*content), showing_errors);
  return show.Run(started);
}

}  // namespace kiosk
