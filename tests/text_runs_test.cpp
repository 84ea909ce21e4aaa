#include "text_runs.h"

#include <doctest/doctest.h>

#include "utf8.h"

using kiosk::IsRightToLeft;
using kiosk::TextRun;
using kiosk::VisualRuns;
using Runs = std::vector<TextRun>;

// Arabic "مرحبا" (hello), Persian "سلام" (peace), Amharic "ሰላም".
const std::string kArabic = "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7";
const std::string kPersian = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";
const std::string kAmharic = "\xE1\x88\xB0\xE1\x88\x8B\xE1\x88\x9D";

TEST_CASE("IsRightToLeft follows the first strong character") {
  CHECK_FALSE(IsRightToLeft(""));
  CHECK_FALSE(IsRightToLeft("Hallo " + kArabic));
  CHECK(IsRightToLeft(kArabic + " Hallo"));
  CHECK(IsRightToLeft("123 " + kPersian));  // digits are not strong
  CHECK_FALSE(IsRightToLeft("123 ..."));
}

TEST_CASE("VisualRuns: one direction, one run") {
  CHECK(VisualRuns("", false).empty());
  CHECK(VisualRuns("Hallo Welt", false) == Runs{{"Hallo Welt", false, "Latn"}});
  CHECK(VisualRuns(kArabic, true) == Runs{{kArabic, true, "Arab"}});
  CHECK(VisualRuns(kAmharic, false) == Runs{{kAmharic, false, "Ethi"}});
  CHECK(VisualRuns("...", false) == Runs{{"...", false, "Zyyy"}});
}

TEST_CASE("VisualRuns: mixed lines are split by direction and script, in screen order") {
  // An Arabic word inside a German sentence: left to right, the Arabic run in the middle.
  const Runs ltr = VisualRuns("Wort " + kArabic + " Wort", false);
  REQUIRE(ltr.size() == 3);
  CHECK(ltr[0] == TextRun{"Wort ", false, "Latn"});
  CHECK(ltr[1].rtl);
  CHECK(ltr[1].script == "Arab");
  CHECK(ltr[2].text.find("Wort") != std::string::npos);

  // A German word inside an Arabic sentence: the sentence reads right to left, so the
  // second Arabic word is drawn first (leftmost).
  const Runs rtl = VisualRuns(kArabic + " Wort " + kPersian, true);
  REQUIRE(rtl.size() == 3);
  CHECK(rtl[0].text.find(kPersian) != std::string::npos);
  CHECK(rtl[1].text.find("Wort") != std::string::npos);
  CHECK_FALSE(rtl[1].rtl);
  CHECK(rtl[2].text.find(kArabic) != std::string::npos);
  CHECK(rtl[2].rtl);
}

TEST_CASE("VisualRuns: scripts split runs of the same direction") {
  const Runs runs = VisualRuns("Привет " + kAmharic, false);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].script == "Cyrl");
  CHECK(runs[1].script == "Ethi");
}

TEST_CASE("VisualRuns keeps every byte, even of invalid UTF-8") {
  const std::string bad = "a\xff\xfe" + kArabic;
  std::string all;
  for (const TextRun& r : VisualRuns(bad, false)) all += r.text;
  CHECK(all.size() == bad.size());
}

TEST_CASE("DecodeUtf8 and AppendUtf8 round-trip; invalid bytes become U+FFFD") {
  const std::string text = "aä€😀";
  std::vector<std::size_t> offsets;
  const std::u32string cps = kiosk::DecodeUtf8(text, &offsets);
  CHECK(cps == U"aä€😀");
  CHECK(offsets == std::vector<std::size_t>{0, 1, 3, 6, 10});
  std::string back;
  for (char32_t c : cps) kiosk::AppendUtf8(c, &back);
  CHECK(back == text);
  CHECK(kiosk::DecodeUtf8("\xC3") == U"\uFFFD");
  CHECK(kiosk::DecodeUtf8("\xE0\x80\x80") == U"\uFFFD\uFFFD\uFFFD");  // overlong
  CHECK(kiosk::DecodeUtf8("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");  // surrogate
}
