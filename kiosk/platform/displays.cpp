#include "displays.h"

#include <libudev.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace kiosk {
namespace {

std::string FirstLine(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

std::vector<Connector> Connected(const std::vector<Connector>& all) {
  std::vector<Connector> on;
  std::copy_if(all.begin(), all.end(), std::back_inserter(on),
               [](const Connector& c) { return c.connected; });
  return on;
}

}  // namespace

std::vector<Connector> ReadConnectors(const std::string& drm_dir) {
  std::vector<Connector> connectors;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(drm_dir, ec)) {
    const std::filesystem::path status = entry.path() / "status";
    if (!std::filesystem::exists(status, ec)) continue;  // card0, renderD128, version
    Connector c;
    c.name = entry.path().filename().string();
    c.connected = FirstLine(status) == "connected";
    if (c.connected) c.mode = FirstLine(entry.path() / "modes");
    connectors.push_back(c);
  }
  std::sort(connectors.begin(), connectors.end(),
            [](const Connector& a, const Connector& b) { return a.name < b.name; });
  return connectors;
}

std::string Describe(const std::vector<Connector>& connectors) {
  std::string text;
  for (const Connector& c : connectors) {
    if (!text.empty()) text += ", ";
    text += c.name + " " + (c.connected ? (c.mode.empty() ? "connected" : c.mode) : "off");
  }
  return Connected(connectors).empty() ? (text.empty() ? "no displays" : text + ": no displays")
                                       : text;
}

bool MustReopenDisplay(const std::vector<Connector>& at_start, const std::vector<Connector>& now) {
  const std::vector<Connector> on = Connected(now);
  return !on.empty() && on != Connected(at_start);
}

DisplayHotplugWatch::DisplayHotplugWatch(std::function<void()> on_change)
    : on_change_(std::move(on_change)) {
  udev_ = udev_new();
  monitor_ = udev_ ? udev_monitor_new_from_netlink(udev_, "udev") : nullptr;
  if (!monitor_ || udev_monitor_filter_add_match_subsystem_devtype(monitor_, "drm", nullptr) < 0 ||
      udev_monitor_enable_receiving(monitor_) < 0) {
    error_ = "cannot watch for displays being connected (udev)";
    return;
  }
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) {
    error_ = "cannot watch for displays being connected (eventfd)";
    return;
  }
  thread_ = std::thread([this] { Run(); });
}

DisplayHotplugWatch::~DisplayHotplugWatch() {
  if (thread_.joinable()) {
    const std::uint64_t one = 1;
    if (write(wake_fd_, &one, sizeof one) < 0) {
      // Cannot happen with an eventfd short of overflow; the join would then hang.
      thread_.detach();
    } else {
      thread_.join();
    }
  }
  if (wake_fd_ >= 0) close(wake_fd_);
  if (monitor_) udev_monitor_unref(monitor_);
  if (udev_) udev_unref(udev_);
}

void DisplayHotplugWatch::Run() {
  pollfd fds[2] = {{udev_monitor_get_fd(monitor_), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
  while (true) {
    if (poll(fds, 2, -1) < 0) continue;  // EINTR
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    udev_device* device = udev_monitor_receive_device(monitor_);
    if (!device) continue;
    const char* hotplug = udev_device_get_property_value(device, "HOTPLUG");
    const bool changed = hotplug && std::string(hotplug) == "1";
    udev_device_unref(device);
    if (changed) on_change_();
  }
}

}  // namespace kiosk
