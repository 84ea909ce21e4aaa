// Hot reload's decisions, through fakes: what loads, which fonts open, the clock, the log.
#include "content_switcher.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "fake_measurer.h"

namespace kiosk {
namespace {

Content Good(std::size_t slides, const std::string& font = "/u/font.ttf",
             const std::string& lang = "zz") {
  Content c;
  c.playlist = DefaultPlaylist();
  c.playlist.lang = lang;
  for (std::size_t i = 0; i < slides; ++i) {
    Slide s;
    s.text = "slide " + std::to_string(i);
    c.playlist.slides.push_back(s);
  }
  c.fonts.regular = font;
  c.fonts.bold = font;
  c.fonts.synthetic_bold = true;
  return c;
}

// The playlist on "disk": the next Load gives `next`, or `problems` if there is none.
struct FakeSource : ContentSource {
  std::optional<Content> next;
  std::vector<std::string> problems;
  std::string unusable_font;  // with no `next`: the playlist read, its font_file unusable
  bool error_screen_has_font = true;
  std::optional<Content> Load(const std::string&, std::vector<std::string>* out,
                              std::string* font_file) override {
    if (!next) *out = problems;
    *font_file = next ? next->playlist.theme.font_file : unusable_font;
    return next;
  }
  std::optional<Content> ErrorScreen(const std::string& path,
                                     const std::vector<std::string>& shown) override {
    if (!error_screen_has_font) return std::nullopt;
    Content c{ErrorScreenPlaylist(path, shown), {}, {}, {}};
    c.fonts.regular = "/usr/share/fonts/DejaVuSans.ttf";
    c.fonts.bold = "/usr/share/fonts/DejaVuSans-Bold.ttf";
    return c;
  }
};

// The fonts in use: files named in `bad` are not fonts.
struct FakeFonts : FontSwitch {
  std::optional<FontFiles> in_use;
  std::vector<std::string> bad;
  std::vector<std::string> changed;
  int opened = 0;  // successful Use calls
  int failed = 0;
  std::vector<std::string> ChangedOnDisk() override { return changed; }
  bool Use(const FontFiles& files, std::string* error) override {
    for (const std::string& b : bad) {
      if (files.regular == b) {
        *error = "cannot open font " + b + ": Unknown file format";
        ++failed;
        return false;  // in_use stays as it was
      }
    }
    in_use = files;
    changed.clear();
    ++opened;
    return true;
  }
};

struct Rig {
  FakeSource source;
  FakeFonts fonts;
  Millis now = 1000;
  std::vector<std::string> log;
  int new_content = 0;
  int mark_only = 0;
  std::vector<std::string> started;  // languages whose patterns were asked for
  std::string dic;                   // the pattern file the starter loads ("": none)
  testing::FakeMeasurer measurer;
  Deck deck{measurer};
  Scheduler scheduler{{1}, 0, 0};
  HyphenationKeeper hyphenation{deck,
                                [this](const std::string& lang) {
                                  started.push_back(lang);
                                  return dic.empty() ? nullptr
                                                     : std::make_unique<HyphenationLoader>(dic);
                                },
                                [this](const std::string& line) { log.push_back(line); }};
  ContentSwitcher switcher{
      "/srv/p.json", deck, scheduler, hyphenation,
      ContentSwitcher::Seams{source, fonts, [this] { return now; },
                             [this](const std::string& line) { log.push_back(line); },
                             [this](bool content) { ++(content ? new_content : mark_only); }}};

  bool Logged(const std::string& line) const {
    return std::find(log.begin(), log.end(), line) != log.end();
  }
  std::string ErrorText() const { return deck.playlist().slides.at(0).text; }
};

TEST_CASE("ContentSwitcher::Start: a good playlist shows with its fonts") {
  Rig r;
  r.source.next = Good(3);
  REQUIRE(r.switcher.Start());
  CHECK_FALSE(r.switcher.showing_errors());
  CHECK(r.deck.playlist().slides.size() == 3);
  CHECK(r.scheduler.count() == 3);
  CHECK(r.fonts.in_use->regular == "/u/font.ttf");
  CHECK(r.new_content == 1);
  CHECK(r.log.empty());
}

TEST_CASE("ContentSwitcher::Start: a font that cannot be used gives the error screen") {
  Rig r;
  r.source.next = Good(3, "/u/garbage.ttf");
  r.fonts.bad = {"/u/garbage.ttf"};
  REQUIRE(r.switcher.Start());  // not an exit: under systemd that is a dark restart loop
  CHECK(r.switcher.showing_errors());
  const std::string error =
      "/srv/p.json: error: cannot open font /u/garbage.ttf: Unknown file format";
  CHECK(r.Logged(error));
  CHECK(r.Logged("showing the playlist's errors on screen until /srv/p.json is fixed"));
  CHECK(r.ErrorText().find(error) != std::string::npos);
  CHECK(r.fonts.in_use->regular == "/usr/share/fonts/DejaVuSans.ttf");
  CHECK(r.scheduler.count() == 1);
}

TEST_CASE(
    "ContentSwitcher::Start: a broken playlist gives the error screen; no font at all fails") {
  Rig r;
  r.source.problems = {"/srv/p.json:2:19: error: syntax error"};
  SUBCASE("the error screen") {
    REQUIRE(r.switcher.Start());
    CHECK(r.switcher.showing_errors());
    CHECK(r.ErrorText().find("/srv/p.json:2:19: error: syntax error") != std::string::npos);
  }
  SUBCASE("not even the error screen has a font") {
    r.source.error_screen_has_font = false;
    CHECK_FALSE(r.switcher.Start());
  }
  SUBCASE("the error screen's font does not open") {
    r.fonts.bad = {"/usr/share/fonts/DejaVuSans.ttf"};
    CHECK_FALSE(r.switcher.Start());
    CHECK(
        r.Logged("cannot show the errors on screen: cannot open font "
                 "/usr/share/fonts/DejaVuSans.ttf: Unknown file format"));
  }
}

TEST_CASE(
    "ContentSwitcher::Reload: a good save shows, on the same slide, without reopening fonts") {
  Rig r;
  r.source.next = Good(3);
  REQUIRE(r.switcher.Start());
  r.scheduler.GoTo(1, r.now);
  r.switcher.FilesChanged();
  CHECK(r.Logged("a watched file changed on disk; reloading in 300 ms unless it changes again"));
  r.now += 300;
  REQUIRE(r.switcher.timer().Due(r.now));
  r.source.next = Good(4);
  r.switcher.Reload();
  CHECK(r.Logged("reloaded: 4 slides"));
  CHECK(r.deck.playlist().slides.size() == 4);
  CHECK(r.scheduler.current() == 1);
  CHECK(r.fonts.opened == 1);  // the same fonts: not opened again
  CHECK(r.new_content == 2);
  CHECK(r.switcher.timer().Shown(r.now + 5) ==
        "new content on screen 305 ms after the change on disk, 5 ms after reading it");
}

TEST_CASE(
    "ContentSwitcher: \"sync\": \"clock\" follows the clock; an edit re-aligns, a broken one not") {
  Rig r;
  Content synced = Good(3);
  for (Slide& s : synced.playlist.slides) s.duration = 10;
  synced.playlist.sync = SyncMode::kClock;
  r.source.next = synced;
  REQUIRE(r.switcher.Start());
  CHECK(r.scheduler.on_clock());
  r.scheduler.SetClockOffset(25'000 - r.now);  // real time 25 s: slide 2 of the 30 s loop
  r.scheduler.Update(r.now);
  CHECK(r.scheduler.current() == 2);
  // An edit: 5 s slides, a 15 s loop, real time 25.1 s: slide 2 again (at 10 s into it).
  for (Slide& s : synced.playlist.slides) s.duration = 5;
  synced.playlist.slides.push_back(synced.playlist.slides[0]);  // 20 s: slide 1
  r.source.next = synced;
  r.now += 100;
  r.switcher.Reload();
  CHECK(r.scheduler.on_clock());
  r.scheduler.Update(r.now);
  CHECK(r.scheduler.current() == 1);
  // A broken save changes nothing; a save without "sync" stops following the clock.
  r.source.next.reset();
  r.source.problems = {"/srv/p.json:1:1: error: syntax error"};
  r.switcher.Reload();
  CHECK(r.scheduler.on_clock());
  Content off = synced;
  off.playlist.sync = SyncMode::kOff;
  r.source.next = off;
  r.switcher.Reload();
  CHECK_FALSE(r.scheduler.follows_clock());
  CHECK(r.scheduler.current() == 1);
}

TEST_CASE("ContentSwitcher::Reload: a broken save keeps the last good version") {
  Rig r;
  r.source.next = Good(3);
  REQUIRE(r.switcher.Start());
  r.source.next.reset();
  r.source.problems = {"/srv/p.json:3:3: error: comma missing"};
  r.switcher.Reload();
  CHECK(r.Logged("the playlist has errors; still showing the last good version"));
  CHECK(r.switcher.disk_has_errors());
  CHECK_FALSE(r.switcher.showing_errors());
  CHECK(r.deck.playlist().slides.size() == 3);
  CHECK(r.mark_only == 1);  // only the error mark changes
  CHECK(r.new_content == 1);
  CHECK(r.fonts.opened == 1);
  // What `kiosk ctl status` lists as "errors".
  CHECK(r.switcher.problems() == std::vector<std::string>{"/srv/p.json:3:3: error: comma missing"});

  r.source.next = Good(2);
  r.switcher.Reload();
  CHECK_FALSE(r.switcher.disk_has_errors());
  CHECK(r.deck.playlist().slides.size() == 2);
  CHECK(r.switcher.problems().empty());
}

TEST_CASE("ContentSwitcher::Reload: fonts that do not open keep the last good version and fonts") {
  Rig r;
  r.source.next = Good(3, "/u/a.ttf");
  REQUIRE(r.switcher.Start());
  r.fonts.bad = {"/u/garbage.ttf"};

  SUBCASE("another font_file that is not a font") {
    r.source.next = Good(5, "/u/garbage.ttf");
    r.switcher.Reload();
    CHECK(r.Logged("the fonts changed (other font files): opening them"));
  }
  SUBCASE("the font file overwritten in place with garbage") {
    r.fonts.bad = {"/u/a.ttf"};
    r.fonts.changed = {"/u/a.ttf"};
    r.source.next = Good(5, "/u/a.ttf");
    r.switcher.Reload();
    CHECK(r.Logged("the fonts changed (/u/a.ttf changed on disk): opening them"));
  }
  CHECK(r.fonts.failed == 1);
  CHECK(r.fonts.in_use->regular == "/u/a.ttf");  // never closed for the failed set
  CHECK(r.deck.playlist().slides.size() == 3);
  CHECK(r.switcher.disk_has_errors());
  CHECK_FALSE(r.switcher.showing_errors());
  CHECK(r.Logged("the playlist has errors; still showing the last good version"));
  CHECK(r.switcher.timer().Shown(r.now + 1).empty());

  // Fixed: the next save shows.
  r.fonts.bad.clear();
  r.source.next = Good(6, "/u/a.ttf");
  r.switcher.Reload();
  CHECK(r.deck.playlist().slides.size() == 6);
  CHECK_FALSE(r.switcher.disk_has_errors());
}

TEST_CASE("ContentSwitcher::Reload: a font file replaced on disk is opened again") {
  Rig r;
  r.source.next = Good(3, "/u/a.ttf");
  REQUIRE(r.switcher.Start());
  r.fonts.changed = {"/u/a.ttf"};  // cp or mv of another font over it
  r.source.next = Good(3, "/u/a.ttf");
  r.switcher.Reload();
  CHECK(r.Logged("the fonts changed (/u/a.ttf changed on disk): opening them"));
  CHECK(r.fonts.opened == 2);
  CHECK(r.Logged("reloaded: 3 slides"));

  r.source.next = Good(3, "/u/b.ttf");
  r.switcher.Reload();
  CHECK(r.Logged("the fonts changed (other font files): opening them"));
  CHECK(r.fonts.in_use->regular == "/u/b.ttf");
  CHECK(r.fonts.opened == 3);
}

TEST_CASE("ContentSwitcher::Reload: on the error screen, new errors show until it is fixed") {
  Rig r;
  r.source.problems = {"/srv/p.json:2:19: error: syntax error"};
  REQUIRE(r.switcher.Start());
  r.source.problems = {"/srv/p.json: error: slides[0].duration: must be a number > 0"};
  r.switcher.Reload();
  CHECK(r.Logged("the playlist still has errors: showing them"));
  CHECK(r.switcher.showing_errors());
  CHECK(r.ErrorText().find("slides[0].duration") != std::string::npos);

  // Loads, but its font is garbage: the error screen says so.
  r.fonts.bad = {"/u/garbage.ttf"};
  r.source.next = Good(2, "/u/garbage.ttf");
  r.switcher.Reload();
  CHECK(r.switcher.showing_errors());
  CHECK(r.ErrorText().find("cannot open font /u/garbage.ttf") != std::string::npos);

  r.source.next = Good(2, "/u/a.ttf");
  r.switcher.Reload();
  CHECK_FALSE(r.switcher.showing_errors());
  CHECK(r.Logged("reloaded: 2 slides"));
  CHECK(r.fonts.in_use->regular == "/u/a.ttf");
}

TEST_CASE("ContentSwitcher::watched: the playlist and the font files it named") {
  Rig r;
  Content broken_font = Good(1, "/u/garbage.ttf");
  broken_font.playlist.theme.font_file = "/u/garbage.ttf";
  r.fonts.bad = {"/u/garbage.ttf"};
  r.source.next = broken_font;
  REQUIRE(r.switcher.Start());
  REQUIRE(r.switcher.showing_errors());
  // The error screen: fixing the font must bring the show, so its file is watched.
  CHECK(r.switcher.watched() == std::vector<std::string>{"/srv/p.json", "/u/garbage.ttf"});

  Content good = Good(1, "/u/a.ttf");
  good.playlist.theme.font_file = "/u/a.ttf";
  r.source.next = good;
  r.switcher.Reload();
  CHECK(r.switcher.watched() == std::vector<std::string>{"/srv/p.json", "/u/a.ttf"});

  r.source.next = broken_font;  // kept out: the last good version shows, both are watched
  r.switcher.Reload();
  CHECK(r.switcher.disk_has_errors());
  CHECK(r.switcher.watched() ==
        std::vector<std::string>{"/srv/p.json", "/u/a.ttf", "/u/garbage.ttf"});

  r.source.next.reset();  // does not parse: the playlist and the font showing
  r.switcher.Reload();
  CHECK(r.switcher.watched() == std::vector<std::string>{"/srv/p.json", "/u/a.ttf"});
}

TEST_CASE("ContentSwitcher::watched: every picture file of the version showing, once each") {
  Rig r;
  Content c = Good(3);
  PictureRef logo;
  logo.file = "/srv/logo.png";
  c.playlist.theme.logo = Logo{logo, Corner::kTopRight, 0.1};
  PictureRef back;
  back.file = "/srv/back.jpg";
  c.playlist.theme.background_picture = Backdrop{back, Color{0, 0, 0, 100}};
  PictureRef photo;
  photo.file = "/srv/photo.jpg";
  c.playlist.slides[0].image = ImageElement{photo, ImagePosition::kAuto};
  c.playlist.slides[1].background = Backdrop{back, Color{}};  // the same file again
  c.playlist.slides[2].qr = QrElement{"https://example.org", "", ImagePosition::kAuto};
  r.source.next = c;
  REQUIRE(r.switcher.Start());
  CHECK(r.switcher.watched() == std::vector<std::string>{"/srv/p.json", "/srv/back.jpg",
                                                         "/srv/logo.png", "/srv/photo.jpg"});
  r.source.next.reset();  // broken: the version showing keeps its pictures watched
  r.switcher.Reload();
  CHECK(r.switcher.watched().size() == 4);
  r.source.next = Good(1);  // no pictures any more
  r.switcher.Reload();
  CHECK(r.switcher.watched() == std::vector<std::string>{"/srv/p.json"});
}

TEST_CASE("ContentSwitcher: a picture file that became unusable keeps its last good size") {
  Rig r;
  Content c = Good(2);
  PictureRef logo;
  logo.file = "/srv/logo.png";
  c.playlist.theme.logo = Logo{logo, Corner::kTopRight, 0.1};
  PictureRef photo;
  photo.file = "/srv/photo.jpg";
  c.playlist.slides[0].image = ImageElement{photo, ImagePosition::kAuto};
  c.pictures = {{"/srv/logo.png", {200, 100}}, {"/srv/photo.jpg", {40, 30}}};
  r.source.next = c;
  r.deck.SetScreen(800, 600);
  REQUIRE(r.switcher.Start());
  // Replaced by a broken file: the Deck still lays the logo out, so the drawers, which
  // keep the last good pixels of a picture they hold, go on showing it.
  c.pictures["/srv/logo.png"] = {};
  r.source.next = c;
  r.switcher.Reload();
  CHECK(r.deck.picture_sizes().at("/srv/logo.png") == PictureSize{200, 100});
  CHECK(r.Logged("/srv/logo.png: cannot be used now; still showing the last good picture"));
  CHECK(r.deck.Over().size() == 1);
  // Another file that cannot be used was never shown: left out.
  c.playlist.slides[0].image->picture.file = "/srv/new.jpg";
  c.pictures["/srv/new.jpg"] = {};
  r.source.next = c;
  r.switcher.Reload();
  CHECK(r.deck.picture_sizes().at("/srv/new.jpg") == PictureSize{});
}

TEST_CASE("ContentSwitcher::watched: a font the loader rejects is watched on the error screen") {
  // --check's FreeType test rejects the font before any font is opened: the playlist was
  // read, so its font_file is known, and fixing that file must bring the show.
  Rig r;
  r.source.problems = {"/srv/p.json: error: theme.font_file: /u/garbage.ttf: not a font"};
  r.source.unusable_font = "/u/garbage.ttf";
  REQUIRE(r.switcher.Start());
  REQUIRE(r.switcher.showing_errors());
  CHECK(r.switcher.watched() == std::vector<std::string>{"/srv/p.json", "/u/garbage.ttf"});

  r.source.unusable_font.clear();  // now it does not even parse
  r.switcher.Reload();
  CHECK(r.switcher.watched() == std::vector<std::string>{"/srv/p.json"});
}

TEST_CASE("ContentSwitcher: hyphenation starts after the first frame, and on a new language") {
  Rig r;
  r.source.next = Good(2, "/u/a.ttf", "de");
  REQUIRE(r.switcher.Start());
  CHECK(r.started.empty());  // not before the first frame
  r.hyphenation.StartDeferred();
  CHECK(r.started == std::vector<std::string>{"de"});
  r.hyphenation.StartDeferred();
  CHECK(r.started.size() == 1);

  r.source.next = Good(2, "/u/a.ttf", "de");
  r.switcher.Reload();
  CHECK(r.started.size() == 1);  // the same language: the same patterns
  r.source.next = Good(2, "/u/a.ttf", "en");
  r.switcher.Reload();
  CHECK(r.started == std::vector<std::string>{"de", "en"});
}

TEST_CASE("ContentSwitcher: from the error screen to a good playlist, its patterns load at once") {
  Rig r;
  r.source.problems = {"p: error"};
  REQUIRE(r.switcher.Start());
  r.hyphenation.StartDeferred();
  CHECK(r.started.empty());  // the error screen is not hyphenated
  r.source.next = Good(2, "/u/a.ttf", "de");
  r.switcher.Reload();
  CHECK(r.started == std::vector<std::string>{"de"});
}

// A tiny pattern file: a word may break between "a" and "b".
struct TinyPatterns {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("kiosk-hyph-" + std::to_string(::getpid()) + ".dic"))
                         .string();
  TinyPatterns() { std::ofstream(path) << "ISO8859-1\na1b\n"; }
  ~TinyPatterns() { std::filesystem::remove(path); }
};

void WaitUntilReady(Rig& r) {
  for (int i = 0; i < 500 && !r.hyphenation.Apply({}, 0); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Content Words(const std::string& text) {
  Content c = Good(1, "/u/a.ttf", "xx");
  c.playlist.slides[0].text = text;
  return c;
}

TEST_CASE("HyphenationKeeper: released patterns load again for the new words of a reload") {
  TinyPatterns patterns;
  Rig r;
  r.dic = patterns.path;
  r.source.next = Words("aaaabbbb");
  REQUIRE(r.switcher.Start());
  r.hyphenation.StartDeferred();
  WaitUntilReady(r);
  CHECK(r.hyphenation.points() == 1);
  CHECK(r.Logged("hyphenation patterns " + patterns.path +
                 " in use after 0 ms (1 hyphenation points in the playlist)"));

  SUBCASE("the same words: the answers are kept, nothing loads") {
    r.source.next = Words("aaaabbbb aaaabbbb");
    r.switcher.Reload();
    CHECK(r.started.size() == 1);
    CHECK(r.hyphenation.points() == 2);
  }
  SUBCASE("a new word: the patterns load again, and it is hyphenated") {
    r.source.next = Words("aaaabbbb ccccabbbb");
    r.switcher.Reload();
    CHECK(r.Logged("new words since the hyphenation patterns were released: loading them again"));
    CHECK(r.started.size() == 2);
    CHECK(r.hyphenation.loading());
    // Meanwhile the Deck lays out without hyphenation: it let go of the old Hyphenator
    // before its loader went (the sanitizers see it if the order is ever reversed).
    r.deck.SetScreen(640, 360);
    CHECK_FALSE(r.deck.Layout(0).lines.empty());
    WaitUntilReady(r);
    CHECK(r.hyphenation.points() == 2);
  }
}

TEST_CASE("HyphenationKeeper: an announcement's new words load released patterns again") {
  TinyPatterns patterns;
  Rig r;
  r.dic = patterns.path;
  r.source.next = Words("aaaabbbb");
  REQUIRE(r.switcher.Start());
  r.hyphenation.StartDeferred();
  WaitUntilReady(r);
  CHECK(r.hyphenation.points() == 1);
  // What the show does when an announcement with a new word arrives.
  r.deck.SetAnnouncement("ccccabbbb");
  r.hyphenation.AfterPlaylist();
  CHECK(r.Logged("new words since the hyphenation patterns were released: loading them again"));
  CHECK(r.started.size() == 2);
  WaitUntilReady(r);
  CHECK(r.hyphenation.points() == 2);
  r.deck.SetScreen(1920, 1080);
  CHECK_FALSE(r.deck.Band("ccccabbbb").empty());
}

}  // namespace
}  // namespace kiosk

namespace kiosk {

TEST_CASE("ContentSwitcher: a schedule that cannot be read keeps the last good programme") {
  Rig r;
  Content c = Good(2);
  Slide programme_slide;
  programme_slide.programme = ProgrammeRef{"/srv/schedule.json", "Saal 1"};
  c.playlist.slides.push_back(programme_slide);
  Programme first;
  first.title = "erste Fassung";
  c.programmes["/srv/schedule.json"] = std::make_shared<const Programme>(first);
  r.source.next = c;
  REQUIRE(r.switcher.Start());
  CHECK(r.switcher.programmes().at("/srv/schedule.json")->title == "erste Fassung");
  const auto watched = r.switcher.watched();
  CHECK(std::find(watched.begin(), watched.end(), "/srv/schedule.json") != watched.end());
  // Broken now: the content loads without it; the last good one stays.
  r.source.next->programmes.clear();
  r.switcher.Reload();
  CHECK(r.switcher.programmes().at("/srv/schedule.json")->title == "erste Fassung");
  CHECK(r.Logged("/srv/schedule.json: cannot be used now; still showing the last good programme"));
  // Fixed: the new one.
  Programme second;
  second.title = "zweite Fassung";
  r.source.next->programmes["/srv/schedule.json"] = std::make_shared<const Programme>(second);
  r.switcher.Reload();
  CHECK(r.switcher.programmes().at("/srv/schedule.json")->title == "zweite Fassung");
  // A playlist that no longer names it lets it go.
  r.source.next = Good(2);
  r.switcher.Reload();
  CHECK(r.switcher.programmes().empty());
}

}  // namespace kiosk
