#include "reload.h"

#include <doctest/doctest.h>

#include "deck.h"
#include "fake_measurer.h"

namespace kiosk {
namespace {

TEST_CASE("Debouncer: a burst of changes gives one reload, after the quiet time") {
  Debouncer d(300);
  CHECK_FALSE(d.pending());
  CHECK(d.TimeToDue(0) == -1);
  CHECK_FALSE(d.Due(1000));

  // An editor's save: truncate, write, write, close within 40 ms.
  d.Changed(1000);
  d.Changed(1010);
  d.Changed(1040);
  CHECK(d.pending());
  CHECK(d.first_change() == 1000);
  CHECK(d.TimeToDue(1040) == 300);
  CHECK_FALSE(d.Due(1300));  // 300 ms after the first event, but only 260 after the last
  CHECK(d.TimeToDue(1300) == 40);
  CHECK(d.Due(1340));
  CHECK_FALSE(d.Due(1341));  // once
  CHECK(d.TimeToDue(1341) == -1);
}

TEST_CASE("Debouncer: a late reader is due at once; a new burst starts anew") {
  Debouncer d(300);
  d.Changed(0);
  CHECK(d.TimeToDue(5000) == 0);
  CHECK(d.Due(5000));
  d.Changed(6000);
  CHECK(d.first_change() == 6000);
  d.Changed(6200);
  CHECK_FALSE(d.Due(6400));
  CHECK(d.Due(6500));
}

TEST_CASE("Debouncer: a steady stream of writes waits until it stops") {
  Debouncer d(300);
  Millis now = 0;
  for (int i = 0; i < 100; ++i, now += 100) {
    d.Changed(now);
    CHECK_FALSE(d.Due(now + 99));
  }
  CHECK(d.Due(now - 100 + 300));
}

TEST_CASE("ReloadTimer: the latency from the first change of a burst to the new frame") {
  ReloadTimer t(300);
  CHECK(t.Changed(1000));        // first of a burst: log it
  CHECK_FALSE(t.Changed(1020));  // the rest of it: quiet
  CHECK(t.TimeToDue(1020) == 300);
  CHECK(t.Shown(1100).empty());  // a progress bar step before the reload: nothing to say
  CHECK(t.Due(1320));
  t.Reading(1320);
  t.Finished(true);
  CHECK(t.Shown(1325) ==
        "new content on screen 325 ms after the change on disk, 5 ms after "
        "reading it");
  CHECK(t.Shown(1400).empty());  // once

  SUBCASE("a failed reload logs no latency") {
    t.Changed(2000);
    CHECK(t.Due(2300));
    t.Reading(2300);
    t.Finished(false);
    CHECK(t.Shown(2301).empty());
  }
  SUBCASE("R or SIGHUP: a reload without a change on disk logs none") {
    t.Reading(3000);
    t.Finished(true);
    CHECK(t.Shown(3001).empty());
  }
}

TEST_CASE("WatchedFiles: the playlist and its font file") {
  CHECK(WatchedFiles("shows/p.json", nullptr) == std::vector<std::string>{"shows/p.json"});
  Playlist p = DefaultPlaylist();
  CHECK(WatchedFiles("shows/p.json", &p) == std::vector<std::string>{"shows/p.json"});
  p.theme.font_file = "shows/f.ttf";
  CHECK(WatchedFiles("shows/p.json", &p) ==
        std::vector<std::string>{"shows/p.json", "shows/f.ttf"});
}

TEST_CASE("ErrorScreenPlaylist: the problems on one slide, laid out inside the screen") {
  const std::vector<std::string> problems = {
      "/srv/show/p.json:7:12: error: syntax error while parsing object - unexpected string "
      "literal; expected '}' (is a comma missing before it?)",
      "/srv/show/p.json: warning: slides[3].titel: unknown key, ignored"};
  const Playlist p = ErrorScreenPlaylist("/srv/show/p.json", problems);
  CHECK(p.path == "/srv/show/p.json");
  CHECK_FALSE(p.show_progress);
  CHECK_FALSE(p.show_counter);
  CHECK(p.transition == 0);
  REQUIRE(p.slides.size() == 1);
  CHECK(p.slides[0].title == "/srv/show/p.json");
  CHECK(p.slides[0].text.find(problems[0]) != std::string::npos);
  CHECK(p.slides[0].text.find(problems[1]) != std::string::npos);
  CHECK(p.slides[0].text.find("Fix the file and save it") != std::string::npos);

  testing::FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(p);
  for (auto [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{640, 360}}) {
    CAPTURE(w);
    deck.SetScreen(w, h);
    const SlideLayout& layout = deck.Layout(0);
    CHECK(layout.fits);
    for (const LineBox& line : layout.lines) {
      CHECK(line.box.x >= 0);
      CHECK(line.box.x + line.box.w <= w);
      CHECK(line.box.y + line.box.h <= h);
    }
  }
}

TEST_CASE("ErrorScreenPlaylist: many problems are cut to the first ones") {
  std::vector<std::string> problems;
  for (int i = 0; i < 40; ++i)
    problems.push_back("p.json: error: slides[" + std::to_string(i) + "]");
  const Playlist p = ErrorScreenPlaylist("p.json", problems);
  CHECK(p.slides[0].text.find("slides[11]") != std::string::npos);
  CHECK(p.slides[0].text.find("slides[12]") == std::string::npos);
  CHECK(p.slides[0].text.find("... and 28 more (kiosk --check p.json)") != std::string::npos);
  CHECK(ErrorScreenPlaylist("p.json", {}).slides[0].text.find("(no details)") != std::string::npos);
}

TEST_CASE("AddErrorMark: a small square inside the screen, in the top right margin") {
  const Theme theme = DefaultPlaylist().theme;
  for (auto [w, h] : {std::pair{1920, 1080}, std::pair{1080, 1920}, std::pair{320, 200}}) {
    CAPTURE(w);
    Frame frame;
    AddErrorMark(&frame, theme, w, h);
    REQUIRE(frame.rects.size() == 1);
    const Box b = frame.rects[0].box;
    const Box safe = LimitsFor(theme, w, h).safe;
    CHECK(b.w == b.h);
    CHECK(b.w <= h / 50);
    CHECK(b.x >= safe.x + safe.w);  // outside the text area
    CHECK(b.x + b.w <= w);
    CHECK(b.y >= 0);
    CHECK(b.y + b.h <= safe.y);
  }
}

}  // namespace
}  // namespace kiosk
