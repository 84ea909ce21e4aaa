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

TEST_CASE("ApplyAction: with wall-clock sync, every navigation leaves the clock; resume re-joins") {
  // The same Actions come from keys and from the control socket (kiosk ctl).
  for (const Action& action :
       {Action{Command::kNext}, Action{Command::kEnter}, Action{Command::kPrevious},
        Action{Command::kFirst}, Action{Command::kLast}, Action{Command::kJump, 2},
        Action{Command::kTogglePause}, Action{Command::kPause}}) {
    CAPTURE(static_cast<int>(action.command));
    Scheduler s({1000, 1000, 1000, 1000}, 0, 0);
    s.FollowClock(true, 600'000);
    ShowState st;
    s.Update(0);
    REQUIRE(s.on_clock());
    ApplyAction(action, s, st, 10);
    CHECK_FALSE(s.on_clock());
    ApplyAction(Action{Command::kResume}, s, st, 20);
    CHECK(s.on_clock());
    CHECK_FALSE(s.paused());
  }
  // Neither the black screen nor an announcement is navigation: the slides stay on the clock.
  Scheduler s({1000, 1000}, 0, 0);
  s.FollowClock(true, 600'000);
  ShowState st;
  for (const Action& action :
       {Action{Command::kToggleBlack}, Action{Command::kBlack}, Action{Command::kAnnounce},
        Action{Command::kClearAnnouncement}, Action{Command::kDigit}}) {
    ApplyAction(action, s, st, 10);
    CHECK(s.on_clock());
  }
}
