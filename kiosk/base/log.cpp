#include "log.h"

#include <iostream>

#include "diagnostics.h"

namespace kiosk {

// Escaped (idempotent: text escaped before stays as it is), so nothing from a playlist
// can forge a line or drive the terminal; a line is bounded, not cut to a few words.
// One write per line: the MQTT and control socket threads log too, and pieces of their
// lines must not interleave.
void Log(const std::string& line) {
  std::cerr << ("kiosk: " + EchoForUser(line, 2000, Elide::kMiddle) + "\n") << std::flush;
}

}  // namespace kiosk
