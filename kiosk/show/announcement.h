// Announcements: an urgent message in a band over whatever shows (slides, the error
// screen, the black screen: an urgent message must be seen), from `kiosk ctl announce` or
// a playlist's standing "announcement". The message lives in ShowState, not in the Deck,
// so a reload keeps it. Pure: time is passed in, text goes through the slide layout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "clock_sync.h"
#include "layout.h"
#include "playlist.h"

namespace kiosk {

struct Announcement {
  std::string text;
  Millis from = 0;    // it fades in from here
  Millis until = -1;  // it fades out from here; -1: until cleared
  bool operator==(const Announcement&) const = default;
};

// Shows `text` from `now` for `for_ms` (-1: until cleared). One already on screen is
// replaced in place, without fading out and in again. An empty text clears; one past
// config::kMaxTextChars characters is cut there, with "…".
void Announce(std::optional<Announcement>* a, std::string text, Millis for_ms, Millis now);
// Fades the announcement out from `now` (if it is not fading out already).
void ClearAnnouncement(std::optional<Announcement>* a, Millis now);

// How far it has faded in at `now`: 0 (gone, or not yet) to 255.
std::uint8_t AnnouncementAlpha(const Announcement& a, Millis now);
// Milliseconds until its alpha changes: 0 while it fades, -1 never (shown until cleared,
// or gone).
Millis NextAnnouncementChange(const Announcement& a, Millis now);

// The band on a w x h screen: the full width at the bottom, config::kAnnouncementBand of
// the height.
Box AnnouncementBand(const Theme& theme, int w, int h);
// `text` laid out as a slide's centred body, at the largest size at which all of it fits
// inside the band (between the theme's text sizes; below the minimum only as the last
// resort), hyphenated, right-to-left paragraphs aligned right.
SlideLayout LayoutAnnouncement(std::string_view text, const Theme& theme, int w, int h,
                               TextMeasurer& measurer, const Hyphenator* hyphenator);

}  // namespace kiosk
