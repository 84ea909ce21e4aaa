#include "hyphenation.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <string>

#include "german.h"

using kiosk::Hyphenator;

namespace {

const Hyphenator& German() { return *kiosk::testing::German(); }

// "Mi-gran-ten" style: the word with a '-' at every point.
std::string Marked(const Hyphenator& h, std::string_view word) {
  std::string out;
  std::size_t last = 0;
  for (std::size_t p : h.Points(word)) {
    out.append(word.substr(last, p - last)).push_back('-');
    last = p;
  }
  out.append(word.substr(last));
  return out;
}

}  // namespace

TEST_CASE("Hyphenator: the resolution's long words, exactly") {
  struct Case {
    const char* word;
    const char* want;
  };
  const Case cases[] = {
      {"Migrantenselbstorganisationen", "Mi-gran-ten-selbst-or-ga-ni-sa-ti-o-nen"},
      {"Asylbewerberleistungsgesetz", "Asyl-be-wer-ber-leis-tungs-ge-setz"},
      {"Flüchtlinge", "Flücht-lin-ge"},
      {"Flüchtlingen", "Flücht-lin-gen"},
      {"gewährleistet", "ge-währ-leis-tet"},
      {"Willkommenskultur", "Will-kom-mens-kul-tur"},
      {"Integrationsrats", "In-te-gra-ti-ons-rats"},
      {"Bundeszuwanderungs", "Bun-des-zu-wan-de-rungs"},
      {"Mitgliederversammlung", "Mit-glie-der-ver-samm-lung"},
      {"Zuckerbäcker", "Zu-cker-bä-cker"},  // capitalised: lowercased before hyphenating
      {"Straße", "Stra-ße"},                // ß is in Latin-1
      {"ÜBERGANG", "ÜBER-GANG"},            // all caps
  };
  for (const Case& c : cases) {
    CAPTURE(c.word);
    CHECK(Marked(German(), c.word) == c.want);
  }
}

TEST_CASE("Hyphenator: punctuation around a word is skipped, offsets stay in the word") {
  CHECK(Marked(German(), "Asylbewerberleistungsgesetz,") == "Asyl-be-wer-ber-leis-tungs-ge-setz,");
  CHECK(Marked(German(), "\"Asylverfahren\"") == "\"Asyl-ver-fah-ren\"");
  CHECK(Marked(German(), "(Anlagen)") == "(An-la-gen)");
}

TEST_CASE("Hyphenator: words it must leave alone") {
  CHECK(German().Points("").empty());
  CHECK(German().Points("und").empty());
  CHECK(German().Points("M-V").empty());  // letters after inner punctuation: not one word
  CHECK(German().Points("29.-31.05.2015").empty());
  CHECK(German().Points("Integrationsmaßnahme\xE2\x80\x94").size() > 0);  // trailing dash skipped
  CHECK(German().Points("Ωmega").empty());     // not expressible in ISO 8859-1
  CHECK(German().Points("\xff\xfe").empty());  // invalid UTF-8 does not crash
}

TEST_CASE("FindHyphenationDictionary maps language tags to pattern files") {
  CHECK(kiosk::FindHyphenationDictionary("de").find("hyph_de") != std::string::npos);
  CHECK(kiosk::FindHyphenationDictionary("de-DE").find("hyph_de_DE.dic") != std::string::npos);
  CHECK(kiosk::FindHyphenationDictionary("de_CH").find("hyph_de_CH.dic") != std::string::npos);
  CHECK(kiosk::FindHyphenationDictionary("xx").empty());
  CHECK(kiosk::FindHyphenationDictionary("de", {"/nonexistent"}).empty());
}

TEST_CASE("FindHyphenationDictionary: language tags in any case, with - or _") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kiosk-hyph-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "hyph_de_DE.dic") << "ISO8859-1\n";
  const std::vector<std::string> dirs = {dir.string()};
  const std::string want = (dir / "hyph_de_DE.dic").string();
  for (const char* tag : {"de", "DE", "De", "de-de", "DE-DE", "de_DE", "de_de", "de-De"}) {
    CAPTURE(tag);
    CHECK(kiosk::FindHyphenationDictionary(tag, dirs) == want);
  }
  CHECK(kiosk::FindHyphenationDictionary("xx", dirs).empty());
  std::filesystem::remove_all(dir);
}

TEST_CASE("HyphenationLoader loads in the background and reports failures") {
  kiosk::HyphenationLoader bad("/nonexistent/hyph_xx.dic");
  CHECK(bad.Wait() == nullptr);
  CHECK(bad.ready());
  CHECK(bad.error().find("/nonexistent/hyph_xx.dic") != std::string::npos);
}

TEST_CASE("Hyphenator: after ReleasePatterns, the words asked before keep their points") {
  const std::string path = kiosk::FindHyphenationDictionary("de");
  REQUIRE_MESSAGE(!path.empty(), "hyphen-de is not installed");
  std::string error;
  auto h = Hyphenator::Load(path, &error);
  REQUIRE_MESSAGE(h, error);
  const auto before = h->Points("Migrantenselbstorganisationen");
  CHECK_FALSE(before.empty());
  CHECK_FALSE(h->released());
  h->ReleasePatterns();
  CHECK(h->released());
  CHECK(h->Points("Migrantenselbstorganisationen") == before);
  CHECK_FALSE(h->missed());
  CHECK(h->Points("Flüchtlinge").empty());  // never asked: no patterns left to answer
  CHECK(h->missed());
}
