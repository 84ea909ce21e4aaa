#include "pushed_content.h"

#include "content.h"

namespace kiosk {

std::optional<Content> PushedContent::Load(const std::string& path,
                                           std::vector<std::string>* problems,
                                           std::string* font_file) {
  if (!pushed_) return disk_.Load(path, problems, font_file);
  return LoadContentText(pushed_->text, pushed_->topic, path, problems, font_file);
}

}  // namespace kiosk
