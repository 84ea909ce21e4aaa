#include "utf8.h"

namespace kiosk {

std::size_t Utf8Next(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return s.size();
  std::size_t next = pos + 1;
  while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
  return next;
}

char32_t DecodeNext(std::string_view s, std::size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  std::size_t n = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 1, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 2, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 3, min = 0x10000;
  }
  if (n == 0 || *i + n >= s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> n);
  for (std::size_t k = 1; k <= n; ++k) {
    const auto cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return 0xFFFD;
  }
  *i += n + 1;
  return cp;
}

std::u32string DecodeUtf8(std::string_view s, std::vector<std::size_t>* offsets) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (offsets) offsets->push_back(i);
    out.push_back(DecodeNext(s, &i));
  }
  if (offsets) offsets->push_back(s.size());
  return out;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace kiosk
