// Where kiosk finds its own files (slides/, fonts/) at run time: installed under
// share/kiosk, or in the source tree when run from a build directory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Candidate data directories, most specific first: $KIOSK_DATA_DIR, <exe>/../share/kiosk,
// the install prefix's share/kiosk, the source tree this binary was built from.
std::vector<std::string> DataDirs();

// The first existing DIR/relative from DataDirs(), or "" if none exists.
std::string FindDataFile(std::string_view relative);

}  // namespace kiosk
