// What the screen shows at one moment, as plain data: the SDL edge only draws it.
// Two equal Frames look the same, so the loop redraws only when the Frame changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "announcement.h"
#include "color.h"
#include "deck.h"
#include "local_time.h"
#include "scheduler.h"

namespace kiosk {

struct RectItem {
  Box box;
  Color color;
  bool operator==(const RectItem&) const = default;
};

struct SlideLayer {
  std::size_t slide = 0;
  std::uint8_t alpha = 255;
  bool operator==(const SlideLayer&) const = default;
};

// The announcement band, over everything else, faded as a whole.
struct Band {
  Box box;
  Color background;
  std::vector<TextItem> texts;  // the same for every frame of one message (Deck::Band)
  std::uint8_t alpha = 255;
  bool operator==(const Band&) const = default;
};

struct Frame {
  Color background;
  std::vector<PictureItem> under;  // the theme's background picture, over `background`
  Box clip;                        // slide text never leaves it
  std::vector<SlideLayer> layers;  // drawn in order, each fully laid out by the Deck
  // Per layer: its lines with live fields at the frame's time (Deck::LiveItems), drawn over it.
  std::vector<std::vector<TextItem>> live;
  std::vector<PictureItem> over;  // the logo, over the slides, never faded
  std::vector<RectItem> rects;    // progress bar, paused mark
  std::vector<TextItem> texts;    // counter, typed slide number
  std::optional<Band> band;       // an announcement
  bool operator==(const Frame&) const = default;
};

// What the show is doing apart from the slides; a reload keeps it.
struct ShowState {
  bool black = false;
  std::string pending_digits;                // a slide number being typed
  std::optional<Announcement> announcement;  // kiosk ctl announce (over the playlist's own)
  // The real time for time rules, clock fields and the programme (the real-time clock, or
  // --at/--speed's simulated one), and whether it can be trusted yet; the edge sets it on
  // every loop turn.
  WallTime wall;
};

// The frame for `now`. Nothing in it depends on time except the crossfade, the progress
// bar, which moves in steps, and an announcement's fades (see NextFrameChange).
Frame BuildFrame(Deck& deck, const Scheduler& scheduler, const ShowState& state, Millis now);

// Milliseconds until BuildFrame may give another frame without any input: 0 while a
// crossfade runs (draw every vsync), -1 if never (paused, static).
Millis NextFrameChange(const Deck& deck, const Scheduler& scheduler, const ShowState& state,
                       Millis now);

// The real time (state.wall's clock) at which a live field on screen next changes; -1: none
// will. NextFrameChange counts it as if the wall clock ran at the monotonic one's pace; under
// --speed the edge converts it itself.
Millis NextFieldChangeAt(const Deck& deck, const Scheduler& scheduler, const ShowState& state,
                         Millis now);

}  // namespace kiosk
