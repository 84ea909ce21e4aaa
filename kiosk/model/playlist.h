// The playlist model and its loader: JSON text in, a validated Playlist plus
// diagnostics out. Pure apart from the FileSystem it is handed.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "color.h"
#include "diagnostics.h"
#include "file_system.h"
#include "time_rules.h"

namespace kiosk {

enum class Align { kLeft, kCenter };

// A picture file and how it fills the box it is given. `file` is resolved like font_file:
// relative to the playlist's directory.
struct PictureRef {
  std::string file;
  bool cover = false;  // "fit": "cover" (crop to fill) instead of "contain" (letterbox)
  double focus_x = 0.5, focus_y = 0.5;  // "focus": [x, y], 0..1 of the picture; kept by cover
  bool operator==(const PictureRef&) const = default;
};

// A full-screen picture behind the text, with an overlay over it (darkening or a colour)
// so the text on it stays readable.
struct Backdrop {
  PictureRef picture;  // cover by default
  Color overlay;       // drawn over the picture; its alpha says how strongly
  bool operator==(const Backdrop&) const = default;
};

// Where a slide's image (or QR code) goes relative to its text; kAuto: beside it on a
// landscape screen, above it on a portrait one. Without text the image is shown alone.
enum class ImagePosition { kAuto, kLeft, kRight, kAbove, kBelow };

struct ImageElement {
  PictureRef picture;
  ImagePosition position = ImagePosition::kAuto;
  bool operator==(const ImageElement&) const = default;
};

struct QrElement {
  std::string text;     // any text or URL, encoded as it is
  std::string caption;  // optional, drawn under the code
  ImagePosition position = ImagePosition::kAuto;
  bool operator==(const QrElement&) const = default;
};

enum class Corner { kTopLeft, kTopRight, kBottomLeft, kBottomRight };

// The organisers' logo, on every slide, in a corner; the text area gives way to it.
struct Logo {
  PictureRef picture;
  Corner corner = Corner::kTopRight;
  double size = 0;  // the logo's box: share of the shorter screen side
  bool operator==(const Logo&) const = default;
};

struct Theme {
  Color background;
  Color foreground;
  Color accent;
  std::string font_family;  // fontconfig family name
  std::string font_file;    // absolute or relative to the working dir; overrides the family
  double margin = 0;        // share of the shorter screen side
  Align align = Align::kLeft;
  double max_text_size = 0;  // share of the screen height
  double min_text_size = 0;
  bool uniform_size = false;  // one body size for every slide: the smallest any needs
  std::optional<Backdrop> background_picture;  // behind every slide without its own
  std::optional<Logo> logo;
};

// A slide that shows what runs now and next from a conference programme (a frab/pretalx
// schedule.json; programme.h): in one room, or with `room` empty in every room (the foyer).
// Its kicker, title and text are made from the programme (programme_slides.h).
struct ProgrammeRef {
  std::string file;  // resolved like a picture: relative to the playlist's directory
  std::string room;  // "" (or "*" in the file): every room
  bool operator==(const ProgrammeRef&) const = default;
};

struct Slide {
  std::string kicker;  // small heading above the title, e.g. the lead-in of a list
  std::string title;
  std::string text;
  double duration = 0;  // seconds, from config::kMinSlideSeconds; not under the transition
  Align align = Align::kLeft;
  std::optional<ImageElement> image;
  std::optional<Backdrop> background;  // over the theme's background and background picture
  std::optional<QrElement> qr;
  std::optional<ProgrammeRef> programme;
  TimeRule when;  // "when": shown only then (time_rules.h)
};

// "sync": "off" (each screen keeps its own time) or "clock" (the slide follows the
// real-time clock: clock_sync.h).
enum class SyncMode { kOff, kClock };

struct Playlist {
  std::string path;  // as given; messages name it
  std::string lang = "de";
  std::string timezone;  // IANA name for time rules, clock fields, the programme; "" = the system's
  double transition = 0;  // seconds of crossfade, 0 = cut
  bool show_progress = true;
  bool show_counter = true;
  bool error_mark = false;  // mark on screen while the file on disk has errors
  SyncMode sync = SyncMode::kOff;
  std::string announcement;  // a standing announcement band over every slide; "" none
  TimeRule when;             // "when": the whole playlist shows only then, else idle
  Theme theme;
  std::vector<Slide> slides;
};

// The bounds of every number in a playlist: validation uses them, and a test holds
// slides/playlist.schema.json to them (one place for both).
struct NumberRule {
  enum Unit { kSeconds, kShare };
  std::string_view object;  // "" (top level), "theme", "slides[]" or "theme.logo"
  std::string_view key;
  double min = 0;
  bool min_exclusive = false;  // (min, max] instead of [min, max]
  double max = 0;
  Unit unit = kShare;
};
std::span<const NumberRule> NumberRules();

// The keys an object may have: "" (top level), "theme", "slides[]", and the objects of
// pictures: "theme.logo", "slides[].image", "slides[].qr", "slides[].programme", "background" (a
// slide's or the theme's, in its object form), and "when" (a time rule's, the playlist's or a
// slide's).
std::span<const std::string_view> KnownKeys(std::string_view object);

// A Playlist with every default filled in and no slides.
Playlist DefaultPlaylist();

struct LoadResult {
  std::optional<Playlist> playlist;  // set when there are no errors
  std::vector<Diagnostic> diagnostics;
};

// Parses and validates playlist JSON. `file` names the source in messages; relative
// font files are resolved against its directory.
LoadResult ParsePlaylist(std::string_view json_text, const std::string& file);

// Reads `path` through `fs`, then ParsePlaylist; also checks that a theme.font_file exists.
LoadResult LoadPlaylist(const std::string& path, const FileSystem& fs);

}  // namespace kiosk
