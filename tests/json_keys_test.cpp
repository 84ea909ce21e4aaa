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

// Nesting n deep, with a duplicate at the bottom, so the path to it is built once.
std::string Nested(std::size_t n) {
  std::string text;
  for (std::size_t i = 0; i < n; ++i) text += (i % 2 ? "[" : "{\"key\": ");
  text += "{\"d\": 1, \"d\": 2}";
  for (std::size_t i = n; i-- > 0;) text += (i % 2 ? "]" : "}");
  return text;
}

TEST_CASE("FindDuplicateKeys: the work grows linearly with the depth (counted, not timed)") {
  std::size_t work_n = 0;
  std::size_t work_8n = 0;
  const Paths found_n = FindDuplicateKeys(Nested(2000), 20, &work_n);
  const Paths found_8n = FindDuplicateKeys(Nested(16000), 20, &work_8n);
  REQUIRE(found_n.size() == 1);
  REQUIRE(found_8n.size() == 1);
  CHECK(found_n[0].size() > 4 * 1000);  // the whole path: key[0].key[0]...d
  CHECK(work_n > 2000);
  // Linear: 8 times the depth, 8 times the work (a little more for longer indices...
  // here all 0). Quadratic would be 64 times.
  CAPTURE(work_n);
  CAPTURE(work_8n);
  CHECK(work_8n <= 9 * work_n);
}
