// The pictures a playlist names, read and probed the one way kiosk reads a user's file
// (FileSystem: O_NONBLOCK, regular files only, bounded). At runtime a picture that cannot
// be used is not an error: its slide shows without it, and the log says why.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "file_system.h"
#include "picture.h"
#include "playlist.h"
#include "slide_regions.h"

namespace kiosk {

// Where a playlist names a picture ("theme.logo", "slides[2].image") and its resolved file.
struct PictureUse {
  std::string where;
  std::string file;
  bool operator==(const PictureUse&) const = default;
};
std::vector<PictureUse> PictureUses(const Playlist& playlist);

// Reads a picture file through `fs` (at most config::kMaxPictureBytes). False with
// *error: "cannot read: No such file or directory", "cannot read: not a regular file (a
// FIFO)", "cannot read: file too large (over 32 MiB)".
bool ReadPicture(const FileSystem& fs, const std::string& file, std::string* bytes,
                 std::string* error);

struct PictureProblem {
  std::string where;
  std::string file;
  std::string reason;  // "cannot read: ...", or what ProbePicture said
  bool operator==(const PictureProblem&) const = default;
};

// Probes every picture the playlist names, each file once: its size (0 x 0 when it cannot
// be used), and one problem per use of an unusable file. With `infos`, the headers read.
PictureSizes ProbePictures(const Playlist& playlist, const FileSystem& fs,
                           std::vector<PictureProblem>* problems,
                           std::map<std::string, PictureInfo>* infos = nullptr);

// "slides[2].image: shows/a.png: cannot read: No such file or directory", the file escaped.
Diagnostic PictureDiagnostic(const std::string& playlist_path, Severity severity,
                             const PictureProblem& problem, const std::string& suffix = "");

}  // namespace kiosk
