// JSON helpers for the validators. Duplicate keys in JSON objects: nlohmann::json (like most
// parsers) silently keeps the last of them, so an organiser who edits the first "duration" of a
// slide sees nothing change; kiosk reports them as errors instead.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk {

// What a JSON value is, for messages: "null", "a boolean", "a string", "an array", "an
// object" or "a number" ("must be a string, not an array").
std::string JsonTypeName(const nlohmann::json& value);

// JSON paths ("slides[2].duration", "theme.font"; keys as EchoForUser shows them) of keys that
// appear more than once in their object, in document order, at most `limit` of them. `json_text`
// must be syntactically valid JSON (parse it first); otherwise returns what it found so far. Linear
// in the size of the text, also for deep nesting: `work`, if given, gets the number of path
// characters built, which tests hold to a linear bound.
std::vector<std::string> FindDuplicateKeys(std::string_view json_text, std::size_t limit = 20,
                                           std::size_t* work = nullptr);

}  // namespace kiosk
