#include "frame_stats.h"

#include <algorithm>
#include <cstdio>

#include "log.h"

namespace kiosk {
namespace {

double Ms(FrameStats::Clock::time_point a, FrameStats::Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

std::string Percentiles(std::vector<double> v) {
  if (v.empty()) return "none";
  std::sort(v.begin(), v.end());
  auto at = [&](double p) {
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", v[std::min(i, v.size() - 1)]);
    return std::string(text);
  };
  return "p50 " + at(0.5) + " p99 " + at(0.99) + " max " + at(1.0) + " ms";
}

}  // namespace

void FrameStats::Add(bool crossfade, Clock::time_point begin, Clock::time_point drawn,
                     Clock::time_point presented) {
  if (!crossfade) {
    if (in_crossfade_) Log(Summary());
    in_crossfade_ = false;
    return;
  }
  draw_.push_back(Ms(begin, drawn));
  if (in_crossfade_) interval_.push_back(Ms(last_, presented));
  in_crossfade_ = true;
  last_ = presented;
}

std::string FrameStats::Summary() const {
  return "frame stats: " + std::to_string(draw_.size()) + " crossfade frames, draw " +
         Percentiles(draw_) + ", interval " + Percentiles(interval_);
}

}  // namespace kiosk
