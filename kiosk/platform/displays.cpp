#include "displays.h"

#include <libudev.h>
#include <unistd.h>

#include <algorithm>
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
  source_ = std::make_unique<EventSource>("display hotplug watch", udev_monitor_get_fd(monitor_),
                                          [this] { ReadEvent(); });
  if (!source_->error().empty()) {
    error_ = "cannot watch for displays being connected: " + source_->error();
  }
}

DisplayHotplugWatch::~DisplayHotplugWatch() {
  source_.reset();
  if (monitor_) udev_monitor_unref(monitor_);
  if (udev_) udev_unref(udev_);
}

void DisplayHotplugWatch::ReadEvent() {
  // The monitor's socket is non-blocking: nullptr once it is drained (or on ENOBUFS after
  // a burst, which the read clears).
  while (udev_device* device = udev_monitor_receive_device(monitor_)) {
    const char* hotplug = udev_device_get_property_value(device, "HOTPLUG");
    const bool changed = hotplug && std::string(hotplug) == "1";
    udev_device_unref(device);
    if (changed) on_change_();
  }
}

}  // namespace kiosk
