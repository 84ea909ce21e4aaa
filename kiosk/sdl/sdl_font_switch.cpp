#include "sdl_font_switch.h"

namespace kiosk {

bool PinnedTtfFonts::Use(const FontFiles& files, std::string* error) {
  PinnedFiles pins;
  FontFiles pinned;
  if (!PinFonts(files, &pins, &pinned, error)) return false;
  {
    TtfFonts next;
    if (!next.Open(pinned, error)) {
      *error = pins.UserNames(*error);  // the user's path, not /proc/self/fd/N
      return false;
    }
    fonts_.Swap(next);
  }  // the old fonts close here, before their pins go
  pins_ = std::move(pins);
  return true;
}

}  // namespace kiosk
