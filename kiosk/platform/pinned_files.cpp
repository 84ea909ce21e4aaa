#include "pinned_files.h"

#include <fcntl.h>
#include <unistd.h>

namespace kiosk {

PinnedFiles& PinnedFiles::operator=(PinnedFiles&& other) noexcept {
  if (this != &other) {
    Release();
    fds_ = std::move(other.fds_);
    other.fds_.clear();
  }
  return *this;
}

std::string PinnedFiles::Pin(const std::string& path) {
  if (path.empty()) return path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return path;
  // Only where /proc is mounted does the name reach the file.
  const std::string name = "/proc/self/fd/" + std::to_string(fd);
  if (::access(name.c_str(), R_OK) != 0) {
    ::close(fd);
    return path;
  }
  fds_.push_back(fd);
  return name;
}

void PinnedFiles::Release() {
  for (int fd : fds_) ::close(fd);
  fds_.clear();
}

FontFiles PinFonts(const FontFiles& files, PinnedFiles* pins) {
  FontFiles out = files;
  out.regular = pins->Pin(files.regular);
  out.bold = files.bold == files.regular ? out.regular : pins->Pin(files.bold);
  for (std::string& f : out.fallbacks) f = pins->Pin(f);
  return out;
}

}  // namespace kiosk
