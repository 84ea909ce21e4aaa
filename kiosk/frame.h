// What the screen shows at one moment, as plain data: the SDL edge only draws it.
// Two equal Frames look the same, so the loop redraws only when the Frame changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "color.h"
#include "layout.h"
#include "playlist.h"
#include "scheduler.h"

namespace kiosk {

struct TextItem {
  std::string text;
  FontStyle style = FontStyle::kRegular;
  int px = 0;
  Box box;
  Color color;
  bool operator==(const TextItem&) const = default;
};

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

struct Frame {
  Color background;
  Box clip;                        // slide text never leaves it
  std::vector<SlideLayer> layers;  // drawn in order, each fully laid out by the Deck
  std::vector<RectItem> rects;     // progress bar, paused mark
  std::vector<TextItem> texts;     // counter, typed slide number
  bool operator==(const Frame&) const = default;
};

// A playlist laid out for one screen size; layouts are computed on first use and kept
// until the playlist or the size changes.
class Deck {
 public:
  explicit Deck(TextMeasurer& measurer) : measurer_(measurer) {}

  void SetPlaylist(Playlist playlist);
  void SetScreen(int w, int h);
  const Playlist& playlist() const { return playlist_; }
  int width() const { return w_; }
  int height() const { return h_; }
  // Changes whenever earlier layouts stop being valid.
  std::uint64_t generation() const { return generation_; }

  const SlideLayout& Layout(std::size_t slide);
  // The slide's lines as coloured text items.
  std::vector<TextItem> Items(std::size_t slide);
  TextMeasurer& measurer() { return measurer_; }

 private:
  void Invalidate();

  TextMeasurer& measurer_;
  Playlist playlist_;
  int w_ = 0, h_ = 0;
  std::uint64_t generation_ = 0;
  std::vector<std::optional<SlideLayout>> layouts_;
};

struct ShowState {
  bool black = false;
  std::string pending_digits;  // a slide number being typed
};

// The frame for `now`. Nothing in it depends on time except the crossfade and the
// progress bar, which moves in steps (see NextFrameChange).
Frame BuildFrame(Deck& deck, const Scheduler& scheduler, const ShowState& state, Millis now);

// Milliseconds until BuildFrame may give another frame without any input: 0 while a
// crossfade runs (draw every vsync), -1 if never (paused, static).
Millis NextFrameChange(const Deck& deck, const Scheduler& scheduler, const ShowState& state,
                       Millis now);

}  // namespace kiosk
