#include "show.h"

#include <doctest/doctest.h>

using kiosk::Action;
using kiosk::ApplyAction;
using kiosk::Command;
using kiosk::Request;
using kiosk::Scheduler;
using kiosk::ShowState;

TEST_CASE("ApplyAction: navigation moves the scheduler") {
  Scheduler s({1000, 1000, 1000, 1000}, 0, 0);
  ShowState st;
  CHECK(ApplyAction({Command::kNext, 0}, s, st, 10) == Request::kNone);
  CHECK(s.current() == 1);
  ApplyAction({Command::kEnter, 0}, s, st, 20);
  CHECK(s.current() == 2);
  ApplyAction({Command::kPrevious, 0}, s, st, 30);
  CHECK(s.current() == 1);
  ApplyAction({Command::kLast, 0}, s, st, 40);
  CHECK(s.current() == 3);
  ApplyAction({Command::kFirst, 0}, s, st, 50);
  CHECK(s.current() == 0);
  ApplyAction({Command::kJump, 2}, s, st, 60);
  CHECK(s.current() == 2);
}

TEST_CASE("ApplyAction: pause, black and resume") {
  Scheduler s({1000, 1000}, 0, 0);
  ShowState st;
  ApplyAction({Command::kTogglePause, 0}, s, st, 10);
  CHECK(s.paused());
  ApplyAction({Command::kToggleBlack, 0}, s, st, 20);
  CHECK(st.black);
  ApplyAction({Command::kResume, 0}, s, st, 30);
  CHECK_FALSE(s.paused());
  CHECK_FALSE(st.black);
  ApplyAction({Command::kToggleBlack, 0}, s, st, 40);
  ApplyAction({Command::kToggleBlack, 0}, s, st, 50);
  CHECK_FALSE(st.black);
}

TEST_CASE("ApplyAction: what only the platform can do is handed back") {
  Scheduler s({1000}, 0, 0);
  ShowState st;
  CHECK(ApplyAction({Command::kReload, 0}, s, st, 0) == Request::kReload);
  CHECK(ApplyAction({Command::kToggleFullscreen, 0}, s, st, 0) == Request::kToggleFullscreen);
  CHECK(ApplyAction({Command::kQuit, 0}, s, st, 0) == Request::kQuit);
  CHECK(ApplyAction({Command::kDigit, 0}, s, st, 0) == Request::kNone);
}

TEST_CASE("DurationsOf and TransitionOf convert seconds to milliseconds") {
  kiosk::Playlist p = kiosk::DefaultPlaylist();
  p.transition = 0.75;
  p.slides.resize(2);
  p.slides[0].duration = 12.5;
  p.slides[1].duration = 0.001;
  CHECK(kiosk::DurationsOf(p) == std::vector<kiosk::Millis>{12500, 1});
  CHECK(kiosk::TransitionOf(p) == 750);
}
