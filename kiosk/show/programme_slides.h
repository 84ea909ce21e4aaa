// The slides a conference programme makes: a playlist's "programme" slides get their
// kicker, title and text from what runs now and next (programme.h), as plain slide text,
// so the normal layout sets them (auto-fit, hyphenation, the theme). Pure functions of
// (playlist, programmes, the real time): the show runs ExpandProgramme again at
// NextProgrammeChange (a talk begins or ends, or midnight turns "Morgen" into today) and
// when a schedule file is reloaded, and gives the Deck the slides only when they differ.
//
// Before the clock can be trusted (WallTime::trusted false: a Pi that booted with the time
// it last saved), a programme slide shows nothing that depends on the time: the room's
// name (or "Programm") under the conference's title.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "file_system.h"
#include "local_time.h"
#include "playlist.h"
#include "programme.h"

namespace kiosk {

// The programmes a playlist names, by resolved file name; one that could not be read is
// missing (its slides show the room's name only).
using Programmes = std::map<std::string, std::shared_ptr<const Programme>>;

// Every schedule file the playlist's slides name, each once, in order.
std::vector<std::string> ProgrammeFiles(const Playlist& playlist);

// Reads every schedule file the playlist names. Its problems go to *diagnostics (the
// schedule's file and JSON path); a programme slide whose room the schedule does not have
// is an error of the playlist (slides[3].programme.room), listing the rooms it has.
Programmes LoadProgrammes(const Playlist& playlist, const FileSystem& fs,
                          std::vector<Diagnostic>* diagnostics);

struct ProgrammeText {
  std::string kicker;
  std::string title;
  std::string text;
  bool operator==(const ProgrammeText&) const = default;
};

// What a programme slide for `ref` shows at `wall`, in `lang` ("de…" German, "en…"
// English, else German); nullptr: the schedule could not be read.
ProgrammeText ProgrammeSlideText(const Programme* programme, const ProgrammeRef& ref,
                                 const std::string& lang, const std::string& playlist_zone,
                                 WallTime wall);

// Sets the kicker, title and text of every programme slide for `wall`; true if any changed.
bool ExpandProgramme(Playlist* playlist, const Programmes& programmes, WallTime wall);

// The next real time after wall.real_ms at which ExpandProgramme gives other text; nothing
// if never (no programme slides, an untrusted clock, every programme over).
std::optional<Millis> NextProgrammeChange(const Playlist& playlist, const Programmes& programmes,
                                          WallTime wall);

// Every word a programme slide may show (titles, speakers, rooms, the headings): given to
// the Deck so that the hyphenation patterns, released once every word was asked about,
// need not be loaded again when the next talk's title appears.
std::string ProgrammeWords(const Programmes& programmes);

}  // namespace kiosk
