// The German hyphenation patterns (Debian's hyphen-de), loaded once per test binary:
// loading takes seconds.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "hyphenation.h"

namespace kiosk::testing {

inline const Hyphenator* German() {
  static std::unique_ptr<Hyphenator> h = [] {
    const std::string path = FindHyphenationDictionary("de");
    REQUIRE_MESSAGE(!path.empty(), "hyphen-de is not installed");
    std::string error;
    auto loaded = Hyphenator::Load(path, &error);
    REQUIRE_MESSAGE(loaded, error);
    return loaded;
  }();
  return h.get();
}

}  // namespace kiosk::testing
