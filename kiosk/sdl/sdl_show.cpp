#include "sdl_app.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <sys/stat.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "clock_trust.h"
#include "clock_watch.h"
#include "config.h"
#include "content.h"
#include "content_switcher.h"
#include "control.h"
#include "control_socket.h"
#include "diagnostics.h"
#include "disk_pictures.h"
#include "file_watch.h"
#include "font_lookup.h"
#include "frame.h"
#include "frame_stats.h"
#include "free_memory.h"
#include "hyphenation.h"
#include "hyphenation_keeper.h"
#include "mqtt_link.h"
#include "picture_cache.h"
#include "playlist_time.h"
#include "programme_slides.h"
#include "pushed_content.h"
#include "reload.h"
#include "sdl_display.h"
#include "sdl_font_switch.h"
#include "sdl_signals.h"
#include "sdl_text.h"
#include "service.h"
#include "show.h"
#include "status.h"
#include "wall_clock.h"

namespace kiosk {
namespace {

Millis NowMs() { return static_cast<Millis>(SDL_GetTicks64()); }

// The real-time clock (what NTP sets), for wall-clock sync only: everything else keeps
// the monotonic clock of NowMs.
Millis RealtimeMs() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<Millis>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

// "12:34:56.789" of a real time, UTC, for the log of slide changes.
std::string ClockTime(Millis real) {
  const std::time_t secs = static_cast<std::time_t>(real / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(real % 1000));
  return buf;
}

// SDL_USEREVENT codes: wake up, or a watched file changed on disk.
constexpr Sint32 kWakeUp = 0;
constexpr Sint32 kFilesChanged = 1;
constexpr Sint32 kDisplaysChanged = 2;  // a DRM hotplug event (the console)
constexpr Sint32 kPicturesReady = 3;    // the picture cache decoded a picture

class Show {
 public:
  // `watch` watches the playlist since before it was read (see RunShow).
  Show(const Options& options, std::string path, std::unique_ptr<WatchThread> watch)
      : options_(options),
        deck_(fonts_.fonts()),
        hyphenation_(
            deck_, [](const std::string& lang) { return StartHyphenation(lang, WakeUp); }, Log),
        content_(std::move(path), deck_, scheduler_, hyphenation_,
                 {source_, fonts_, NowMs, Log,
                  [this](bool new_content) { ContentChanged(new_content); }}),
        watch_(std::move(watch)) {
    deck_.OnLayout([this](std::size_t slide, const SlideLayout& layout, const LayoutLimits& l) {
      if (layout.met_minimum) return;
      Log(content_.path() + ": slides[" + std::to_string(slide) + "]: too much text for " +
          std::to_string(deck_.width()) + "x" + std::to_string(deck_.height()) + ": body text " +
          std::to_string(layout.body_px) + " px, below the readable minimum of " +
          std::to_string(l.min_body_px) + " px");
    });
  }

  int Run(std::chrono::steady_clock::time_point started);

 private:
  // The steps of Run.
  bool Start();
  void TakeSignals();
  void TakeFileChanges();
  // The control socket's requests: each goes the keys' way (Apply), then its reply.
  void TakeControlRequests();
  std::string Status() const { return StatusReply(Gather()); }
  ShowStatus Gather() const;
  void StartMqtt();
  void Apply(const Action& action);
  Frame CurrentFrame(Millis now);
  // The programme slides' text for state_.wall, given to the Deck when it changed.
  void UpdateProgramme();
  // Draws `frame` if it differs from what shows (or a redraw is due); true if it drew.
  bool DrawIfChanged(Frame frame);
  void FirstFrameShown();
  // Idle time: rasterises the next slide so its transition never waits for text.
  void PrepareNextSlide(Millis now);
  // How long the loop may sleep: until the next frame change, watchdog or reload.
  // `frame_now`: the time the frame just built was for (see Run).
  Millis WaitTime(Millis frame_now, bool drew);
  void WaitForEvents(Millis wait);

  bool OpenDisplay();
  void Handle(const SDL_Event& e);
  void HandleKey(const SDL_Event& e);
  void Reload();
  // The switcher changed what shows: `new_content`, or only the error mark.
  void ContentChanged(bool new_content);
  void WatchFiles();
  void Resize();
  void ApplyHyphenation();
  void DisplaysChanged();
  std::string Showing() const {
    return "showing " + CountOf(scheduler_.count(), "slide", "slides") + " from " + content_.path();
  }
  // Wakes the event loop from another thread (SDL_PushEvent is thread-safe).
  static void WakeUp() {
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    e.user.code = kWakeUp;
    SDL_PushEvent(&e);
  }

  Options options_;
  ServiceNotifier service_;  // systemd: ready, watchdog
  DiskContent disk_;
  PushedContent source_{disk_};  // the file, or a playlist pushed over MQTT
  PinnedTtfFonts fonts_;         // pinned: readable whatever happens to their files
  Deck deck_;
  Scheduler scheduler_{{}, 0, 0};  // the content's from ContentSwitcher::Start on
  ShowState state_;
  InputState input_;
  DiskPictures picture_files_;
  PictureCache pictures_{picture_files_,
                         [] {
                           SDL_Event e{};
                           e.type = SDL_USEREVENT;
                           e.user.code = kPicturesReady;
                           SDL_PushEvent(&e);
                         },
                         Log};
  Display display_{options_};  // after fonts_ and pictures_: its Screen uses them
  bool display_open_ = false;
  HyphenationKeeper hyphenation_;  // after deck_: owns what the Deck points to
  ContentSwitcher content_;
  std::chrono::steady_clock::time_point started_;
  bool running_ = true;
  int exit_code_ = kExitOk;
  bool redraw_ = true;
  Frame shown_;
  bool first_frame_ = true;
  Millis frame_begin_ = 0;  // when the last frame began to be drawn
  std::unique_ptr<WatchThread> watch_;
  std::unique_ptr<FrameStats> frame_stats_;  // KIOSK_FRAME_STATS=1
  std::unique_ptr<ControlServer> control_;   // kiosk ctl; none if it cannot listen
  std::unique_ptr<MqttLink> mqtt_;           // none unless configured
  DrawTimes draw_times_;
  long long version_ = 0;         // playlists shown since the start
  struct stat playlist_stat_ {};  // the playlist file when it was read
  bool log_slides_ = false;       // KIOSK_LOG_SLIDES=1: each change, real time
  bool on_clock_ = false;         // as last logged
  // The real-time clock set (NTP): wall-clock sync re-evaluates now (the loop turn reads it).
  ClockSetWatch clock_watch_{WakeUp};
  WallClock wall_clock_;  // --at/--speed's simulated one, else the real-time clock
  // Programme slides: expanded again at this real time (or on new content, a clock
  // stepped back, trust won or lost).
  std::optional<Millis> programme_due_;
  bool programme_dirty_ = true;
  WallTime programme_wall_;
  // Time rules: which slides may show (evaluated again at the next edge, after a reload...).
  EligibilityWatch rules_;
  // Whether the real-time clock can be trusted yet (clock_trust.h); --at's always is.
  bool ClockTrust();
  std::optional<bool> trusted_;  // as last logged
};

bool Show::ClockTrust() {
  if (wall_clock_.simulated() || trusted_.value_or(false)) return true;
  std::string why;
  const bool trusted = ClockTrusted(ReadClockFacts(), &why);
  if (trusted_ != trusted) {
    Log(trusted ? "the system clock is synchronised (" + why + "): time rules apply"
                : "the system clock is not synchronised yet (" + why +
                      "): slides with a \"when\" are not shown, the playlist's \"when\" is "
                      "ignored and clock fields show a dash until it is");
    trusted_ = trusted;
  }
  return trusted;
}

bool Show::OpenDisplay() {
  if (!display_.Open(
          fonts_.fonts(),
          [] {
            SDL_Event e{};
            e.type = SDL_USEREVENT;
            e.user.code = kDisplaysChanged;
            SDL_PushEvent(&e);
          },
          &pictures_)) {
    return false;
  }
  display_open_ = true;
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
  if (!hyphenation_.ready()) return;
  // The slides on screen keep their lines; hyphenation shows from the next slide on.
  std::vector<std::size_t> on_screen = {scheduler_.current()};
  if (auto out = scheduler_.FadingOut(NowMs())) on_screen.push_back(*out);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started_)
                      .count();
  hyphenation_.Apply(on_screen, static_cast<Millis>(ms));
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
  if (!watch_->Watch(content_.watched(), &error)) {
    Log(error + "; the playlist reloads only on R or SIGHUP");
  }
}

void Show::ContentChanged(bool new_content) {
  if (new_content) {
    ++version_;
    if (::stat(content_.path().c_str(), &playlist_stat_) != 0) playlist_stat_ = {};
  }
  if (new_content && display_open_) display_.screen().Clear();
  if (new_content) programme_dirty_ = true;
  WatchFiles();
  redraw_ = true;
}

void Show::Reload() { content_.Reload(); }

void Show::HandleKey(const SDL_Event& e) {
  if (e.key.repeat) return;  // a held key must not race through the show
  const Action action = input_.OnKey(SDL_GetKeyName(e.key.keysym.sym), scheduler_.count());
  state_.pending_digits = input_.pending();
  Apply(action);
}

void Show::Apply(const Action& action) {
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
}

void Show::Handle(const SDL_Event& e) {
  switch (e.type) {
    case SDL_QUIT:
      running_ = false;
      break;
    case SDL_KEYDOWN:
      HandleKey(e);
      break;
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
      if (e.user.code == kPicturesReady && display_open_ && display_.screen().PicturesArrived()) {
        redraw_ = true;
      }
      break;
    default:
      break;
  }
}

bool Show::Start() {
  if (const char* stats = std::getenv("KIOSK_FRAME_STATS"); stats && std::string(stats) == "1") {
    frame_stats_ = std::make_unique<FrameStats>();
    pictures_.LogTimings(true);
  }
  if (const char* log = std::getenv("KIOSK_LOG_SLIDES"); log && std::string(log) == "1") {
    log_slides_ = true;
  }
  if (!clock_watch_.ok()) {
    Log("cannot watch the real-time clock (" + clock_watch_.error() +
        "): with \"sync\": \"clock\" a clock set is noticed at the next slide change");
  }
  // A playlist (or font) that cannot be used shows its errors on screen until it is fixed:
  // a hall screen must never sit black, or on a desktop, waiting for someone with a keyboard.
  if (!content_.Start()) return false;
  if (!OpenDisplay()) return false;
  if (!options_.at.empty()) {
    // Local time in the zone of the playlist as it was at the start.
    Millis at = 0;
    std::string error;
    if (!ResolveAt(options_.at, PlaylistZone(deck_.playlist()), &at, &error)) {
      Log("--at: " + error);
      return false;
    }
    wall_clock_ = WallClock(at, options_.speed, NowMs());
    char speed[32];
    std::snprintf(speed, sizeof speed, "%g", options_.speed);
    Log("simulated time from " + options_.at + " (" + PlaylistZone(deck_.playlist()).name() +
        "), " + speed + " times as fast");
  }
  const std::string path =
      options_.control.empty() ? DefaultControlPath(std::getenv) : options_.control;
  std::string error;
  if (path.empty()) {
    Log("no control socket: neither RUNTIME_DIRECTORY nor XDG_RUNTIME_DIR is set (--control "
        "PATH names one)");
  } else if (!(control_ = ControlServer::Open(path, WakeUp, &error))) {
    Log("no control socket: " + error);
  } else {
    Log("control socket: " + path);
  }
  StartMqtt();
  return true;
}

void Show::StartMqtt() {
  mqtt_ = MqttLink::FromEnvironment({[this] { return Gather(); },
                                     [this](const Action& action) { Apply(action); }, content_,
                                     source_, NowMs, WakeUp, Log});
}

void Show::TakeControlRequests() {
  if (!control_) return;
  for (const ControlServer::Request& r : control_->Take()) {
    ControlRequest request;
    std::string error;
    if (!ParseControlLine(r.line, scheduler_.count(), &request, &error)) {
      control_->Reply(r.client, ControlErrorReply(error));
    } else if (request.status) {
      control_->Reply(r.client, Status());
    } else {
      Apply(request.action);
      const bool failed = request.action.command == Command::kReload &&
                          (content_.disk_has_errors() || content_.showing_errors());
      control_->Reply(r.client,
                      failed ? ControlErrorReply("the playlist has errors (kiosk ctl status lists "
                                                 "them); the last good version keeps showing")
                             : ControlOkReply());
    }
  }
}

ShowStatus Show::Gather() const {
  ShowStatus s;
  s.slide = scheduler_.current();
  s.count = scheduler_.count();
  s.shown = scheduler_.EligibleCount();
  s.idle = scheduler_.idle();
  s.paused = scheduler_.paused();
  s.black = state_.black;
  s.error_screen = content_.showing_errors();
  s.playlist = content_.path();
  s.version = version_;
  s.mtime = playlist_stat_.st_mtime;
  s.size = playlist_stat_.st_nlink == 0 ? -1 : playlist_stat_.st_size;
  s.errors = content_.problems();
  s.sync = !scheduler_.follows_clock() ? "off" : scheduler_.on_clock() ? "clock" : "left";
  s.uptime_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started_)
                    .count();
  s.draw_times = &draw_times_;
  return s;
}

void Show::TakeSignals() {
  if (const SignalRequest signal = TakeSignal(); signal == SignalRequest::kQuit) {
    running_ = false;
  } else if (signal == SignalRequest::kReload) {
    service_.Reloading();
    Reload();
    service_.Ready(Showing());
  }
}

// The watch thread keeps changes until they are taken: one that came before SDL_Init
// (when its wake-up could not be pushed) is found here on the loop's first turn.
void Show::TakeFileChanges() {
  if (!watch_->TakeChanges().empty()) content_.FilesChanged();
}

Frame Show::CurrentFrame(Millis now) {
  // An announcement's words are hyphenated like the slides' (patterns released before it
  // came load again), whichever way it came (a key, kiosk ctl).
  if (const std::string& text = state_.announcement ? state_.announcement->text : std::string();
      text != deck_.announcement()) {
    deck_.SetAnnouncement(text);
    hyphenation_.AfterPlaylist();
  }
  // Both clocks read together: the real-time one may have been set or slewed since.
  const Millis real = wall_clock_.RealAt(now, RealtimeMs());
  state_.wall.real_ms = real;
  state_.wall.trusted = ClockTrust();
  scheduler_.SetClockOffset(real - now);
  const std::size_t was = scheduler_.idle() ? SIZE_MAX : scheduler_.current();
  if (auto eligible = rules_.Check(deck_.playlist(), version_, state_.wall)) {
    scheduler_.SetEligible(std::move(*eligible), now);
  }
  const bool changed =
      scheduler_.Update(now) || was != (scheduler_.idle() ? SIZE_MAX : scheduler_.current());
  if (changed && log_slides_ && scheduler_.idle()) {
    Log("idle (no slide may show now) at " + ClockTime(real) + " UTC (real time " +
        std::to_string(real) + " ms)");
  } else if (changed && log_slides_) {
    Log("slide " + std::to_string(scheduler_.current() + 1) + " at " + ClockTime(real) +
        " UTC (real time " + std::to_string(real) + " ms)" +
        (scheduler_.on_clock() ? ", on the clock" : ""));
  }
  if (scheduler_.on_clock() != on_clock_) {
    on_clock_ = scheduler_.on_clock();
    if (on_clock_) {
      Log("following the real-time clock (\"sync\": \"clock\")");
    } else if (scheduler_.follows_clock()) {
      Log("off the clock after a key, until F5 (resume) or " +
          std::to_string(config::kSyncRejoinMs / 60000) + " minutes without a key");
    }
  }
  UpdateProgramme();
  Frame frame = BuildFrame(deck_, scheduler_, state_, now);
  if (content_.disk_has_errors() && deck_.playlist().error_mark && !state_.black) {
    AddErrorMark(&frame, deck_.playlist().theme, deck_.width(), deck_.height());
  }
  return frame;
}

void Show::UpdateProgramme() {
  const WallTime wall = state_.wall;
  if (!programme_dirty_ && wall.trusted == programme_wall_.trusted &&
      wall.real_ms >= programme_wall_.real_ms &&
      (!programme_due_ || wall.real_ms < *programme_due_)) {
    return;
  }
  programme_dirty_ = false;
  programme_wall_ = wall;
  programme_due_ = NextProgrammeChange(deck_.playlist(), content_.programmes(), wall);
  if (ProgrammeFiles(deck_.playlist()).empty()) return;
  Playlist playlist = deck_.playlist();
  if (!ExpandProgramme(&playlist, content_.programmes(), wall)) return;
  for (std::size_t i = 0; log_slides_ && i < playlist.slides.size(); ++i) {
    const Slide& slide = playlist.slides[i];
    if (slide.programme && slide.text != deck_.playlist().slides[i].text) {
      Log("programme slide " + std::to_string(i + 1) + " at " + ClockTime(wall.real_ms) +
          " UTC: " + EchoForUser(slide.text, 240));
    }
  }
  deck_.SetPlaylist(std::move(playlist), deck_.picture_sizes());
  hyphenation_.AfterPlaylist();  // knows every word already (Deck::SetMoreWords)
  redraw_ = true;
}

bool Show::DrawIfChanged(Frame frame) {
  if (!redraw_ && frame == shown_) return false;
  frame_begin_ = NowMs();
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
  draw_times_.Add(
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count());
  shown_ = std::move(frame);
  redraw_ = false;
  if (std::string line = content_.timer().Shown(NowMs()); !line.empty()) Log(line);
  if (first_frame_) FirstFrameShown();
  return true;
}

void Show::FirstFrameShown() {
  first_frame_ = false;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started_)
                      .count();
  Log("first frame on screen after " + std::to_string(ms) + " ms (" +
      std::to_string(deck_.width()) + "x" + std::to_string(deck_.height()) + ", " +
      SDL_GetCurrentVideoDriver() + ", " + display_.screen().Name() + "), " +
      CountOf(scheduler_.count(), "slide", "slides") + " from " + content_.path());
  service_.Ready(Showing());
  display_.FirstFrameShown();
  // The patterns load after the first frame: on two cores the load would compete with
  // start-up.
  hyphenation_.StartDeferred();
}

void Show::PrepareNextSlide(Millis now) {
  // Then the font sizes the layout search tried and the memory freed since go.
  if (!scheduler_.FadingOut(now) &&
      display_.screen().Prepare((scheduler_.current() + 1) % scheduler_.count(), deck_)) {
    fonts_.fonts().CloseAllBut(config::kFontSizesKeptOpen);
    ReturnFreeMemory();
  }
}

Millis Show::WaitTime(Millis frame_now, bool drew) {
  // Asked for the frame's own time, not for after drawing it: a crossfade frame that took
  // a few milliseconds to draw (pictures) could otherwise end after the crossfade, and the
  // last, nearly faded frame would stay on screen, the old slide a faint ghost under the
  // new one, until the next slide.
  Millis wait = NextFrameChange(deck_, scheduler_, state_, frame_now);
  if (wait > 0) wait = std::max<Millis>(0, wait - (NowMs() - frame_now));
  if (const Millis field = NextFieldChangeAt(deck_, scheduler_, state_, frame_now);
      field >= 0 && wall_clock_.simulated()) {  // --speed: a clock field ticks faster
    const Millis mono = wall_clock_.MonoUntil(field, state_.wall.real_ms);
    if (wait < 0 || mono < wait) wait = mono;
  }
  // During a crossfade vsync paces the loop; if nothing was drawn, do not spin.
  if (wait == 0 && !drew) wait = 5;
  // Without vsync a crossfade would redraw as fast as the CPU allows: 60 frames a second.
  if (wait == 0 && !display_.screen().PacedByVsync()) {
    constexpr Millis kFrameMs = 16;
    wait = std::max<Millis>(0, kFrameMs - (NowMs() - frame_begin_));
  }
  service_.FeedWatchdog(NowMs());  // a hung loop stops feeding: systemd restarts kiosk
  if (const Millis dog = service_.UntilWatchdog(NowMs()); dog >= 0 && (wait < 0 || dog < wait)) {
    wait = dog;
  }
  if (programme_due_) {  // the programme slides change then (a talk begins or ends)
    const Millis due =
        wall_clock_.MonoUntil(*programme_due_, wall_clock_.RealAt(NowMs(), RealtimeMs()));
    if (wait < 0 || due < wait) wait = due;
  }
  if (!state_.wall.trusted && (wait < 0 || wait > config::kClockTrustCheckMs)) {
    wait = config::kClockTrustCheckMs;  // ask the clock again
  }
  if (rules_.next_edge() >= 0) {  // a time rule's edge: wake exactly then
    const Millis edge =
        wall_clock_.MonoUntil(rules_.next_edge(), wall_clock_.RealAt(NowMs(), RealtimeMs()));
    if (wait < 0 || edge < wait) wait = edge;
  }
  if (const Millis due = content_.timer().TimeToDue(NowMs());
      due >= 0 && (wait < 0 || due < wait)) {
    wait = due;
  }
  if (const Millis due = mqtt_ ? mqtt_->TimeToDue() : -1; due >= 0 && (wait < 0 || due < wait)) {
    wait = due;
  }
  return wait;
}

void Show::WaitForEvents(Millis wait) {
  SDL_Event e;
  const bool got =
      wait < 0 ? SDL_WaitEvent(&e)
               : SDL_WaitEventTimeout(&e, static_cast<int>(std::min<Millis>(wait, INT_MAX)));
  if (got) {
    Handle(e);
    while (running_ && SDL_PollEvent(&e)) Handle(e);
  }
}

int Show::Run(std::chrono::steady_clock::time_point started) {
  started_ = started;
  if (!Start()) return kExitError;
  while (running_) {
    TakeSignals();
    if (!running_) break;
    TakeFileChanges();
    TakeControlRequests();
    if (mqtt_) mqtt_->TakeMessages();
    if (!running_) break;
    ApplyHyphenation();
    if (content_.timer().Due(NowMs())) Reload();
    const Millis now = NowMs();
    const bool drew = DrawIfChanged(CurrentFrame(now));
    if (mqtt_) mqtt_->PublishState();
    PrepareNextSlide(now);
    WaitForEvents(WaitTime(now, drew));
  }
  service_.Stopping();
  control_.reset();  // the socket file goes with it
  mqtt_.reset();     // "offline" on the availability topic
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
    e.user.code = kFilesChanged;  // only wakes the loop, which takes the changes
    SDL_PushEvent(&e);            // fails before SDL_Init: the change waits in the WatchThread
  });
  std::string watch_error;
  watch->Watch({playlist_path}, &watch_error);  // the Show's Watch says why, if it fails
  SdlSession session;
  if (TTF_Init() != 0) {
    Log(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    return kExitError;
  }
  session.ttf = true;
  Show show(options, playlist_path, std::move(watch));
  return show.Run(started);
}

}  // namespace kiosk
