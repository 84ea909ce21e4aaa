// What re-evaluating the time rules costs (EligibilityWatch::Check: every slide's
// eligibility and the next edge), which the show does at each edge, reload or clock step:
// 200 slides (the limit), each with weekdays and three windows, all alike and all different.
//
// Usage: build/time_rules_bench
#include <chrono>
#include <cstdio>
#include <string>

#include "playlist.h"
#include "playlist_time.h"

namespace {

double MsPerEvaluation(bool different) {
  using kiosk::Millis;
  std::string json = R"({"timezone": "Europe/Berlin", "slides": [)";
  for (int i = 0; i < 200; ++i) {
    const std::string end = different ? std::to_string(10 + i % 50) : "00";
    json +=
        std::string(i ? "," : "") +
        R"({"text": "x", "when": {"weekdays": ["mon-fri"], "times": ["08:00-09:30", "12:00-13:)" +
        end + R"(", "22:00-02:00"]}})";
  }
  json += "]}";
  const auto loaded = kiosk::ParsePlaylist(json, "bench.json");
  if (!loaded.playlist) return -1;
  const kiosk::TimeZone zone = kiosk::PlaylistZone(*loaded.playlist);
  const Millis t = zone.FromLocal({2015, 5, 29, 10, 0, 0, 0});
  constexpr int kRuns = 500;
  long long sink = 0;
  const auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < kRuns; ++i) {
    kiosk::EligibilityWatch watch;
    const auto eligible = watch.Check(*loaded.playlist, 1, {t + i * 1000LL, true});
    sink += watch.next_edge() + (eligible && (*eligible)[0]);
  }
  const auto end = std::chrono::steady_clock::now();
  if (sink == 42) std::puts("");
  return std::chrono::duration<double, std::milli>(end - begin).count() / kRuns;
}

}  // namespace

int main() {
  std::printf("200 slides, 3 windows each, all alike:     %.3f ms an evaluation\n",
              MsPerEvaluation(false));
  std::printf("200 slides, 3 windows each, all different: %.3f ms an evaluation\n",
              MsPerEvaluation(true));
}
