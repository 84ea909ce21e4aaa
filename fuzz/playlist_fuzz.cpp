// libFuzzer target: any bytes as a playlist file, through parsing, validation, layout of
// every slide on two screen shapes, and frame building. Deterministic: the fake measurer
// stands in for the font. Build with -DKIOSK_FUZZ=ON (clang); see .ci/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "deck.h"
#include "fake_measurer.h"
#include "frame.h"
#include "playlist.h"
#include "show.h"
#include "utf8.h"

namespace {

// What may reach a log, a terminal or the error screen: valid UTF-8 without control or
// bidi characters (issue 10, class 7).
bool PrintableForUser(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = kiosk::DecodeNext(s, &i);
    if (c == 0xFFFD && s.substr(start, i - start) != "\xEF\xBF\xBD") return false;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069)) {
      return false;
    }
  }
  return true;
}

void Require(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // EchoForUser itself: printable, bounded, and applying it twice changes nothing.
  const std::string echo = kiosk::EchoForUser(text);
  Require(PrintableForUser(echo));
  Require(kiosk::DecodeUtf8(echo).size() <= kiosk::kEchoChars);
  Require(kiosk::EchoForUser(echo) == echo);
  Require(PrintableForUser(kiosk::EchoForUser(text, 20, kiosk::Elide::kMiddle)));
  kiosk::LoadResult result = kiosk::ParsePlaylist(text, "fuzz.json");
  for (const kiosk::Diagnostic& d : result.diagnostics) {
    const std::string line = kiosk::FormatDiagnostic(d);
    Require(PrintableForUser(line));
    Require(line.size() < 4096);
  }
  if (!result.playlist) return 0;
  kiosk::testing::FakeMeasurer measurer;
  kiosk::Deck deck(measurer);
  const kiosk::Playlist& playlist = *result.playlist;
  kiosk::Scheduler scheduler(kiosk::DurationsOf(playlist), kiosk::TransitionOf(playlist), 0);
  deck.SetPlaylist(std::move(*result.playlist));
  // Landscape or portrait (a bit of the input decides, so both stay cheap per run).
  const bool portrait = size > 0 && (data[size - 1] & 1);
  {
    deck.SetScreen(portrait ? 360 : 1920, portrait ? 640 : 1080);
    const std::size_t n = std::min<std::size_t>(deck.playlist().slides.size(), 4);
    for (std::size_t i = 0; i < n; ++i) {
      // Long texts take the layout's search many milliseconds under the sanitizers; they
      // are tested by the stress playlists in layout_test, so the fuzzer stays fast.
      const kiosk::Slide& slide = deck.playlist().slides[i];
      if (slide.text.size() + slide.title.size() + slide.kicker.size() > 600) continue;
      (void)deck.Items(i);
      scheduler.GoTo(i, 0);
      (void)kiosk::BuildFrame(deck, scheduler, kiosk::ShowState{}, 1);
    }
  }
  return 0;
}
