// An in-memory FileSystem for tests: a map from path to contents, nothing on disk.
#pragma once

#include <map>
#include <string>

#include "file_system.h"

namespace kiosk {

class FakeFileSystem : public FileSystem {
 public:
  void Create(const std::string& path, std::string contents) { files_[path] = std::move(contents); }
  // A file that exists but cannot be read (as root, chmod 000 would not stop a real read).
  void Unreadable(const std::string& path, std::string error) { errors_[path] = std::move(error); }

  bool ReadFile(const std::string& path, long long max_bytes, std::string* contents,
                std::string* error) const override {
    if (auto e = errors_.find(path); e != errors_.end()) {
      *error = e->second;
      return false;
    }
    auto it = files_.find(path);
    if (it == files_.end()) {
      *error = "No such file or directory";
      return false;
    }
    if (max_bytes >= 0 && static_cast<long long>(it->second.size()) > max_bytes) {
      *error = FileTooLarge(max_bytes);
      return false;
    }
    *contents = it->second;
    return true;
  }

  bool IsReadableFile(const std::string& path) const override { return files_.count(path) != 0; }

 private:
  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> errors_;
};

}  // namespace kiosk
