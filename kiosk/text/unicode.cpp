#include "unicode.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>

#include "utf8.h"

namespace kiosk::unicode {
namespace {

struct BreakIteratorCloser {
  void operator()(UBreakIterator* it) const { ubrk_close(it); }
};
using BreakIteratorPtr = std::unique_ptr<UBreakIterator, BreakIteratorCloser>;

// Opening an iterator parses ICU's rules: do it once per kind and thread (layout may run
// on a worker thread), then only point it at new text.
UBreakIterator* Iterator(UBreakIteratorType type) {
  thread_local BreakIteratorPtr character;
  thread_local BreakIteratorPtr line;
  BreakIteratorPtr& slot = type == UBRK_CHARACTER ? character : line;
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    slot.reset(ubrk_open(type, "", nullptr, 0, &status));
    if (U_FAILURE(status)) slot.reset();
  }
  return slot.get();
}

// The boundaries ICU finds in `s`, as byte offsets (UText over UTF-8 counts in bytes),
// except 0.
template <typename Keep>
std::vector<std::size_t> Boundaries(UBreakIteratorType type, std::string_view s, Keep keep) {
  std::vector<std::size_t> out;
  if (s.empty()) return out;
  UBreakIterator* it = Iterator(type);
  UErrorCode status = U_ZERO_ERROR;
  UText text = UTEXT_INITIALIZER;
  utext_openUTF8(&text, s.data(), static_cast<int64_t>(s.size()), &status);
  if (it) ubrk_setUText(it, &text, &status);
  if (!it || U_FAILURE(status)) {
    // Without ICU's data: every code point is its own cluster and nothing else breaks.
    utext_close(&text);
    if (type == UBRK_CHARACTER) {
      for (std::size_t i = Utf8Next(s, 0); i <= s.size(); i = Utf8Next(s, i)) {
        out.push_back(i);
        if (i == s.size()) break;
      }
    }
    return out;
  }
  for (int32_t b = ubrk_next(it); b != UBRK_DONE; b = ubrk_next(it)) {
    if (keep(it)) out.push_back(static_cast<std::size_t>(b));
  }
  utext_close(&text);
  return out;
}

}  // namespace

bool IsLetter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)) != 0; }

char32_t ToLower(char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); }

int CountLetters(std::string_view s) {
  int n = 0;
  for (std::size_t i = 0; i < s.size();) n += IsLetter(DecodeNext(s, &i));
  return n;
}

std::vector<std::size_t> GraphemeEnds(std::string_view s) {
  return Boundaries(UBRK_CHARACTER, s, [](UBreakIterator*) { return true; });
}

std::vector<std::size_t> LineBreaksInWord(std::string_view s) {
  std::vector<std::size_t> out = Boundaries(UBRK_LINE, s, [](UBreakIterator* it) {
    // A hard break (a line separator) is found by the caller; soft ones only here.
    return ubrk_getRuleStatus(it) < UBRK_LINE_HARD;
  });
  if (!out.empty() && out.back() == s.size()) out.pop_back();
  return out;
}

bool NeedsLineBreaker(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = DecodeNext(s, &i);
    if (c < 0x0E00) continue;  // nothing below Thai needs it
    switch (u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_LINE_BREAK)) {
      case U_LB_COMPLEX_CONTEXT:  // SA: Thai, Lao, Khmer, Burmese
      case U_LB_IDEOGRAPHIC:
      case U_LB_CONDITIONAL_JAPANESE_STARTER:
      case U_LB_H2:
      case U_LB_H3:
      case U_LB_JL:
      case U_LB_JV:
      case U_LB_JT:
        return true;
      default:
        break;
    }
  }
  return false;
}

}  // namespace kiosk::unicode
