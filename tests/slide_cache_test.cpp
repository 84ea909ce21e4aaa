#include "slide_cache.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>

using kiosk::SlideCache;

TEST_CASE("SlideCache: found by slide and version; the least recently used goes first") {
  SlideCache<std::string> cache(2);
  CHECK(cache.Find(0, 1) == nullptr);
  cache.Store(0, 1, {"a"});
  cache.Store(1, 1, {"b"});
  REQUIRE(cache.Find(0, 1) != nullptr);  // slide 0 is now the more recent
  CHECK(*cache.Find(0, 1) == std::vector<std::string>{"a"});
  CHECK(cache.Find(0, 2) == nullptr);  // another layout of slide 0
  cache.Store(2, 1, {"c"});            // replaces slide 1
  CHECK(cache.Find(1, 1) == nullptr);
  CHECK(cache.Find(0, 1) != nullptr);
  CHECK(cache.Find(2, 1) != nullptr);
  std::string all;
  cache.ForEachLine([&all](const std::string& line) { all += line; });
  CHECK(all == "ac");
  cache.Clear();
  CHECK(cache.Find(0, 1) == nullptr);
}

TEST_CASE("SlideCache: an evicted slide's lines are destroyed") {
  auto line = std::make_shared<int>(1);
  std::weak_ptr<int> watch = line;
  SlideCache<std::shared_ptr<int>> cache(1);
  cache.Store(0, 1, {std::move(line)});
  CHECK_FALSE(watch.expired());
  cache.Store(1, 1, {});
  CHECK(watch.expired());
}
