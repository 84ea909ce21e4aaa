// Fidelity of the bundled resolution: every slide must carry the adopted text word for
// word. The expected texts are rebuilt from the PDF's text (tests/data/resolution-source.txt),
// so any rewording, "correction" or dropped sentence fails here.
#include <doctest/doctest.h>

#include <cctype>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "file_system.h"
#include "playlist.h"

namespace kiosk {
namespace {

// Lines of the source that begin a paragraph; demand lines begin with a "- " bullet.
constexpr std::string_view kParagraphStarts[] = {"Resolution", "F\xC3\xBCr eine gelingende",
                                                 "Die Konferenz", "Weiterhin fordert",
                                                 "beschlossen zur"};

struct Block {
  std::string text;
  bool bullet = false;  // a demand from the list
};

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

bool IsLetterByte(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
}

// Joins a PDF line break. "Landes-" + "und ..." is a real hyphen ("Landes- und"), so it keeps
// "- "; "Mecklenburg-" + "Vorpommern" is one hyphenated word; any other break is a space.
void JoinLine(std::string* text, const std::string& next) {
  const bool hyphen =
      text->size() >= 2 && text->back() == '-' && IsLetterByte((*text)[text->size() - 2]);
  const bool lower = !next.empty() && next[0] >= 'a' && next[0] <= 'z';
  if (!hyphen || lower) *text += ' ';
  *text += next;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Block> SourceBlocks(const std::string& source) {
  std::vector<Block> blocks;
  std::istringstream in(source);
  std::string raw;
  while (std::getline(in, raw)) {
    std::string line = Trim(raw);
    if (line.empty()) continue;  // blank lines also fall inside a demand; starts decide
    bool starts = blocks.empty();
    bool bullet = false;
    if (line.starts_with("- ")) {
      line = Trim(line.substr(2));
      starts = bullet = true;
    }
    for (std::string_view s : kParagraphStarts) starts = starts || line.starts_with(s);
    if (starts) {
      blocks.push_back({line, bullet});
    } else {
      JoinLine(&blocks.back().text, line);
    }
  }
  for (Block& b : blocks) b.text = CollapseSpaces(b.text);
  return blocks;
}

std::size_t CountWords(const Slide& s) {
  std::istringstream in(s.kicker + " " + s.title + " " + s.text);
  std::size_t n = 0;
  for (std::string word; in >> word;) ++n;
  return n;
}

struct LoadedResolution {
  Playlist playlist;
  std::vector<Block> blocks;
};

LoadedResolution Load() {
  RealFileSystem fs;
  const LoadResult r = LoadPlaylist(KIOSK_SOURCE_DIR "/slides/resolution.json", fs);
  for (const Diagnostic& d : r.diagnostics) FAIL_CHECK(FormatDiagnostic(d));
  REQUIRE(r.playlist);
  std::string source;
  std::string error;
  REQUIRE_MESSAGE(fs.ReadFile(KIOSK_SOURCE_DIR "/tests/data/resolution-source.txt",
                              config::kMaxPlaylistBytes, &source, &error),
                  error);
  return {*r.playlist, SourceBlocks(source)};
}

TEST_CASE("the source normalises as expected") {
  const std::vector<Block> blocks = Load().blocks;
  // Title, heading, two paragraphs, lead-in, 8 demands, support paragraph, closing line.
  REQUIRE(blocks.size() == 15);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    CAPTURE(i);
    CHECK(blocks[i].bullet == (i >= 5 && i <= 12));
  }
  CHECK(blocks[0].text == "Resolution");
  CHECK(blocks[2].text.find("Mecklenburg-Vorpommern begr") != std::string::npos);
  CHECK(blocks[3].text.find("Landes- und Bundesregierung") != std::string::npos);
  CHECK(blocks[3].text.find("Geduldete schneller in Ausbildung") != std::string::npos);
  CHECK(blocks[4].text.ends_with("daf\xC3\xBCr einzusetzen, dass:"));
  CHECK(blocks[13].text.find("Bundeszuwanderungs- und Integrationsrats") != std::string::npos);
}

TEST_CASE("resolution.json carries the resolution word for word") {
  const auto [playlist, blocks] = Load();
  REQUIRE(blocks.size() == 15);
  struct Expected {
    std::string kicker, title, text;
  };
  std::vector<Expected> expected;
  expected.push_back({blocks[0].text, blocks[1].text, ""});  // title slide
  expected.push_back({"", "", blocks[2].text});              // opening paragraphs
  expected.push_back({"", "", blocks[3].text});
  for (std::size_t i = 5; i <= 12; ++i) expected.push_back({blocks[4].text, "", blocks[i].text});
  expected.push_back({"", "", blocks[13].text});  // support for the federal resolutions
  expected.push_back({"", "", blocks[14].text});  // closing line

  REQUIRE(playlist.slides.size() == 13);
  REQUIRE(expected.size() == 13);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i + 1);  // slide number as shown
    CHECK(playlist.slides[i].kicker == expected[i].kicker);
    CHECK(playlist.slides[i].title == expected[i].title);
    CHECK(playlist.slides[i].text == expected[i].text);
  }
}

TEST_CASE("resolution.json keeps the source's own spelling") {
  const Playlist playlist = Load().playlist;
  REQUIRE(playlist.slides.size() == 13);
  CHECK(playlist.slides[0].kicker == "Resolution");
  CHECK(playlist.slides[0].title ==
        "F\xC3\xBCr eine gelingende Integration - Humanit\xC3\xA4rer Umgang mit "
        "Fl\xC3\xBC"
        "chtlingen");
  CHECK(playlist.slides[5].text.ends_with("geschaffen werde"));
  CHECK(playlist.slides[11].text.ends_with("sch\xC3\xBCtzen\". (vgl . Anlagen)"));
  CHECK(playlist.slides[12].text == "beschlossen zur 9. Konferenz der MSO aus MV 29.-31.05.2015");
}

TEST_CASE("every slide stays up long enough to read from a distance") {
  const Playlist playlist = Load().playlist;
  for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
    const Slide& s = playlist.slides[i];
    CAPTURE(i + 1);
    CAPTURE(CountWords(s));
    CHECK(s.duration >= 10);
    CHECK(s.duration >= 0.3 * static_cast<double>(CountWords(s)));
  }
}

}  // namespace
}  // namespace kiosk
