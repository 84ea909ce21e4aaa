#include "log.h"

#include <iostream>

#include "diagnostics.h"

namespace kiosk {

// Escaped (idempotent: text escaped before stays as it is), so nothing from a playlist
// can forge a line or drive the terminal; a line is bounded, not cut to a few words.
void Log(const std::string& line) {
  std::cerr << "kiosk: " << EchoForUser(line, 2000, Elide::kMiddle) << std::endl;
}

}  // namespace kiosk
