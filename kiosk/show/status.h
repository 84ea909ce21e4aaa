// The control socket's "status" reply: the show's state as one line of JSON, built from
// plain values (the loop gathers them), so its shape is tested without a show.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// The draw times of the last frames (in ms), for "frame_ms" in the status.
class DrawTimes {
 public:
  static constexpr std::size_t kKept = 120;  // about two seconds of a crossfade
  void Add(double ms);
  std::size_t count() const { return times_.size(); }
  double last() const { return last_; }
  // The p-th percentile (0..100) of the kept times; 0 with none.
  double Percentile(double p) const;
  double Max() const;

 private:
  std::vector<double> times_;  // a ring of the last kKept
  std::size_t next_ = 0;
  double last_ = 0;
};

struct ShowStatus {
  std::size_t slide = 0;  // 0-based; the reply says it 1-based
  std::size_t count = 0;
  // Time rules: how many slides may show now, and none may (the idle screen shows).
  std::size_t shown = 0;
  bool idle = false;
  bool paused = false;
  bool black = false;
  bool error_screen = false;        // the playlist has not loaded since the start
  std::string playlist;             // its path
  long long version = 0;            // how many versions of the playlist have shown since the start
  long long mtime = 0;              // the file's modification time when it was read (Unix seconds)
  long long size = -1;              // its size then in bytes; -1 if it could not be read
  std::vector<std::string> errors;  // the problems of the last reload (or of the start)
  // Wall-clock sync: "off" (the playlist does not ask for it), "clock" (following the real-time
  // clock) or "left" (a person navigated; back on resume or after the re-join timeout).
  std::string sync = "off";
  std::int64_t uptime_ms = 0;
  const DrawTimes* draw_times = nullptr;
};

// {"ok":true,"slide":3,"count":13,...}: the README's "Remote control" lists the fields.
std::string StatusReply(const ShowStatus& status);

}  // namespace kiosk
