// The playlist's time keys: "timezone" and "when" (time_rules.h), parsed and checked apart
// from playlist.cpp; each problem names its JSON path.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "local_time.h"
#include "time_rules.h"

namespace kiosk {

struct Playlist;

struct TimeProblem {
  std::string path;
  std::string message;
};

// "timezone": an IANA zone the system's tz database knows.
void ParseTimezone(const nlohmann::json& value, std::string* out,
                   std::vector<TimeProblem>* problems);

// "when": {"from", "until", "dates", "weekdays", "times"} at `path` ("when",
// "slides[2].when"). Unknown keys are left to the caller.
void ParseWhen(const nlohmann::json& value, const std::string& path, TimeRule* out,
               std::vector<TimeProblem>* problems);

// The zone the playlist's time features use: its "timezone", else the system's.
TimeZone PlaylistZone(const Playlist& playlist);

// Which slides show at `wall` (time_rules.h): a slide whose own rule and the playlist's
// hold. While the clock is not trusted (clock_trust.h), slides with a rule of their own do
// not show and the playlist's rule is ignored.
std::vector<bool> EligibleSlides(const Playlist& playlist, const WallTime& wall,
                                 const TimeZone& zone);
// The next real time after `wall` at which EligibleSlides may change; -1 if never.
Millis NextEligibilityEdge(const Playlist& playlist, const WallTime& wall, const TimeZone& zone);

// When the show evaluates the rules again: the first time, after a reload (another
// `version`), at or after the next edge, when the clock went backwards (a step back; the
// old edge would otherwise lie far ahead and a slide stay until then) and when the trust
// in the clock changes. Between those the answer cannot change.
class EligibilityWatch {
 public:
  // The slides' eligibility when it had to be evaluated again, else nothing.
  std::optional<std::vector<bool>> Check(const Playlist& playlist, long long version,
                                         const WallTime& wall);
  // The real time of the next edge; -1 if none.
  Millis next_edge() const { return next_edge_; }

 private:
  long long version_ = -1;
  Millis at_ = 0;
  Millis next_edge_ = -1;
  bool trusted_ = true;
};

// The moment --at names (in the playlist's zone, wall_clock.h's ResolveAt), or the real-time
// clock's now if `at` is empty: the time --render and --check show.
bool MomentFor(const std::string& at, const Playlist& playlist, Millis* real_ms,
               std::string* error);

}  // namespace kiosk
