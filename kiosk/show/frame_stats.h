// Crossfade frame times for bench/run.sh (KIOSK_FRAME_STATS=1): after each crossfade, the
// times of all crossfade frames so far go to the log: drawing (until the blending is
// really done) and the interval between presents (which includes waiting for vsync).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace kiosk {

class FrameStats {
 public:
  using Clock = std::chrono::steady_clock;
  // One frame: whether it was part of a crossfade, when drawing began, when it was done,
  // when it was presented. The first frame after a crossfade logs the summary.
  void Add(bool crossfade, Clock::time_point begin, Clock::time_point drawn,
           Clock::time_point presented);
  // "frame stats: N crossfade frames, draw p50 .. p99 .. max .. ms, interval ..."
  std::string Summary() const;

 private:
  std::vector<double> draw_;
  std::vector<double> interval_;
  bool in_crossfade_ = false;
  Clock::time_point last_;
};

}  // namespace kiosk
