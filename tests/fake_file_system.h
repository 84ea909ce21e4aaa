// An in-memory FileSystem for tests: a map from path to contents, nothing on disk.
#pragma once

#include <map>
#include <string>

#include "file_system.h"

namespace kiosk {

class FakeFileSystem : public FileSystem {
 public:
  void Create(const std::string& path, std::string contents) { files_[path] = std::move(contents); }

  bool ReadFile(const std::string& path, std::string* contents, std::string* error) const override {
    auto it = files_.find(path);
    if (it == files_.end()) {
      *error = "No such file or directory";
      return false;
    }
    *contents = it->second;
    return true;
  }

  bool IsReadableFile(const std::string& path) const override { return files_.count(path) != 0; }

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace kiosk
