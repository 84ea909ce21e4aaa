// libFuzzer target: any bytes as a playlist file, through parsing, validation, layout of
// every slide on two screen shapes, and frame building. Deterministic: the fake measurer
// stands in for the font. Build with -DKIOSK_FUZZ=ON (clang); see .ci/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "deck.h"
#include "fake_measurer.h"
#include "frame.h"
#include "playlist.h"
#include "show.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kiosk::LoadResult result = kiosk::ParsePlaylist(text, "fuzz.json");
  for (const kiosk::Diagnostic& d : result.diagnostics) (void)kiosk::FormatDiagnostic(d);
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
