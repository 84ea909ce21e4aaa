// How long re-evaluating a conference programme takes: a generated schedule.json of 500
// talks in 10 rooms over 3 days, a playlist with a slide per room and the foyer's, and
// ExpandProgramme + NextProgrammeChange (what the show runs at every change) at 1000
// moments through the conference: wall time (which includes being preempted on a busy
// machine) and the thread's own CPU time. Issue 13's budget: 1 ms for 500 talks.
//
//   build/programme_bench [TALKS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "programme_slides.h"

using namespace kiosk;

static double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

int main(int argc, char** argv) {
  const int talks = argc > 1 ? std::atoi(argv[1]) : 500;
  const int rooms = 10;
  std::string json = R"({"schedule": {"version": "bench", "conference": {"title": "Bench",
    "time_zone_name": "Europe/Berlin", "days": [)";
  const int per_day = (talks + 2) / 3;
  int made = 0;
  for (int day = 0; day < 3; ++day) {
    char date[16];
    std::snprintf(date, sizeof date, "2026-06-%02d", 12 + day);
    json += std::string(day ? "," : "") + R"({"index": )" + std::to_string(day + 1) +
            R"(, "date": ")" + date + R"(", "rooms": {)";
    for (int room = 0; room < rooms; ++room) {
      json += std::string(room ? "," : "") + "\"Saal " + std::to_string(room + 1) + "\": [";
      for (int slot = 0; slot * rooms + room < per_day && made < talks; ++slot, ++made) {
        // 45-minute talks every 50 minutes from 08:00, the rooms a few minutes apart.
        const int minutes = 8 * 60 + slot * 50 + room * 3;
        char event[512];
        std::snprintf(event, sizeof event,
                      R"(%s{"title": "Vortrag %d über Förderprogramme und Beteiligung",
                      "date": "%sT%02d:%02d:00+02:00", "duration": "00:45",
                      "persons": [{"public_name": "Person %d"}, {"name": "Person %d"}]})",
                      slot ? "," : "", made, date, minutes / 60, minutes % 60, made, made + 1);
        json += event;
      }
      json += "]";
    }
    json += "}}";
  }
  json += "]}}}";

  std::vector<Diagnostic> diagnostics;
  auto t0 = std::chrono::steady_clock::now();
  std::optional<Programme> parsed =
      ParseProgramme(json, "bench.json", TimeZone::Utc(), &diagnostics);
  auto t1 = std::chrono::steady_clock::now();
  if (!parsed) {
    for (const Diagnostic& d : diagnostics)
      std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
    return 1;
  }
  const Programmes programmes = {
      {"bench.json", std::make_shared<const Programme>(std::move(*parsed))}};
  Playlist playlist = DefaultPlaylist();
  for (int room = 0; room <= rooms; ++room) {
    Slide slide;
    slide.programme =
        ProgrammeRef{"bench.json", room < rooms ? "Saal " + std::to_string(room + 1) : ""};
    playlist.slides.push_back(slide);
  }
  const Millis begin = programmes.begin()->second->events.front().start - 3'600'000;
  const Millis end = programmes.begin()->second->events.back().end + 3'600'000;
  constexpr int kMoments = 1000;
  std::vector<double> ms;
  std::vector<double> cpu;  // the thread's own CPU time: without the machine's other load
  std::size_t changed = 0;
  double first_ms = 0;  // the first call reads the time zone from the tz database
  for (int i = 0; i < kMoments; ++i) {
    const WallTime wall{begin + (end - begin) * i / kMoments, true};
    const double cpu_a = ThreadCpuMs();
    const auto a = std::chrono::steady_clock::now();
    changed += ExpandProgramme(&playlist, programmes, wall);
    const std::optional<Millis> next = NextProgrammeChange(playlist, programmes, wall);
    const auto b = std::chrono::steady_clock::now();
    cpu.push_back(ThreadCpuMs() - cpu_a);
    if (next && *next <= wall.real_ms) return 2;
    const double took = std::chrono::duration<double, std::milli>(b - a).count();
    if (i == 0) {
      first_ms = took;
    } else {
      ms.push_back(took);
    }
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("schedule: %d talks, %d rooms, %zu bytes; parsed in %.2f ms\n", made, rooms,
              json.size(), std::chrono::duration<double, std::milli>(t1 - t0).count());
  std::printf(
      "re-evaluation (ExpandProgramme of %zu slides + NextProgrammeChange), %d moments, "
      "%zu with new text: median %.3f ms, 99th percentile %.3f ms, max %.3f ms\n",
      playlist.slides.size(), kMoments, changed, ms[ms.size() / 2], ms[ms.size() * 99 / 100],
      ms.back());
  std::printf("CPU time of the thread: median %.3f ms, 99th percentile %.3f ms, max %.3f ms\n",
              cpu[cpu.size() / 2], cpu[cpu.size() * 99 / 100], cpu.back());
  std::printf("the first call (it reads the time zone from the tz database): %.3f ms\n", first_ms);
  return 0;
}
