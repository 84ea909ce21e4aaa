// Small playlists for tests: one slide per text, 10 s each, the default theme.
#pragma once

#include <initializer_list>

#include "playlist.h"

namespace kiosk::testing {

inline Playlist Slides(std::initializer_list<const char*> texts) {
  Playlist p = DefaultPlaylist();
  for (const char* t : texts) {
    Slide s;
    s.text = t;
    s.duration = 10;
    p.slides.push_back(s);
  }
  return p;
}

}  // namespace kiosk::testing
