// A playlist pushed over MQTT (README "Many screens") read like a file: held in memory
// only, never written to disk. Which one shows: MqttPlaylists (show/mqtt.h).
//
//  - A pushed playlist is checked like a file (ContentSwitcher::Reload through
//    PushedContent); only one that loads is kept (sdl/mqtt_link): a bad one changes nothing.
//  - Its relative file names (pictures, fonts) resolve against the local playlist's
//    directory: it can use the files present on the screen, nothing else.
#pragma once

#include <optional>
#include <string>

#include "content_switcher.h"

namespace kiosk {

struct PushedPlaylist {
  std::string topic;
  std::string text;
};

// The ContentSource of a show with MQTT: the pushed playlist in use, or the disk's.
class PushedContent : public ContentSource {
 public:
  explicit PushedContent(ContentSource& disk) : disk_(disk) {}

  // From now on Load reads `pushed` (nothing: the playlist file again).
  void Use(std::optional<PushedPlaylist> pushed) { pushed_ = std::move(pushed); }
  const std::optional<PushedPlaylist>& in_use() const { return pushed_; }

  std::optional<Content> Load(const std::string& path, std::vector<std::string>* problems,
                              std::string* font_file) override;
  std::optional<Content> ErrorScreen(const std::string& path,
                                     const std::vector<std::string>& problems) override {
    return disk_.ErrorScreen(pushed_ ? pushed_->topic : path, problems);
  }

 private:
  ContentSource& disk_;
  std::optional<PushedPlaylist> pushed_;
};

}  // namespace kiosk
