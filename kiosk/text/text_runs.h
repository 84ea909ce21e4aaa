// Bidirectional text and scripts: which parts of a line run right to left and in which
// script, in the order they appear on screen. fribidi does the Unicode BiDi algorithm,
// HarfBuzz's Unicode functions name the script; shaping itself happens in SDL_ttf.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct TextRun {
  std::string text;    // UTF-8, in logical (reading) order
  bool rtl = false;    // shaped and laid out right to left
  std::string script;  // ISO 15924 tag ("Latn", "Arab", "Ethi"); "Zyyy" when only neutrals
  bool operator==(const TextRun&) const = default;
};

// True if the paragraph's first strong character is right-to-left (Unicode rules P2, P3).
bool IsRightToLeft(std::string_view paragraph);

// The runs of one line in visual order, left to right; each has one direction and one
// script. `rtl_base` is the paragraph's direction.
std::vector<TextRun> VisualRuns(std::string_view line, bool rtl_base);

}  // namespace kiosk
