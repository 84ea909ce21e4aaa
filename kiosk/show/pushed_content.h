// Playlists pushed over MQTT (README "Many screens"): which one shows, and reading it like
// a file. Held in memory only, never written to disk.
//
//  - Each playlist topic holds at most one playlist (the retained message). The most
//    specific one shows: kiosk/<id>/playlist over a group's (in the order of "groups" in
//    the configuration) over kiosk/all/playlist; with none, the local file shows.
//  - A pushed playlist is checked like a file (ContentSwitcher::Reload through
//    PushedContent); only one that loads is kept (Set): a bad one changes nothing.
//  - Its relative file names (pictures, fonts) resolve against the local playlist's
//    directory: it can use the files present on the screen, nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content_switcher.h"

namespace kiosk {

struct PushedPlaylist {
  std::string topic;
  std::string text;
};

class PushedPlaylists {
 public:
  // `topics`: the playlist topics, most specific first.
  explicit PushedPlaylists(std::vector<std::string> topics) : topics_(std::move(topics)) {}

  // The playlist that shows: the most specific one held; nothing: the local file.
  std::optional<PushedPlaylist> Current() const;
  // What Current would be after Set(topic, text).
  std::optional<PushedPlaylist> CurrentWith(const std::string& topic,
                                            const std::string& text) const;
  // What Current would be after Clear(topic).
  std::optional<PushedPlaylist> CurrentWithout(const std::string& topic) const;
  void Set(const std::string& topic, std::string text);
  void Clear(const std::string& topic);

 private:
  std::vector<std::string> topics_;
  std::vector<std::optional<std::string>> held_ =
      std::vector<std::optional<std::string>>(topics_.size());
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
