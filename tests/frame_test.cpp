#include "frame.h"

#include <doctest/doctest.h>

#include "fake_measurer.h"

using kiosk::BuildFrame;
using kiosk::Deck;
using kiosk::NextFrameChange;
using kiosk::Scheduler;
using kiosk::ShowState;
using kiosk::testing::FakeMeasurer;

namespace {

kiosk::Playlist TwoSlides() {
  kiosk::Playlist p = kiosk::DefaultPlaylist();
  p.slides.resize(2);
  p.slides[0].text = "eins";
  p.slides[0].duration = 20;
  p.slides[1].text = "zwei";
  p.slides[1].duration = 20;
  return p;
}

struct Fixture {
  FakeMeasurer m;
  Deck deck{m};
  Scheduler s{{20000, 20000}, 800, 0};
  ShowState st;
  Fixture() {
    deck.SetPlaylist(TwoSlides());
    deck.SetScreen(1920, 1080);
  }
};

}  // namespace

TEST_CASE("BuildFrame: one opaque layer, the counter and the progress bar") {
  Fixture f;
  const auto frame = BuildFrame(f.deck, f.s, f.st, 5000);
  CHECK(frame.background == f.deck.playlist().theme.background);
  REQUIRE(frame.layers.size() == 1);
  CHECK(frame.layers[0].slide == 0);
  CHECK(frame.layers[0].alpha == 255);
  REQUIRE(frame.texts.size() == 1);
  CHECK(frame.texts[0].text == "1 / 2");
  REQUIRE(frame.rects.size() == 1);  // progress, a quarter of the way
  CHECK(frame.rects[0].box.w == 1920 / 4);
  CHECK(frame.rects[0].box.y + frame.rects[0].box.h == 1080);
  // Slide text is clipped to the safe area.
  CHECK(frame.clip == kiosk::LimitsFor(f.deck.playlist().theme, 1920, 1080).safe);
}

TEST_CASE("BuildFrame: a crossfade has the old slide fading out under the new one") {
  Fixture f;
  f.s.Next(1000);
  const auto frame = BuildFrame(f.deck, f.s, f.st, 1400);
  REQUIRE(frame.layers.size() == 2);
  CHECK(frame.layers[0].slide == 0);
  CHECK(frame.layers[1].slide == 1);
  CHECK(frame.layers[0].alpha + frame.layers[1].alpha == 255);
  CHECK(frame.layers[1].alpha == 128);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 1400) == 0);
  const auto after = BuildFrame(f.deck, f.s, f.st, 1800);
  CHECK(after.layers.size() == 1);
}

TEST_CASE("BuildFrame: black means black, and nothing else") {
  Fixture f;
  f.st.black = true;
  const auto frame = BuildFrame(f.deck, f.s, f.st, 5000);
  CHECK(frame.background == kiosk::Color{0, 0, 0, 255});
  CHECK(frame.layers.empty());
  CHECK(frame.rects.empty());
  CHECK(frame.texts.empty());
}

TEST_CASE("BuildFrame: paused shows a mark; counter and progress can be switched off") {
  Fixture f;
  f.s.TogglePause(5000);
  auto frame = BuildFrame(f.deck, f.s, f.st, 9000);
  CHECK(frame.rects.size() == 3);  // progress + two bars
  kiosk::Playlist p = TwoSlides();
  p.show_counter = false;
  p.show_progress = false;
  f.deck.SetPlaylist(p);
  frame = BuildFrame(f.deck, f.s, f.st, 9000);
  CHECK(frame.rects.size() == 2);
  CHECK(frame.texts.empty());
}

TEST_CASE("BuildFrame: a typed slide number replaces the counter") {
  Fixture f;
  f.st.pending_digits = "12";
  const auto frame = BuildFrame(f.deck, f.s, f.st, 0);
  REQUIRE(frame.texts.size() == 1);
  CHECK(frame.texts[0].text == "\xE2\x86\x92 12 / 2");
}

TEST_CASE("BuildFrame: the same moment gives an equal frame; the progress step changes it") {
  Fixture f;
  CHECK(BuildFrame(f.deck, f.s, f.st, 5000) == BuildFrame(f.deck, f.s, f.st, 5001));
  const kiosk::Millis wait = NextFrameChange(f.deck, f.s, f.st, 5001);
  CHECK(wait > 0);
  CHECK(wait <= 250);
  CHECK(BuildFrame(f.deck, f.s, f.st, 5001 + wait - 1) == BuildFrame(f.deck, f.s, f.st, 5001));
  CHECK_FALSE(BuildFrame(f.deck, f.s, f.st, 5001 + wait) == BuildFrame(f.deck, f.s, f.st, 5001));
}

TEST_CASE("NextFrameChange: a paused static slide never needs a redraw") {
  Fixture f;
  f.s.TogglePause(5000);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 5000) == -1);
  f.st.black = true;
  CHECK(NextFrameChange(f.deck, f.s, f.st, 5000) == -1);
}

TEST_CASE("NextFrameChange: without a progress bar, wake only for the next slide") {
  Fixture f;
  kiosk::Playlist p = TwoSlides();
  p.show_progress = false;
  f.deck.SetPlaylist(p);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 5000) == 15000);
}

TEST_CASE("BuildFrame: the theme's background picture under the slides, the logo over them") {
  Fixture f;
  kiosk::Playlist p = TwoSlides();
  p.theme.background_picture =
      kiosk::Backdrop{{"bg.png", true, 0.5, 0.5}, kiosk::Color{0, 0, 0, 120}};
  p.theme.logo = kiosk::Logo{{"logo.png"}, kiosk::Corner::kBottomLeft, 0.1};
  f.deck.SetPlaylist(p);
  const auto frame = BuildFrame(f.deck, f.s, f.st, 5000);
  REQUIRE(frame.under.size() == 1);
  CHECK(frame.under[0].file == "bg.png");
  CHECK(frame.under[0].box == kiosk::Box{0, 0, 1920, 1080});
  CHECK(frame.under[0].overlay == kiosk::Color{0, 0, 0, 120});
  REQUIRE(frame.over.size() == 1);
  CHECK(frame.over[0].file == "logo.png");
  CHECK(frame.over[0].box == kiosk::Box{65, 1015 - 108, 108, 108});
  // During a crossfade they stay as they are (they do not fade); black hides them.
  f.s.Next(1000);
  CHECK(BuildFrame(f.deck, f.s, f.st, 1400).over == frame.over);
  f.st.black = true;
  const auto black = BuildFrame(f.deck, f.s, f.st, 1400);
  CHECK(black.under.empty());
  CHECK(black.over.empty());
}

TEST_CASE("BuildFrame: the counter counts the eligible slides; none eligible is the idle screen") {
  Fixture f;
  f.s.Update(0);
  f.s.SetEligible({false, true}, 0);
  auto frame = BuildFrame(f.deck, f.s, f.st, 5000);
  REQUIRE(frame.texts.size() == 1);
  CHECK(frame.texts[0].text == "1 / 1");
  f.s.SetEligible({false, false}, 6000);
  CHECK(BuildFrame(f.deck, f.s, f.st, 6400).layers.size() == 1);  // fading out
  frame = BuildFrame(f.deck, f.s, f.st, 7000);
  CHECK(frame.layers.empty());
  CHECK(frame.texts.empty());
  CHECK(frame.rects.empty());
  CHECK(frame.background == f.deck.playlist().theme.background);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 7000) == -1);  // still until the rules change
}
