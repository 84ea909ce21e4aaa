// UTF-8 helpers for layout: code point boundaries.
#pragma once

#include <cstddef>
#include <string_view>

namespace kiosk {

// Byte offset of the code point boundary after the one at `pos` (s.size() at the end).
// Robust against invalid sequences: always makes progress.
std::size_t Utf8Next(std::string_view s, std::size_t pos);

}  // namespace kiosk
