#include "console.h"

#include <grp.h>
#include <linux/kd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kiosk {
namespace {

std::vector<std::string> Devices(const std::string& dir, const std::string& prefix) {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) found.push_back(entry.path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string GroupOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {};
  const group* g = getgrgid(st.st_gid);
  return g ? g->gr_name : std::to_string(st.st_gid);
}

// Problems with a device class: none of them exist, or none can be opened.
void Check(const std::string& dir, const std::string& prefix, int mode, const char* what,
           std::vector<std::string>* problems) {
  const std::vector<std::string> devices = Devices(dir, prefix);
  if (devices.empty()) {
    problems->push_back("no " + dir + "/" + prefix + "* exists: no " + what);
    return;
  }
  int error = 0;
  for (const std::string& d : devices) {
    if (access(d.c_str(), mode) == 0) return;  // one usable device is enough
    error = errno;
  }
  const std::string group = GroupOf(devices.front());
  problems->push_back("cannot open " + devices.front() + " (" + std::strerror(error) +
                      ", owned by group " + group + "): no " + what + "; add the user to group " +
                      group + " (usermod -aG " + group + " USER)");
}

}  // namespace

std::vector<std::string> ConsoleAccessProblems(const std::string& dev) {
  std::vector<std::string> problems;
  Check(dev + "/dri", "card", R_OK | W_OK, "screen (KMSDRM)", &problems);
  Check(dev + "/input", "event", R_OK, "keyboard or clicker: kiosk could not be controlled",
        &problems);
  return problems;
}

ConsoleGraphicsMode::ConsoleGraphicsMode(int fd) : fd_(fd) {
  int mode = 0;
  if (ioctl(fd_, KDGETMODE, &mode) != 0) return;  // not a virtual console
  if (mode == KD_GRAPHICS) return;                // someone else's already
  if (ioctl(fd_, KDSETMODE, KD_GRAPHICS) != 0) {
    error_ = std::string("cannot switch the console to graphics mode (") + std::strerror(errno) +
             "): console text may show through";
    return;
  }
  active_ = true;
}

ConsoleGraphicsMode::~ConsoleGraphicsMode() {
  if (active_) ioctl(fd_, KDSETMODE, KD_TEXT);
}

}  // namespace kiosk
