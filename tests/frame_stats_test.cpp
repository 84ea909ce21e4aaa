#include "frame_stats.h"

#include <doctest/doctest.h>

using kiosk::FrameStats;
using std::chrono::milliseconds;

TEST_CASE("FrameStats: draw times and the intervals between presents of crossfade frames") {
  FrameStats stats;
  CHECK(stats.Summary() == "frame stats: 0 crossfade frames, draw none, interval none");
  const FrameStats::Clock::time_point t0{};
  // Three crossfade frames 16 ms apart, drawn in 2, 4 and 6 ms.
  for (int i = 0; i < 3; ++i) {
    const auto begin = t0 + milliseconds(16 * i);
    stats.Add(true, begin, begin + milliseconds(2 + 2 * i), begin + milliseconds(8));
  }
  stats.Add(false, t0 + milliseconds(100), t0 + milliseconds(101), t0 + milliseconds(102));
  CHECK(stats.Summary() ==
        "frame stats: 3 crossfade frames, draw p50 4.00 p99 6.00 max 6.00 ms, "
        "interval p50 16.00 p99 16.00 max 16.00 ms");
}
