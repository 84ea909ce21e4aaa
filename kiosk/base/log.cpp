#include "log.h"

#include <iostream>

namespace kiosk {

void Log(const std::string& line) { std::cerr << "kiosk: " << line << std::endl; }

}  // namespace kiosk
