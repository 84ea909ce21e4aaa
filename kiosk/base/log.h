// The program's log: one line at a time on stderr, which under systemd is the journal.
#pragma once

#include <string>

namespace kiosk {

// "kiosk: LINE" on stderr.
void Log(const std::string& line);

}  // namespace kiosk
