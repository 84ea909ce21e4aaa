// The displays the kernel sees: DRM connectors in sysfs (/sys/class/drm/card0-HDMI-A-1/
// status and modes), and a udev watch for their hotplug events. On the console SDL's
// KMSDRM driver picks a connector and its mode once, at start, and never notices a screen
// swapped for another: kiosk does, and starts again on the new mode.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "event_source.h"

struct udev;
struct udev_monitor;

namespace kiosk {

struct Connector {
  std::string name;  // "card0-HDMI-A-1"
  bool connected = false;
  std::string mode;  // the preferred mode, the first line of `modes`: "1920x1080"
  bool operator==(const Connector&) const = default;
};

// The connectors under `drm_dir` (default /sys/class/drm), sorted by name; empty if there
// is no DRM device.
std::vector<Connector> ReadConnectors(const std::string& drm_dir = "/sys/class/drm");

// "card0-HDMI-A-1 1920x1080, card0-HDMI-A-2 off"; "no displays" if none is connected.
std::string Describe(const std::vector<Connector>& connectors);

// Whether the show must open the display again to use what is connected now: a connected
// screen or mode differs from the start's. Not when every screen went away (switched
// off: there is nothing to show on, and the same screen coming back needs nothing).
bool MustReopenDisplay(const std::vector<Connector>& at_start, const std::vector<Connector>& now);

// Calls `on_change` on a background thread after each DRM hotplug event (udev, subsystem
// drm, HOTPLUG=1). The callback must be thread-safe.
class DisplayHotplugWatch {
 public:
  explicit DisplayHotplugWatch(std::function<void()> on_change);
  ~DisplayHotplugWatch();
  DisplayHotplugWatch(const DisplayHotplugWatch&) = delete;
  DisplayHotplugWatch& operator=(const DisplayHotplugWatch&) = delete;
  // Empty if the watch runs, else why not.
  const std::string& error() const { return error_; }

 private:
  void ReadEvent();

  std::function<void()> on_change_;
  std::string error_;
  ::udev* udev_ = nullptr;
  ::udev_monitor* monitor_ = nullptr;
  std::unique_ptr<EventSource> source_;  // after monitor_: stops before it goes
};

}  // namespace kiosk
