#include "announcement.h"

#include <doctest/doctest.h>

#include <limits>
#include <optional>
#include <string>

#include "config.h"
#include "fake_measurer.h"
#include "frame.h"
#include "show.h"

namespace kiosk {
namespace {

constexpr Millis kFade = config::kAnnouncementFadeMs;

Playlist TwoSlides() {
  Playlist p = DefaultPlaylist();
  p.slides.resize(2);
  p.slides[0].text = "eins";
  p.slides[0].duration = 20;
  p.slides[1].text = "zwei";
  p.slides[1].duration = 20;
  return p;
}

struct Fixture {
  testing::FakeMeasurer m;
  Deck deck{m};
  Scheduler s{{20000, 20000}, 800, 0};
  ShowState st;
  Fixture() {
    deck.SetPlaylist(TwoSlides());
    deck.SetScreen(1920, 1080);
  }
  Frame At(Millis now) {
    s.Update(now);
    return BuildFrame(deck, s, st, now);
  }
  Action Say(std::string text, Millis for_ms) {
    Action a{Command::kAnnounce};
    a.text = std::move(text);
    a.for_ms = for_ms;
    return a;
  }
};

int Alpha(const Frame& f) { return f.band ? f.band->alpha : 0; }

}  // namespace

TEST_CASE("Announcement: fades in, stays for its time, fades out (a fake clock)") {
  Fixture f;
  CHECK_FALSE(f.At(1000).band);
  ApplyAction(f.Say("Workshop 3 jetzt in Raum B", 10'000), f.s, f.st, 1000);
  // Fading in: every frame, the alpha climbing from 0 to 255 over kFade ms.
  CHECK(Alpha(f.At(1000)) == 0);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 1000) == 0);
  CHECK(Alpha(f.At(1000 + kFade / 4)) == doctest::Approx(255 / 4.0).epsilon(0.02));
  CHECK(Alpha(f.At(1000 + kFade / 2)) == 128);
  CHECK(Alpha(f.At(1000 + kFade)) == 255);
  // Then still: the loop sleeps until the next thing changes (the progress bar here).
  const Frame steady = f.At(2000);
  CHECK(Alpha(steady) == 255);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 2000) > 0);
  // Its text, laid out in the band across the bottom, in the theme's background colour
  // on the accent.
  REQUIRE(steady.band);
  CHECK(steady.band->box == Box{0, 1080 - 324, 1920, 324});
  CHECK(steady.band->background == f.deck.playlist().theme.accent);
  REQUIRE_FALSE(steady.band->texts.empty());
  std::string text;
  for (const TextItem& t : steady.band->texts) {
    text += (text.empty() ? "" : " ") + t.text;
    CHECK(t.box.y >= steady.band->box.y);
    CHECK(t.box.y + t.box.h <= 1080);
    CHECK(t.color.r == f.deck.playlist().theme.background.r);
  }
  CHECK(text == "Workshop 3 jetzt in Raum B");
  // Its end wakes the loop (no slide change or progress step closer: paused).
  f.s.TogglePause(2000);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 2000) == 9000);
  CHECK(Alpha(f.At(10'999)) == 255);
  CHECK(Alpha(f.At(11'000)) == 255);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 11'000) == 0);
  CHECK(Alpha(f.At(11'000 + kFade / 2)) == 128);
  CHECK_FALSE(f.At(11'000 + kFade).band);
  // Gone: nothing left to wake for, 0 % CPU.
  CHECK(NextFrameChange(f.deck, f.s, f.st, 11'000 + kFade) == -1);
}

TEST_CASE("Announcement: until cleared; clear fades it out; a reload keeps it") {
  Fixture f;
  f.s.TogglePause(0);
  ApplyAction(f.Say("Bitte Saal 1 räumen", -1), f.s, f.st, 0);
  CHECK(Alpha(f.At(kFade)) == 255);
  CHECK(NextFrameChange(f.deck, f.s, f.st, kFade) == -1);  // nothing to wake for
  CHECK(Alpha(f.At(3'600'000)) == 255);
  // A reload changes the Deck's playlist; the message lives in ShowState and stays.
  Playlist p = TwoSlides();
  p.slides[0].text = "neu";
  f.deck.SetPlaylist(p);
  CHECK(Alpha(f.At(3'600'000)) == 255);
  ApplyAction(Action{Command::kClearAnnouncement}, f.s, f.st, 3'600'000);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 3'600'000) == 0);
  CHECK(Alpha(f.At(3'600'000 + kFade / 2)) == 128);
  CHECK_FALSE(f.At(3'600'000 + kFade).band);
  // An empty text clears too.
  ApplyAction(f.Say("x", -1), f.s, f.st, 4'000'000);
  ApplyAction(f.Say("", -1), f.s, f.st, 4'000'000 + kFade);
  CHECK_FALSE(f.At(4'000'000 + 2 * kFade).band);
}

TEST_CASE("Announcement: a text past the limit is cut; a time past the clock's range is for ever") {
  std::optional<Announcement> a;
  std::string text;
  for (int i = 0; i < config::kMaxTextChars + 10; ++i) text += "\u00e4";
  Announce(&a, text, std::numeric_limits<Millis>::max(), 1000);
  REQUIRE(a);
  CHECK(a->text == text.substr(0, 2 * config::kMaxTextChars) + "\u2026");
  CHECK(a->until == -1);
  Announce(&a, "kurz", 5000, 1000);
  CHECK(a->text == "kurz");
  CHECK(a->until == 6000);
}

TEST_CASE("Announcement: a new text over one on screen replaces it without fading") {
  Fixture f;
  ApplyAction(f.Say("eins", -1), f.s, f.st, 0);
  CHECK(Alpha(f.At(kFade)) == 255);
  ApplyAction(f.Say("zwei", 5000), f.s, f.st, 1000);
  const Frame frame = f.At(1000);
  CHECK(Alpha(frame) == 255);
  REQUIRE(frame.band);
  CHECK(frame.band->texts.at(0).text == "zwei");
}

TEST_CASE("Announcement: over the black screen too (an urgent message must be seen)") {
  Fixture f;
  ApplyAction(Action{Command::kToggleBlack}, f.s, f.st, 0);
  CHECK(f.At(100).layers.empty());
  ApplyAction(f.Say("Evakuierung: bitte Ausgang Nord benutzen", -1), f.s, f.st, 100);
  const Frame frame = f.At(100 + kFade);
  CHECK(frame.layers.empty());
  CHECK(frame.background == Color{0, 0, 0, 255});
  REQUIRE(frame.band);
  CHECK(frame.band->alpha == 255);
}

TEST_CASE("Announcement: a playlist's standing one, and a live one over it") {
  Fixture f;
  Playlist p = TwoSlides();
  p.announcement = "Willkommen";
  f.deck.SetPlaylist(p);
  const Frame standing = f.At(0);
  REQUIRE(standing.band);
  CHECK(standing.band->alpha == 255);  // part of the content: no fade
  CHECK(standing.band->texts.at(0).text == "Willkommen");
  // A live one takes the band for its time, without fading (the band stays).
  ApplyAction(f.Say("Pause bis 11 Uhr", 2000), f.s, f.st, 100);
  CHECK(f.At(100).band->texts.at(0).text == "Pause bis 11 Uhr");
  f.s.TogglePause(100);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 100) == 2000);
  CHECK(f.At(2099).band->texts.at(0).text == "Pause bis 11 Uhr");
  CHECK(f.At(2100).band->texts.at(0).text == "Willkommen");
  CHECK(f.At(2100).band->alpha == 255);
  CHECK(NextFrameChange(f.deck, f.s, f.st, 2100) == -1);
  // Clear ends the live one; the standing one is the playlist's, until it is edited.
  ApplyAction(f.Say("Pause bis 11 Uhr", -1), f.s, f.st, 3000);
  ApplyAction(Action{Command::kClearAnnouncement}, f.s, f.st, 4000);
  CHECK(f.At(4000).band->texts.at(0).text == "Willkommen");
}

TEST_CASE("Announcement: laid out once per text, fitted into the band") {
  Fixture f;
  const std::vector<TextItem>& first = f.deck.Band("Workshop 3 jetzt in Raum B");
  const int calls = f.m.calls;
  // Frame after frame of a fade measures nothing again.
  for (int t = 0; t < 10; ++t) f.deck.Band("Workshop 3 jetzt in Raum B");
  CHECK(f.m.calls == calls);
  CHECK(&f.deck.Band("Workshop 3 jetzt in Raum B") == &first);
  // A long text gets smaller type and more lines, never leaving the band.
  const std::string longer(600, 'x');
  std::string words;
  for (int i = 0; i < 60; ++i) words += "Wort" + std::to_string(i) + " ";
  const Box band = AnnouncementBand(f.deck.playlist().theme, 1920, 1080);
  const std::vector<TextItem> items = f.deck.Band(words);
  CHECK(items.size() > 1);
  for (const TextItem& t : items) {
    CHECK(t.box.y >= band.y);
    CHECK(t.box.y + t.box.h <= band.y + band.h);
    CHECK(t.box.x >= 0);
    CHECK(t.box.x + t.box.w <= 1920);
  }
  CHECK(items.front().px < f.deck.Band("Workshop 3 jetzt in Raum B").front().px);
}

}  // namespace kiosk
