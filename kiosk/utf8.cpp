#include "utf8.h"

namespace kiosk {

std::size_t Utf8Next(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return s.size();
  std::size_t next = pos + 1;
  while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
  return next;
}

}  // namespace kiosk
