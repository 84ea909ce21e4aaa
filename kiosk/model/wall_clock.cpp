#include "wall_clock.h"

#include <cmath>

namespace kiosk {

WallClock::WallClock(Millis start_real, double speed, Millis start_mono)
    : simulated_(true), start_real_(start_real), speed_(speed), start_mono_(start_mono) {}

Millis WallClock::RealAt(Millis mono, Millis system_real) const {
  if (!simulated_) return system_real;
  return start_real_ +
         static_cast<Millis>(std::floor(static_cast<double>(mono - start_mono_) * speed_));
}

Millis WallClock::MonoUntil(Millis real_ms, Millis now_real) const {
  if (real_ms <= now_real) return 0;
  const double mono = static_cast<double>(real_ms - now_real) / (simulated_ ? speed_ : 1.0);
  return static_cast<Millis>(std::ceil(mono));
}

bool ResolveAt(std::string_view text, const TimeZone& zone, Millis* real_ms, std::string* error) {
  IsoDateTime iso;
  if (!ParseIsoDateTime(text, &iso, error)) return false;
  if (iso.offset_minutes) {
    const CivilTime& c = iso.civil;
    const long long days = DaysFromCivil(c.year, c.month, c.day);
    *real_ms = ((days * 24 + c.hour) * 60 + c.minute - *iso.offset_minutes) * 60'000LL +
               c.second * 1000LL + c.millis;
  } else {
    *real_ms = zone.FromLocal(iso.civil);
  }
  return true;
}

}  // namespace kiosk
