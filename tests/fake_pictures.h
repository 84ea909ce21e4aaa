// A PictureSource for tests: each picture file is one colour ("#rrggbb" or "#rrggbbaa" as
// its name) filling its box; a name "slow#..." waits while hold_slow is set; any other name
// does not decode.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

#include "color.h"
#include "picture_cache.h"

namespace kiosk::testing {

struct SolidPictures : PictureSource {
  std::atomic<bool> hold_slow{false};
  Result Decode(const PictureItem& item) override {
    Result r;
    std::string name = item.file;
    if (name.starts_with("slow")) {
      while (hold_slow) std::this_thread::yield();
      name = name.substr(4);
    }
    const std::optional<Color> c = ParseColor(name);
    if (!c) {
      r.error = "not a colour";
      return r;
    }
    PreparedPicture p;
    p.pixels.width = item.box.w;
    p.pixels.height = item.box.h;
    p.pixels.opaque = c->a == 255;
    p.pixels.argb.assign(
        static_cast<std::size_t>(item.box.w) * item.box.h,
        std::uint32_t{c->a} << 24 | std::uint32_t{c->r} << 16 | std::uint32_t{c->g} << 8 | c->b);
    p.dst = item.box;
    r.picture = std::move(p);
    return r;
  }
  std::optional<FileIdentity> Identify(const std::string&) override { return FileIdentity{}; }
};

inline PictureItem Solid(const std::string& colour, Box box) {
  PictureItem item;
  item.file = colour;
  item.box = box;
  return item;
}

}  // namespace kiosk::testing
