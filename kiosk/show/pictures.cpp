#include "pictures.h"

#include "config.h"

namespace kiosk {
namespace {

constexpr std::size_t kProbeBytes = 256 * 1024;

}  // namespace

std::vector<PictureUse> PictureUses(const Playlist& playlist) {
  std::vector<PictureUse> uses;
  const Theme& theme = playlist.theme;
  if (theme.background_picture && !theme.background_picture->picture.file.empty()) {
    uses.push_back({"theme.background", theme.background_picture->picture.file});
  }
  if (theme.logo) uses.push_back({"theme.logo", theme.logo->picture.file});
  for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
    const Slide& slide = playlist.slides[i];
    const std::string at = "slides[" + std::to_string(i) + "]";
    if (slide.background && !slide.background->picture.file.empty()) {
      uses.push_back({at + ".background", slide.background->picture.file});
    }
    if (slide.image) uses.push_back({at + ".image", slide.image->picture.file});
  }
  return uses;
}

bool ReadPicture(const FileSystem& fs, const std::string& file, std::string* bytes,
                 std::string* error) {
  if (fs.ReadFile(file, config::kMaxPictureBytes, bytes, error)) return true;
  *error = "cannot read: " + *error;
  return false;
}

PictureSizes ProbePictures(const Playlist& playlist, const FileSystem& fs,
                           std::vector<PictureProblem>* problems,
                           std::map<std::string, PictureInfo>* infos) {
  PictureSizes sizes;
  std::map<std::string, std::string> errors;  // file -> why it cannot be used
  for (const PictureUse& use : PictureUses(playlist)) {
    if (!sizes.count(use.file)) {
      // The header is at the start: only a file whose header runs past kProbeBytes (large
      // metadata first) is read whole. Reading every picture whole would hold up the show's
      // start by the time an SD card takes to read them all.
      std::string bytes;
      std::string error;
      PictureInfo info;
      bool ok = fs.ReadFileStart(use.file, config::kMaxPictureBytes, kProbeBytes, &bytes, &error);
      if (!ok) {
        error = "cannot read: " + error;
      } else {
        ok = ProbePicture(bytes, &info, &error);
        if (!ok && bytes.size() == kProbeBytes) {
          ok = ReadPicture(fs, use.file, &bytes, &error) && ProbePicture(bytes, &info, &error);
        }
      }
      if (ok) {
        sizes[use.file] = {info.width, info.height};
        if (infos) (*infos)[use.file] = info;
      } else {
        sizes[use.file] = {};
        errors[use.file] = error;
      }
    }
    if (auto it = errors.find(use.file); it != errors.end()) {
      problems->push_back({use.where, use.file, it->second});
    }
  }
  return sizes;
}

Diagnostic PictureDiagnostic(const std::string& playlist_path, Severity severity,
                             const PictureProblem& problem, const std::string& suffix) {
  return {severity,
          playlist_path,
          0,
          0,
          problem.where,
          EchoForUser(problem.file, kEchoChars, Elide::kMiddle) + ": " +
              EchoForUser(problem.reason, 200) + suffix};
}

}  // namespace kiosk
