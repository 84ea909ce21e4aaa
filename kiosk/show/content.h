// What a show needs before it can start: the validated playlist and its fonts, and
// its language's hyphenation patterns (loaded in the background). Messages go to stderr.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "font_lookup.h"
#include "hyphenation.h"
#include "log.h"
#include "playlist.h"
#include "programme_slides.h"
#include "slide_regions.h"

namespace kiosk {

struct Content {
  Playlist playlist;
  FontFiles fonts;
  // Every picture the playlist names, probed (Deck::SetPlaylist): one that cannot be used is
  // 0 x 0, and its slide shows without it.
  PictureSizes pictures;
  // The schedules its programme slides name (programme_slides.h); one that cannot be read
  // is missing, with a warning: its slides show the room's name only.
  Programmes programmes;
};

// Loads and checks everything a show needs; prints every problem and returns nothing on
// errors. A picture that cannot be used is not an error: one warning line names the file
// and why, and its slide shows without it. With `problems`, also hands the printed lines back (for
// the error screen). With `font_file`, also the playlist's theme.font_file whenever the playlist
// was read, even if that font turned out unusable.
std::optional<Content> LoadContent(const std::string& path,
                                   std::vector<std::string>* problems = nullptr,
                                   std::string* font_file = nullptr);

// LoadContent for a playlist that is no file (one pushed over MQTT): `text`, named `name`
// in messages; relative file names in it (pictures, fonts) resolve against the directory
// of `beside` (the local playlist), so it can use only files present on this screen.
std::optional<Content> LoadContentText(std::string_view text, const std::string& name,
                                       const std::string& beside,
                                       std::vector<std::string>* problems = nullptr,
                                       std::string* font_file = nullptr);

// The longest problem line the error screen shows (escaped, cut with "…").
inline constexpr std::size_t kErrorScreenChars = 240;

// What to show when the playlist cannot be shown: its problems on one slide, in the
// default font, each escaped and at most kErrorScreenChars long. Nothing only if no font
// exists at all.
std::optional<Content> ErrorScreenContent(const std::string& path,
                                          const std::vector<std::string>& problems);

// Starts loading the hyphenation patterns for `lang` in the background, or logs why there
// will be none. `on_ready` runs on the loading thread.
std::unique_ptr<HyphenationLoader> StartHyphenation(const std::string& lang,
                                                    std::function<void()> on_ready = {});

}  // namespace kiosk
