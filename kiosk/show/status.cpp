#include "status.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace kiosk {

void DrawTimes::Add(double ms) {
  last_ = ms;
  if (times_.size() < kKept) {
    times_.push_back(ms);
  } else {
    times_[next_] = ms;
    next_ = (next_ + 1) % kKept;
  }
}

double DrawTimes::Percentile(double p) const {
  if (times_.empty()) return 0;
  std::vector<double> sorted = times_;
  std::sort(sorted.begin(), sorted.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(sorted.size()));
  const auto i = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

double DrawTimes::Max() const {
  return times_.empty() ? 0 : *std::max_element(times_.begin(), times_.end());
}

namespace {

// Milliseconds to 0.01, so the reply stays short.
double Round(double ms) { return std::round(ms * 100.0) / 100.0; }

}  // namespace

std::string StatusReply(const ShowStatus& s) {
  nlohmann::ordered_json j;
  j["ok"] = true;
  j["slide"] = s.count == 0 ? 0 : s.slide + 1;
  j["count"] = s.count;
  j["shown"] = s.shown;
  j["idle"] = s.idle;
  j["paused"] = s.paused;
  j["black"] = s.black;
  j["error_screen"] = s.error_screen;
  nlohmann::ordered_json playlist;
  playlist["path"] = s.playlist;
  playlist["version"] = s.version;
  playlist["mtime"] = s.mtime;
  playlist["size"] = s.size;
  j["playlist"] = playlist;
  j["errors"] = s.errors;
  j["sync"] = s.sync;
  j["uptime_s"] = std::floor(static_cast<double>(s.uptime_ms) / 100.0) / 10.0;
  nlohmann::ordered_json frames;
  const DrawTimes none;
  const DrawTimes& t = s.draw_times ? *s.draw_times : none;
  frames["frames"] = t.count();
  frames["last"] = Round(t.last());
  frames["p50"] = Round(t.Percentile(50));
  frames["p99"] = Round(t.Percentile(99));
  frames["max"] = Round(t.Max());
  j["frame_ms"] = frames;
  // Paths and problems are the user's bytes: never invalid JSON, whatever they hold.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kiosk
