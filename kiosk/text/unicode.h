// Unicode character classes and text boundaries, from ICU: what a letter is (for the
// hyphenator and the line breaker alike), lowercasing, grapheme clusters (where a word too
// long for any line may be cut) and the line-break opportunities of UAX #14 (which also
// finds the word boundaries of Thai, Lao, Khmer and Burmese, written without spaces).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kiosk::unicode {

// A letter of any script (general category L*). Digits, punctuation, symbols ("€") and
// combining marks are not.
bool IsLetter(char32_t c);

// The simple (one to one) lowercase mapping: "Ÿ" U+0178 gives "ÿ" U+00FF.
char32_t ToLower(char32_t c);

// Letters in `s` (UTF-8), as IsLetter counts them.
int CountLetters(std::string_view s);

// Byte offsets of the grapheme cluster boundaries in `s` after 0, ending with s.size():
// a letter with its combining marks, an emoji ZWJ sequence, a Thai consonant with its
// vowel signs are one cluster each. Empty for an empty string.
std::vector<std::size_t> GraphemeEnds(std::string_view s);

// Byte offsets in `s` (one word: no spaces), strictly inside it, where UAX #14 allows a
// line break, e.g. between the words of a Thai phrase, after a hyphen or a dash.
std::vector<std::size_t> LineBreaksInWord(std::string_view s);

// True if `s` has a character whose line breaking needs a dictionary or that breaks
// between any two of its kind (UAX #14 classes SA, ID, CJ, H2, H3, JL, JV, JT, ...).
bool NeedsLineBreaker(std::string_view s);

}  // namespace kiosk::unicode
