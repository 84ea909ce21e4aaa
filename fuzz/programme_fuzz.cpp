// libFuzzer target: any bytes as a schedule.json (frab/pretalx), through parsing, now/next
// at moments around every event, the next change, and the programme slides' text in both
// languages; the text must stay valid UTF-8 without control characters, and the next change
// must lie after the moment asked about. Build with -DKIOSK_FUZZ=ON (clang); see .ci/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "local_time.h"
#include "programme.h"
#include "programme_slides.h"
#include "utf8.h"

namespace {

bool SlideText(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = kiosk::DecodeNext(s, &i);
    if (c == 0xFFFD && s.substr(start, i - start) != "\xEF\xBF\xBD") return false;
    if ((c < 0x20 && c != '\n') || c == 0x7F) return false;
  }
  return true;
}

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kiosk;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<Diagnostic> diagnostics;
  const std::optional<Programme> programme =
      ParseProgramme(text, "schedule.json", TimeZone::Utc(), &diagnostics);
  if (!programme) return 0;
  std::vector<Millis> moments = {0};
  for (std::size_t i = 0; i < programme->events.size() && i < 8; ++i) {
    const ProgrammeEvent& e = programme->events[i];
    Check(e.start <= e.end);
    moments.insert(moments.end(), {e.start - 1, e.start, e.end - 1, e.end});
  }
  for (const Millis at : moments) {
    for (std::size_t room = 0; room < programme->rooms.size() && room < 4; ++room) {
      const RoomNow r = NowNext(*programme, room, at);
      for (const std::size_t i : r.now) Check(i < programme->events.size());
      for (const std::size_t i : r.next) Check(i < programme->events.size());
    }
    if (const std::optional<Millis> next = NextChange(*programme, at)) Check(*next > at);
    for (const char* lang : {"de", "en"}) {
      for (const char* room : {"", "Saal 1"}) {
        const ProgrammeText t = ProgrammeSlideText(&*programme, ProgrammeRef{"schedule.json", room},
                                                   lang, "UTC", WallTime{at, true});
        Check(SlideText(t.kicker) && SlideText(t.title) && SlideText(t.text));
      }
    }
  }
  return 0;
}
