#include "data_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace kiosk {

std::vector<std::string> DataDirs() {
  namespace fs = std::filesystem;
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("KIOSK_DATA_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) dirs.push_back((exe.parent_path().parent_path() / "share" / "kiosk").string());
  dirs.emplace_back(KIOSK_INSTALL_DATA_DIR);
  dirs.emplace_back(KIOSK_SOURCE_DATA_DIR);
  return dirs;
}

std::string FindDataFile(std::string_view relative) {
  std::error_code ec;
  for (const std::string& dir : DataDirs()) {
    const std::filesystem::path p = std::filesystem::path(dir) / relative;
    if (std::filesystem::exists(p, ec)) return p.lexically_normal().string();
  }
  return {};
}

}  // namespace kiosk
