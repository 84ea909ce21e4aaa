// UTF-8 helpers: code point boundaries, decoding and encoding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Byte offset of the code point boundary after the one at `pos` (s.size() at the end).
// Robust against invalid sequences: always makes progress.
std::size_t Utf8Next(std::string_view s, std::size_t pos);

// Decodes the code point at s[*i] and advances *i past it. An invalid or truncated
// sequence gives U+FFFD and advances one byte.
char32_t DecodeNext(std::string_view s, std::size_t* i);

// The whole string decoded; `offsets`, if given, gets each code point's byte offset
// followed by s.size().
std::u32string DecodeUtf8(std::string_view s, std::vector<std::size_t>* offsets = nullptr);

void AppendUtf8(char32_t cp, std::string* out);

}  // namespace kiosk
