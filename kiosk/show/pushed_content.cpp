#include "pushed_content.h"

#include "content.h"

namespace kiosk {

std::optional<PushedPlaylist> PushedPlaylists::Current() const {
  for (std::size_t i = 0; i < topics_.size(); ++i) {
    if (held_[i]) return PushedPlaylist{topics_[i], *held_[i]};
  }
  return std::nullopt;
}

std::optional<PushedPlaylist> PushedPlaylists::CurrentWith(const std::string& topic,
                                                           const std::string& text) const {
  PushedPlaylists with = *this;
  with.Set(topic, text);
  return with.Current();
}

std::optional<PushedPlaylist> PushedPlaylists::CurrentWithout(const std::string& topic) const {
  PushedPlaylists without = *this;
  without.Clear(topic);
  return without.Current();
}

void PushedPlaylists::Set(const std::string& topic, std::string text) {
  for (std::size_t i = 0; i < topics_.size(); ++i) {
    if (topics_[i] == topic) held_[i] = std::move(text);
  }
}

void PushedPlaylists::Clear(const std::string& topic) {
  for (std::size_t i = 0; i < topics_.size(); ++i) {
    if (topics_[i] == topic) held_[i].reset();
  }
}

std::optional<Content> PushedContent::Load(const std::string& path,
                                           std::vector<std::string>* problems,
                                           std::string* font_file) {
  if (!pushed_) return disk_.Load(path, problems, font_file);
  return LoadContentText(pushed_->text, pushed_->topic, path, problems, font_file);
}

}  // namespace kiosk
