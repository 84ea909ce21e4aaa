// The seam between the core and the disk: tests pass a fake, the program the real one.
#pragma once

#include <string>

namespace kiosk {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Reads the whole file. On failure returns false and sets *error to a short reason
  // ("No such file or directory", "is a directory", "file too large").
  virtual bool ReadFile(const std::string& path, std::string* contents,
                        std::string* error) const = 0;
  virtual bool IsReadableFile(const std::string& path) const = 0;
};

class RealFileSystem : public FileSystem {
 public:
  // Playlists larger than this are refused instead of read into memory.
  static constexpr long long kMaxFileBytes = 64LL * 1024 * 1024;
  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override;
  bool IsReadableFile(const std::string& path) const override;
};

}  // namespace kiosk
