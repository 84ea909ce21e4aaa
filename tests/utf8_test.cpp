#include "utf8.h"

#include <doctest/doctest.h>

TEST_CASE("Utf8Next steps over whole code points and always makes progress") {
  const std::string s = "aä€😀";
  std::vector<std::size_t> steps;
  for (std::size_t i = 0; i < s.size(); i = kiosk::Utf8Next(s, i)) steps.push_back(i);
  CHECK(steps == std::vector<std::size_t>{0, 1, 3, 6});
  CHECK(kiosk::Utf8Next(s, s.size()) == s.size());
  CHECK(kiosk::Utf8Next("\x80\x80x", 0) == 2);  // stray continuation bytes: skipped together
}

TEST_CASE("DecodeNext rejects what is not UTF-8, one byte at a time") {
  struct Case {
    const char* bytes;
    char32_t first;
    std::size_t advance;
  };
  const Case cases[] = {
      {"A", U'A', 1},
      {"\xC3\xA4", U'ä', 2},
      {"\xF0\x9F\x98\x80", U'😀', 4},
      {"\xC3", 0xFFFD, 1},              // truncated
      {"\xC3(", 0xFFFD, 1},             // not a continuation
      {"\xC0\xAF", 0xFFFD, 1},          // overlong '/'
      {"\xED\xA0\x80", 0xFFFD, 1},      // a surrogate
      {"\xF4\x90\x80\x80", 0xFFFD, 1},  // beyond U+10FFFF
      {"\xFF", 0xFFFD, 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes);
    std::size_t i = 0;
    CHECK(kiosk::DecodeNext(c.bytes, &i) == c.first);
    CHECK(i == c.advance);
  }
}
