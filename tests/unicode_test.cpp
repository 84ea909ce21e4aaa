#include "unicode.h"

#include <doctest/doctest.h>

#include <memory>

#include "german.h"
#include "hyphenation.h"
#include "linebreak.h"

using kiosk::unicode::CountLetters;
using kiosk::unicode::GraphemeEnds;
using kiosk::unicode::IsLetter;
using kiosk::unicode::LineBreaksInWord;
using kiosk::unicode::NeedsLineBreaker;
using kiosk::unicode::ToLower;
using Offsets = std::vector<std::size_t>;

TEST_CASE("IsLetter: letters of every script, nothing else") {
  for (char32_t c : {U'a', U'Z', U'ß', U'Ÿ', U'ÿ', U'ẞ', U'Ω', U'ж', U'ก', U'ع', U'中'}) {
    CAPTURE(static_cast<unsigned>(c));
    CHECK(IsLetter(c));
  }
  for (char32_t c : {U'€', U'1', U'-', U'.', U' ', U'\u0301', U'\u00AD', U'\u00A0'}) {
    CAPTURE(static_cast<unsigned>(c));
    CHECK_FALSE(IsLetter(c));
  }
  CHECK(CountLetters("€€Eimer-1") == 5);
}

TEST_CASE("ToLower: the Unicode mapping, not a guess by ranges") {
  CHECK(ToLower(U'Ÿ') == U'ÿ');  // the hand-made table gave U+017A (ź)
  CHECK(ToLower(U'Ä') == U'ä');
  CHECK(ToLower(U'Ł') == U'ł');
  CHECK(ToLower(U'Ж') == U'ж');
  CHECK(ToLower(U'ẞ') == U'ß');
  CHECK(ToLower(U'€') == U'€');
}

TEST_CASE("GraphemeEnds: a letter with its marks, an emoji sequence, a Thai cluster") {
  CHECK(GraphemeEnds("").empty());
  CHECK(GraphemeEnds("ab") == Offsets{1, 2});
  CHECK(GraphemeEnds("a\u0301b") == Offsets{3, 4});
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  CHECK(GraphemeEnds(family) == Offsets{family.size()});
  CHECK(GraphemeEnds("1\uFE0F\u20E3") == Offsets{7});  // keycap one
  CHECK(GraphemeEnds("ที่") == Offsets{9});              // consonant, vowel, tone mark
  CHECK(GraphemeEnds("\xFF\xFE").size() == 2);         // not UTF-8: still progress
}

TEST_CASE("LineBreaksInWord: Thai words found by dictionary, Latin left alone") {
  CHECK(NeedsLineBreaker("ภาษาไทย"));
  CHECK(NeedsLineBreaker("日本語"));
  CHECK_FALSE(NeedsLineBreaker("Donaudampfschiff"));
  CHECK_FALSE(NeedsLineBreaker("مرحبا"));
  // ภาษา|ไทย: "language" and "Thai".
  CHECK(LineBreaksInWord("ภาษาไทย") == Offsets{12});
  CHECK(LineBreaksInWord("").empty());
}

TEST_CASE("The hyphenator and the line breaker count the same letters") {
  // "€" is no letter: "€Eimer" has five, too few to hyphenate (the breaker used to count
  // six and break it after two letters, "€Ei-mer").
  CHECK(kiosk::SplitParagraph("€Eimer", kiosk::FontStyle::kRegular, kiosk::testing::German())
            .size() == 1);
}
