#include "json_keys.h"

#include <doctest/doctest.h>

#include <string>

using kiosk::FindDuplicateKeys;
using Paths = std::vector<std::string>;

TEST_CASE("FindDuplicateKeys names each repeated key by its JSON path, in document order") {
  CHECK(FindDuplicateKeys(R"({"a": 1, "b": 2})").empty());
  CHECK(FindDuplicateKeys(R"({"a": 1, "a": 2})") == Paths{"a"});
  CHECK(FindDuplicateKeys(
            R"({"slides": [{"text": "x"}, {"text": "y", "duration": 1, "duration": 2}]})") ==
        Paths{"slides[1].duration"});
  CHECK(FindDuplicateKeys(R"({"theme": {"font": "a", "font": "b"}, "theme": {}})") ==
        Paths{"theme.font", "theme"});
  // The same key in different objects is fine; so are keys inside strings.
  CHECK(FindDuplicateKeys(R"([{"a": 1}, {"a": 2}, "\"a\": 3, \"a\": 4"])").empty());
}

TEST_CASE("FindDuplicateKeys stops at the limit and stays linear when deeply nested") {
  std::string many = "{";
  for (int i = 0; i < 50; ++i) many += std::string(i ? "," : "") + "\"k\": " + std::to_string(i);
  many += "}";
  CHECK(FindDuplicateKeys(many, 5).size() == 5);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(FindDuplicateKeys(deep).empty());
}
