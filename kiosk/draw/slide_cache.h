// The rasterised lines of the last few slides, by slide and layout version (Deck::Version,
// so a new layout is never drawn with old pixels); the least recently used go first.
// Shared by the GPU's FrameDrawer (textures) and the software CanvasDrawer (coverage).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kiosk {

template <typename Line>
class SlideCache {
 public:
  explicit SlideCache(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

  // The lines of `slide` at `version` (and now the most recently used), or nullptr.
  std::vector<Line>* Find(std::size_t slide, std::uint64_t version) {
    for (Entry& e : entries_) {
      if (e.slide == slide && e.version == version) {
        e.last_use = ++use_counter_;
        return &e.lines;
      }
    }
    return nullptr;
  }

  // Keeps `lines` for `slide` at `version`, in place of the least recently used slide's
  // once the cache is full (its lines are destroyed).
  std::vector<Line>& Store(std::size_t slide, std::uint64_t version, std::vector<Line> lines) {
    Entry* target = nullptr;
    if (entries_.size() < capacity_) {
      target = &entries_.emplace_back();
    } else {
      target = &*std::min_element(
          entries_.begin(), entries_.end(),
          [](const Entry& a, const Entry& b) { return a.last_use < b.last_use; });
    }
    target->slide = slide;
    target->version = version;
    target->last_use = ++use_counter_;
    target->lines = std::move(lines);
    return target->lines;
  }

  void Clear() { entries_.clear(); }

  // Calls f(line) for every line kept.
  template <typename F>
  void ForEachLine(F f) const {
    for (const Entry& e : entries_) {
      for (const Line& line : e.lines) f(line);
    }
  }

 private:
  struct Entry {
    std::size_t slide = 0;
    std::uint64_t version = 0;
    std::uint64_t last_use = 0;
    std::vector<Line> lines;
  };
  std::size_t capacity_;
  std::uint64_t use_counter_ = 0;
  std::vector<Entry> entries_;
};

}  // namespace kiosk
