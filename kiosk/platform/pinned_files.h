// Keeps files readable after they are deleted or replaced on disk: a font file removed
// while the show runs must not make text disappear, yet SDL_ttf opens a font file by name
// again for every size. Pinning opens each file once and hands out /proc/self/fd/N names,
// which keep reaching the same content for as long as it stays pinned. A snapshot pin
// copies the content into memory first (memfd), so that even a file overwritten in place
// (`cp new.ttf font.ttf`, same inode) keeps its old content under the pinned name: FreeType
// reads glyphs lazily, and would otherwise draw from whatever the file holds now.
//
// Only regular files are pinned, opened without blocking (a FIFO or a device named as a
// font must not hang the show). Messages name the user's path, never /proc/self/fd/N.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "font_lookup.h"

namespace kiosk {

// What tells one version of a file from another: a file replaced by a rename has another
// inode, one overwritten in place another size or modification time.
struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};

// The identity of what `path` names now (symlinks followed); nothing if it is gone.
std::optional<FileIdentity> IdentityOfPath(const std::string& path);
// The identity of the file open at `fd`.
std::optional<FileIdentity> IdentityOfFd(int fd);

class PinnedFiles {
 public:
  PinnedFiles() = default;
  ~PinnedFiles() { Release(); }
  PinnedFiles(const PinnedFiles&) = delete;
  PinnedFiles& operator=(const PinnedFiles&) = delete;
  PinnedFiles(PinnedFiles&& other) noexcept : pins_(std::move(other.pins_)) { other.pins_.clear(); }
  PinnedFiles& operator=(PinnedFiles&& other) noexcept;

  // A name that reaches `path`'s content from now on, even once it is deleted, replaced or
  // (with `snapshot`) overwritten in place. "" with *error ("PATH: not a regular file",
  // "PATH: No such file or directory") if it cannot be opened. Where /proc is not mounted,
  // `path` itself (the file was checked, but is not pinned).
  std::string Pin(const std::string& path, bool snapshot, std::string* error);
  void Release();
  std::size_t size() const { return pins_.size(); }

  // The user's paths whose file is no longer the one pinned (replaced, overwritten, gone).
  std::vector<std::string> ChangedOnDisk() const;
  // `text` with every pinned name (/proc/self/fd/N) replaced by the user's path.
  std::string UserNames(std::string text) const;

 private:
  struct Entry {
    int fd = -1;
    std::string name;  // /proc/self/fd/N
    std::string path;  // the user's
    FileIdentity identity;
  };
  std::vector<Entry> pins_;
};

// The same fonts under pinned names; the theme's faces (regular, bold) are snapshots. False
// with *error (naming the user's path) if the regular or bold face cannot be pinned; a
// fallback that cannot be pinned is left out of *pinned.
bool PinFonts(const FontFiles& files, PinnedFiles* pins, FontFiles* pinned, std::string* error);

}  // namespace kiosk
