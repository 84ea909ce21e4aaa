#include "sdl_app.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "config.h"
#include "content.h"
#include "diagnostics.h"
#include "file_watch.h"
#include "font_lookup.h"
#include "frame.h"
#include "frame_stats.h"
#include "free_memory.h"
#include "hyphenation.h"
#include "pinned_files.h"
#include "reload.h"
#include "sdl_display.h"
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

class Show {
 public:
  // `showing_errors`: `content` is the error screen, the playlist itself did not load.
  // `watch` watches the playlist since before it was read (see RunShow).
  Show(const Options& options, std::string path, Content content, bool showing_errors,
       std::unique_ptr<WatchThread> watch)
      : options_(options),
        path_(std::move(path)),
        fonts_files_(content.fonts),
        deck_(fonts_),
        scheduler_(DurationsOf(content.playlist), TransitionOf(content.playlist), NowMs()),
        showing_errors_(showing_errors),
        watch_(std::move(watch)) {
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
    WatchFiles();
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
  void DisplaysChanged();
  void TakeFileChanges();
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
  Display display_{options_};  // after fonts_: its Screen uses them
  std::string hyphenation_lang_;
  std::unique_ptr<HyphenationLoader> hyphenation_;  // owns what the Deck points to
  bool hyphenation_applied_ = false;
  std::chrono::steady_clock::time_point started_;
  bool running_ = true;
  int exit_code_ = kExitOk;
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
  if (!display_.Open(fonts_, [] {
        SDL_Event e{};
        e.type = SDL_USEREVENT;
        e.user.code = kDisplaysChanged;
        SDL_PushEvent(&e);
      })) {
    return false;
  }
  Resize();
  return true;
}

void Show::DisplaysChanged() {
  if (!display_.MustReopen()) return;
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
  hyphenator->ReleasePatterns();  // and gives the memory back
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started_)
                      .count();
  Log("hyphenation patterns " + hyphenation_->path() + " in use after " + std::to_string(ms) +
      " ms");
}

void Show::Resize() {
  int w = 0;
  int h = 0;
  if (!display_.screen().LayoutSize(&w, &h)) return;
  if (w != deck_.width() || h != deck_.height()) {
    deck_.SetScreen(w, h);
    display_.screen().Clear();
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
                     : "reloaded: " + CountOf(content.playlist.slides.size(), "slide", "slides"));
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
  display_.screen().Clear();
  showing_errors_ = showing_errors;
  disk_has_errors_ = false;
  WatchFiles();
  redraw_ = true;
  reload_timer_.Finished(!showing_errors);
}

// The watch thread keeps changes until they are taken: one that came before SDL_Init
// (when its wake-up could not be pushed) is found here on the loop's first turn.
void Show::TakeFileChanges() {
  if (watch_->TakeChanges().empty()) return;
  if (reload_timer_.Changed(NowMs())) {
    Log("a watched file changed on disk; reloading in " + std::to_string(config::kReloadQuietMs) +
        " ms unless it changes again");
  }
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
        case Request::kToggleFullscreen:
          display_.ToggleFullscreen();
          break;
      }
      break;
    }
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) Resize();
      if (e.window.event == SDL_WINDOWEVENT_EXPOSED) redraw_ = true;
      if (e.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) display_.FitWindowToDisplay();
      break;
    case SDL_DISPLAYEVENT:
      display_.FitWindowToDisplay();
      break;
    case SDL_RENDER_TARGETS_RESET:
      Log("the renderer's textures were lost: drawing them again");
      display_.screen().Clear();
      redraw_ = true;
      break;
    case SDL_RENDER_DEVICE_RESET:
      Log("the graphics device was reset: creating a new renderer");
      if (!display_.screen().Reset()) {
        Log(std::string("cannot create a renderer: ") + SDL_GetError());
        exit_code_ = kExitError;
        running_ = false;
      }
      Resize();
      redraw_ = true;
      break;
    case SDL_USEREVENT:
      if (e.user.code == kDisplaysChanged) DisplaysChanged();
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
      service_.Ready("showing " + CountOf(scheduler_.count(), "slide", "slides") + " from " +
                     path_);
    }
    TakeFileChanges();
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
      display_.screen().Draw(frame, deck_);
      if (frame_stats_) {
        display_.screen().Finish();
        const auto drawn = std::chrono::steady_clock::now();
        display_.screen().Present();
        frame_stats_->Add(frame.layers.size() > 1, begin, drawn, std::chrono::steady_clock::now());
      } else {
        display_.screen().Present();
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
            SDL_GetCurrentVideoDriver() + ", " + display_.screen().Name() + "), " +
            CountOf(scheduler_.count(), "slide", "slides") + " from " + path_);
        service_.Ready("showing " + CountOf(scheduler_.count(), "slide", "slides") + " from " +
                       path_);
        display_.FirstFrameShown();
        if (!showing_errors_ && !hyphenation_ && !hyphenation_lang_.empty()) {
          hyphenation_ = StartHyphenation(hyphenation_lang_, WakeUp);
        }
      }
    }
    // Idle time: rasterise the next slide now so its transition never waits for text.
    // Then the font sizes the layout search tried and the memory freed since go.
    if (!scheduler_.FadingOut(now) &&
        display_.screen().Prepare((scheduler_.current() + 1) % scheduler_.count(), deck_)) {
      fonts_.CloseAllBut(config::kFontSizesKeptOpen);
      ReturnFreeMemory();
    }
    Millis wait = NextFrameChange(deck_, scheduler_, state_, NowMs());
    // During a crossfade vsync paces the loop; if nothing was drawn, do not spin.
    if (wait == 0 && !draw) wait = 5;
    // Without vsync a crossfade would redraw as fast as the CPU allows: 60 frames a second.
    if (wait == 0 && !display_.screen().PacedByVsync()) {
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
  // Watched before it is read: a save between the read and the watch would go unseen.
  auto watch = std::make_unique<WatchThread>([] {
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    e.user.code = kFilesChanged;
    SDL_PushEvent(&e);  // fails before SDL_Init: the change waits in the WatchThread
  });
  std::string watch_error;
  watch->Watch({playlist_path}, &watch_error);  // the Show's Watch says why, if it fails
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
  Show show(options, playlist_path, std::move(*content), showing_errors, std::move(watch));
  return show.Run(started);
}

}  // namespace kiosk
