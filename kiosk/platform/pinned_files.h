// Keeps files readable after they are deleted or replaced on disk: a font file removed
// while the show runs must not make text disappear, yet SDL_ttf opens a font file by name
// again for every size. Pinning opens each file once and hands out /proc/self/fd/N names,
// which keep reaching the same file for as long as it stays pinned.
#pragma once

#include <string>
#include <vector>

#include "font_lookup.h"

namespace kiosk {

class PinnedFiles {
 public:
  PinnedFiles() = default;
  ~PinnedFiles() { Release(); }
  PinnedFiles(const PinnedFiles&) = delete;
  PinnedFiles& operator=(const PinnedFiles&) = delete;
  PinnedFiles(PinnedFiles&& other) noexcept : fds_(std::move(other.fds_)) { other.fds_.clear(); }
  PinnedFiles& operator=(PinnedFiles&& other) noexcept;

  // A name that reaches `path`'s file from now on, even once it is deleted; `path` itself
  // if it cannot be opened (the caller's open then reports why).
  std::string Pin(const std::string& path);
  void Release();
  std::size_t size() const { return fds_.size(); }

 private:
  std::vector<int> fds_;
};

// The same fonts under pinned names.
FontFiles PinFonts(const FontFiles& files, PinnedFiles* pins);

}  // namespace kiosk
