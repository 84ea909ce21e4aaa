// The seam between the core and the disk: tests pass a fake, the program the real one.
// And the one way kiosk opens a file a user names (playlist, fonts, later pictures):
// OpenRegularFile, which never blocks and never reads without bound.
#pragma once

#include <cstddef>
#include <string>

#include "config.h"

namespace kiosk {

// An open file descriptor, closed when it goes.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.Release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int Release();  // the caller closes it now
  void Reset();

 private:
  int fd_ = -1;
};

// Opens `path` for reading if, and only if, it is a regular file of at most `max_bytes`
// bytes (-1: any size). Never blocks: the file is opened with O_NONBLOCK (so a FIFO with
// no writer, a tty or a device returns at once) and checked with fstat before anything
// reads it; then O_NONBLOCK is cleared (a regular file never blocks anyway). The
// descriptor is O_CLOEXEC, O_NOCTTY. Symlinks are followed.
//
// On failure returns an empty UniqueFd and sets *error to a short reason for a message
// of the form "FILE: error: REASON": the system's text ("No such file or directory",
// "Permission denied"), "is a directory", "not a regular file (a FIFO)" (also "a character
// device", "a block device", "a socket"), or "file too large (over 4 MiB)".
//
// Use it for every file whose name comes from a user: a FIFO or /dev/zero put where a
// playlist or font belongs must give an error, not a hang or an endless read.
UniqueFd OpenRegularFile(const std::string& path, long long max_bytes, std::string* error);

// Reads the whole file at `path`, opened with OpenRegularFile. Stops reading as soon as it
// has more than max_bytes: a file that says one size and gives more (/proc, or one growing
// while read) is refused the same way.
bool ReadRegularFile(const std::string& path, long long max_bytes, std::string* contents,
                     std::string* error);

// Reads what is left of `fd` (one OpenRegularFile gave) the same way: to its end, never
// more than max_bytes. For callers that fstat the descriptor too (the file they read is
// then the one they describe).
bool ReadOpenFile(int fd, long long max_bytes, std::string* contents, std::string* error);

// ReadRegularFile for the first `prefix` bytes only (a picture's header): the file is
// still refused if it is over max_bytes or not a regular file.
bool ReadRegularFileStart(const std::string& path, long long max_bytes, std::size_t prefix,
                          std::string* contents, std::string* error);

// The reason for a file over max_bytes: "file too large (over 4 MiB)".
std::string FileTooLarge(long long max_bytes);

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Reads the whole file if it has at most max_bytes. On failure returns false and sets
  // *error to a short reason ("No such file or directory", "is a directory",
  // "file too large (over 4 MiB)").
  virtual bool ReadFile(const std::string& path, long long max_bytes, std::string* contents,
                        std::string* error) const = 0;
  virtual bool IsReadableFile(const std::string& path) const = 0;
  // ReadFile, but only the first `prefix` bytes are needed (the rest may be left unread).
  virtual bool ReadFileStart(const std::string& path, long long max_bytes, std::size_t prefix,
                             std::string* contents, std::string* error) const {
    if (!ReadFile(path, max_bytes, contents, error)) return false;
    if (contents->size() > prefix) contents->resize(prefix);
    return true;
  }
};

class RealFileSystem : public FileSystem {
 public:
  // ReadRegularFile.
  bool ReadFile(const std::string& path, long long max_bytes, std::string* contents,
                std::string* error) const override;
  bool IsReadableFile(const std::string& path) const override;
  // ReadRegularFileStart.
  bool ReadFileStart(const std::string& path, long long max_bytes, std::size_t prefix,
                     std::string* contents, std::string* error) const override;
};

}  // namespace kiosk
