// kiosk --check: validate a playlist and report every problem.
#pragma once

#include <ostream>
#include <string>

#include "file_system.h"
#include "playlist.h"

namespace kiosk {

// Prints diagnostics to `err` and a one-line summary to `out`.
// Returns 0 when the playlist has no errors (warnings allowed), 1 otherwise.
int CheckPlaylist(const std::string& path, const FileSystem& fs, std::ostream& out,
                  std::ostream& err);

// Loads a playlist for showing: prints warnings and errors to `err`; the playlist is
// set only if it has no errors.
LoadResult LoadAndReport(const std::string& path, const FileSystem& fs, std::ostream& err);

}  // namespace kiosk
