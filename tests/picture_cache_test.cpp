// The picture cache through a fake source: what is decoded, when, what is kept, and what a
// changed or broken file does.
#include "picture_cache.h"

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace kiosk {
namespace {

// Files by name: a colour (a 2x2 picture of it) or an error; identities by name.
struct FakePictures : PictureSource {
  std::mutex mutex;
  std::map<std::string, std::uint32_t> colours;
  std::map<std::string, std::string> errors;
  std::map<std::string, std::int64_t> versions;  // the file's mtime
  std::map<std::string, int> decodes;
  std::atomic<bool> hold{false};  // decoding waits while set

  Result Decode(const PictureItem& item) override {
    while (hold) std::this_thread::yield();
    std::lock_guard lock(mutex);
    ++decodes[item.file];
    Result r;
    if (versions.count(item.file)) r.identity = FileIdentity{1, 2, 3, versions[item.file]};
    if (errors.count(item.file)) {
      r.error = errors[item.file];
      return r;
    }
    PreparedPicture p;
    p.pixels.width = 2;
    p.pixels.height = 2;
    p.pixels.argb.assign(4, colours[item.file]);
    p.dst = Box{item.box.x, item.box.y, 2, 2};
    r.picture = std::move(p);
    return r;
  }
  std::optional<FileIdentity> Identify(const std::string& path) override {
    std::lock_guard lock(mutex);
    if (!versions.count(path)) return std::nullopt;
    return FileIdentity{1, 2, 3, versions[path]};
  }
  void Set(const std::string& file, std::uint32_t colour, std::int64_t version) {
    std::lock_guard lock(mutex);
    colours[file] = colour;
    errors.erase(file);
    versions[file] = version;
  }
  void Break(const std::string& file, const std::string& error, std::int64_t version) {
    std::lock_guard lock(mutex);
    errors[file] = error;
    versions[file] = version;
  }
  int Decodes(const std::string& file) {
    std::lock_guard lock(mutex);
    return decodes[file];
  }
};

PictureItem Item(const std::string& file, int x = 0) {
  PictureItem i;
  i.file = file;
  i.box = Box{x, 0, 10, 10};
  return i;
}

std::uint32_t Colour(const std::shared_ptr<const PreparedPicture>& p) {
  return p ? p->pixels.argb.at(0) : 0;
}

struct Rig {
  FakePictures source;
  std::vector<std::string> log;
  std::atomic<int> wakes{0};
  PictureCache cache{source, [this] { ++wakes; },
                     [this](const std::string& l) { log.push_back(l); }};
};

}  // namespace

TEST_CASE("PictureCache: decodes on its worker, wakes the loop, decodes each picture once") {
  Rig r;
  r.source.Set("/a.png", 0xFF0000FFu, 1);
  r.source.hold = true;
  r.cache.Keep({Item("/a.png")});
  CHECK(r.cache.Pending(Item("/a.png")));
  CHECK(r.cache.Find(Item("/a.png")) == nullptr);   // not ready: nothing drawn yet
  CHECK_FALSE(r.cache.Wait({Item("/a.png")}, 20));  // a bounded wait gives up
  r.source.hold = false;
  CHECK(r.cache.Wait({Item("/a.png")}, -1));
  CHECK(Colour(r.cache.Find(Item("/a.png"))) == 0xFF0000FFu);
  for (int i = 0; i < 500 && r.wakes < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(r.wakes >= 1);
  // The overlay is drawn over the pixels, not decoded into them.
  PictureItem overlaid = Item("/a.png");
  overlaid.overlay = Color{0, 0, 0, 128};
  r.cache.Keep({Item("/a.png"), overlaid});
  CHECK(r.cache.Find(overlaid) == r.cache.Find(Item("/a.png")));
  r.cache.Wait({overlaid}, -1);
  CHECK(r.source.Decodes("/a.png") == 1);
  CHECK(r.cache.bytes() == 16);
}

TEST_CASE("PictureCache: keeps only what it was last asked for") {
  Rig r;
  for (const char* f : {"/1.png", "/2.png", "/3.png"}) r.source.Set(f, 0xFF000001u, 1);
  r.cache.Keep({Item("/1.png"), Item("/2.png")});
  r.cache.Wait({Item("/1.png"), Item("/2.png")}, -1);
  const std::shared_ptr<const PreparedPicture> one = r.cache.Find(Item("/1.png"));
  r.cache.Keep({Item("/2.png"), Item("/3.png")});
  CHECK(r.cache.size() == 2);
  CHECK(r.cache.Find(Item("/1.png")) == nullptr);
  CHECK(one->pixels.width == 2);  // a drawer still holding it keeps it alive
  r.cache.Wait({Item("/3.png")}, -1);
  CHECK(r.source.Decodes("/2.png") == 1);
  // Another box is another picture (scaled to it).
  r.cache.Keep({Item("/2.png", 5)});
  CHECK(r.cache.Pending(Item("/2.png", 5)));
  r.cache.Wait({Item("/2.png", 5)}, -1);
  CHECK(r.source.Decodes("/2.png") == 2);
}

TEST_CASE("PictureCache: a broken file: nothing drawn, logged once, not pending") {
  Rig r;
  r.source.Break("/bad.png", "not a PNG, JPEG or WebP picture", 1);
  r.cache.Keep({Item("/bad.png")});
  CHECK(r.cache.Wait({Item("/bad.png")}, -1));
  CHECK_FALSE(r.cache.Pending(Item("/bad.png")));
  CHECK(r.cache.Find(Item("/bad.png")) == nullptr);
  REQUIRE(r.log.size() == 1);
  CHECK(r.log[0] == "/bad.png: not a PNG, JPEG or WebP picture; the slide shows without it");
  // The show loops back to the slide: decoded again, not logged again.
  r.cache.Keep({});
  r.cache.Keep({Item("/bad.png")});
  r.cache.Wait({Item("/bad.png")}, -1);
  CHECK(r.source.Decodes("/bad.png") == 2);
  CHECK(r.log.size() == 1);
}

TEST_CASE("PictureCache: Recheck decodes a changed file again; a broken one keeps the last good") {
  Rig r;
  r.source.Set("/logo.png", 0xFF111111u, 1);
  r.cache.Keep({Item("/logo.png")});
  r.cache.Wait({Item("/logo.png")}, -1);

  r.cache.Recheck();  // the same file: not decoded again
  r.cache.Keep({Item("/logo.png")});
  for (int i = 0; i < 100 && r.wakes < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK_FALSE(r.cache.Collect());
  CHECK(r.source.Decodes("/logo.png") == 1);

  r.source.Set("/logo.png", 0xFF222222u, 2);  // replaced
  r.cache.Recheck();
  for (int i = 0; i < 500 && r.wakes < 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(r.cache.Collect());
  CHECK(Colour(r.cache.Find(Item("/logo.png"))) == 0xFF222222u);
  REQUIRE_FALSE(r.log.empty());
  CHECK(r.log.back() == "/logo.png: changed on disk, showing the new picture");

  r.source.Break("/logo.png", "cut short", 3);  // replaced by a broken file
  r.cache.Recheck();
  for (int i = 0; i < 500 && r.wakes < 4; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  r.cache.Collect();
  CHECK(Colour(r.cache.Find(Item("/logo.png"))) == 0xFF222222u);
  CHECK(r.log.back() == "/logo.png: cut short; still showing the last good picture");

  // Once dropped, the broken file gives nothing.
  r.cache.Keep({});
  r.cache.Keep({Item("/logo.png")});
  r.cache.Wait({Item("/logo.png")}, -1);
  CHECK(r.cache.Find(Item("/logo.png")) == nullptr);
}

TEST_CASE("PictureCache: a QR code is decoded once and never rechecked") {
  Rig r;
  PictureItem qr;
  qr.qr_text = "https://example.org";
  qr.box = Box{0, 0, 50, 50};
  r.cache.Keep({qr});
  r.cache.Wait({qr}, -1);
  CHECK(r.cache.Find(qr) != nullptr);
  r.cache.Recheck();
  CHECK(r.source.Decodes("") == 1);
}

}  // namespace kiosk
