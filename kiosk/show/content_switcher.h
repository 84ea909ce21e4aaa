// What a running show shows, and what a reload changes: the decisions of hot reload,
// without SDL, through small seams (loading, the fonts in use, the clock, the log) that
// tests replace with fakes.
//
//  - A good playlist whose fonts open: it shows, on the same slide.
//  - A playlist with errors, or whose fonts cannot be used (not a font, gone, not a regular
//    file): the last good version keeps showing with its fonts, the errors go to the log
//    (and with "error_mark" a small mark to the screen). On the error screen (no good
//    version yet), the new errors show instead.
//  - At start, a playlist or font that cannot be used gives the error screen: a kiosk
//    that exits restarts in the dark under systemd.
//  - Fonts are opened again when their files differ: other paths, or the same path with
//    another file behind it (replaced, or overwritten in place).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config.h"
#include "content.h"
#include "deck.h"
#include "hyphenation_keeper.h"
#include "reload.h"
#include "scheduler.h"

namespace kiosk {

// Reading the playlist (the program: LoadContent and ErrorScreenContent).
class ContentSource {
 public:
  virtual ~ContentSource() = default;
  // The playlist at `path` and its fonts, or nothing with the problems, one a line.
  // *font_file: the playlist's theme.font_file whenever the playlist itself was read, also
  // when that font cannot be used (so fixing the font can be noticed).
  virtual std::optional<Content> Load(const std::string& path, std::vector<std::string>* problems,
                                      std::string* font_file) = 0;
  // The error screen for `problems`; nothing only if no font exists at all.
  virtual std::optional<Content> ErrorScreen(const std::string& path,
                                             const std::vector<std::string>& problems) = 0;
};

// The files on disk, through LoadContent and ErrorScreenContent (messages go to stderr).
class DiskContent : public ContentSource {
 public:
  std::optional<Content> Load(const std::string& path, std::vector<std::string>* problems,
                              std::string* font_file) override;
  std::optional<Content> ErrorScreen(const std::string& path,
                                     const std::vector<std::string>& problems) override;
};

// The fonts the show measures and draws with (the program: SDL_ttf's, pinned).
class FontSwitch {
 public:
  virtual ~FontSwitch() = default;
  // The user's paths of the fonts in use whose file on disk is no longer the one opened.
  virtual std::vector<std::string> ChangedOnDisk() = 0;
  // Makes `files` the fonts in use. On failure the fonts in use stay as they were, open
  // and usable, and *error says why, naming the user's paths.
  virtual bool Use(const FontFiles& files, std::string* error) = 0;
};

class ContentSwitcher {
 public:
  struct Seams {
    ContentSource& source;
    FontSwitch& fonts;
    std::function<Millis()> now;
    std::function<void(const std::string&)> log;
    // Something on screen changes: `new_content` (forget rasterised text) or only the
    // error mark. The show draws again, and watches watched() from now on.
    std::function<void(bool new_content)> changed;
  };

  ContentSwitcher(std::string path, Deck& deck, Scheduler& scheduler,
                  HyphenationKeeper& hyphenation, Seams seams)
      : path_(std::move(path)),
        deck_(deck),
        scheduler_(scheduler),
        hyphenation_(hyphenation),
        seams_(std::move(seams)) {}

  // The first content: the playlist, or the error screen if it or its fonts cannot be
  // used. False only if not even the error screen can be shown (no font at all).
  bool Start();
  // Reads the playlist again and shows it, or keeps what shows (see the top).
  void Reload();
  // A watched file changed on disk: a reload follows once the changes stop.
  void FilesChanged();

  const std::string& path() const { return path_; }
  // The error screen shows: the playlist has not loaded since the start.
  bool showing_errors() const { return showing_errors_; }
  // The last reload failed: an older version shows.
  bool disk_has_errors() const { return disk_has_errors_; }
  // The problems of the last load that failed (at start, or the last reload); empty once
  // a version loads.
  const std::vector<std::string>& problems() const { return problems_; }
  ReloadTimer& timer() { return timer_; }
  // The files whose change means a reload: the playlist, the font file of the version
  // showing, and that of the last version read (a font that failed, once fixed, shows),
  // and every picture file of the version showing (a replaced logo shows; the drawers
  // decode a file again when its identity changed).
  std::vector<std::string> watched() const;
  // The programmes of the version showing (a schedule that cannot be read now keeps the
  // last good one).
  const Programmes& programmes() const { return programmes_; }

 private:
  // Makes `files` the fonts in use if they differ from those in use; false with *error.
  bool SwitchFonts(const FontFiles& files, std::string* error);
  // The error screen for `problems` with its fonts; false (logged) if it cannot show.
  bool ShowErrors(const std::vector<std::string>& problems, bool first);
  // The playlist on disk with its fonts in use, or nothing with every problem in
  // *problems (a font that does not open among them).
  std::optional<Content> LoadWithFonts(std::vector<std::string>* problems);
  void Show(Content content, bool showing_errors, bool first);
  // A picture file that cannot be used now but showed until this reload keeps its size, so
  // the Deck lays it out and the drawers keep showing its last good pixels (they keep
  // those of a picture whose file changed and no longer decodes).
  void KeepLastGoodPictures(PictureSizes* sizes);

  std::string path_;
  Deck& deck_;
  Scheduler& scheduler_;
  HyphenationKeeper& hyphenation_;
  Seams seams_;
  ReloadTimer timer_{config::kReloadQuietMs};
  std::optional<FontFiles> fonts_;           // the user's names of the fonts in use
  std::string shown_font_file_;              // theme.font_file of the version showing
  std::string read_font_file_;               // theme.font_file of the last version read
  std::vector<std::string> shown_pictures_;  // the picture files of the version showing
  Programmes programmes_;
  std::vector<std::string> programme_files_;  // the schedule files of the version showing
  bool showing_errors_ = false;
  bool disk_has_errors_ = false;
  std::vector<std::string> problems_;
};

// Every picture file `playlist` names (theme background and logo, then each slide's
// background and image), each once, in that order.
std::vector<std::string> PictureFiles(const Playlist& playlist);

// Whether two sets name the same font files (the same paths in the same roles).
bool SameFontFiles(const FontFiles& a, const FontFiles& b);

}  // namespace kiosk
