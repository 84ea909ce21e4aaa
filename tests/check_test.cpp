#include "check.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include "content.h"
#include "fake_file_system.h"

namespace kiosk {
namespace {

// A theme.font_file that exists in the fake keeps fontconfig (and the machine's fonts)
// out of these tests: ResolveFonts takes a font_file as it is. It holds a real font
// (FreeType checks it); bad.ttf is not one, cut.ttf is a font cut short, and blank.ttf
// one whose glyph outlines were overwritten with zeros (it opens, but draws nothing).
const std::string kFontTheme = R"("theme": {"font_file": "f.ttf"})";

std::string RealFont() {
  std::ifstream in("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  REQUIRE_MESSAGE(bytes.size() > 100000, "fonts-dejavu-core is not installed");
  return bytes;
}

// `font` with its glyf table (the outlines) overwritten with zeros.
std::string BlankGlyphs(std::string font) {
  auto u32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(font[at + i]);
    return static_cast<std::size_t>(v);
  };
  const std::size_t tables = u32(4) >> 16;
  for (std::size_t i = 0; i < tables; ++i) {
    const std::size_t entry = 12 + 16 * i;
    if (font.compare(entry, 4, "glyf") != 0) continue;
    std::fill_n(font.begin() + static_cast<std::ptrdiff_t>(u32(entry + 8)), u32(entry + 12), '\0');
    return font;
  }
  FAIL("no glyf table");
  return font;
}

struct CheckCase {
  std::string name;
  std::string json;  // written to shows/p.json; shows/f.ttf always exists
  int exit_code;
  std::string out;
  std::string err;
};

const CheckCase kCases[] = {
    {"good", "{" + kFontTheme + R"(, "slides": [{"text": "a"}, {"title": "b"}]})", 0,
     "shows/p.json: ok, 2 slides\n", ""},
    {"one slide", "{" + kFontTheme + R"(, "slides": [{"text": "a"}]})", 0,
     "shows/p.json: ok, 1 slide\n", ""},
    {"warnings are counted but do not fail",
     "{" + kFontTheme + R"(, "slides": [{"text": "a", "titel": "b", "x": 1}]})", 0,
     "shows/p.json: ok, 1 slide, 2 warnings\n",
     "shows/p.json: warning: slides[0].titel: unknown key, ignored (did you mean \"title\"?)\n"
     "shows/p.json: warning: slides[0].x: unknown key, ignored\n"},
    {"one warning", "{" + kFontTheme + R"(, "slide": [], "slides": [{"text": "a"}]})", 0,
     "shows/p.json: ok, 1 slide, 1 warning\n",
     "shows/p.json: warning: slide: unknown key, ignored (did you mean \"slides\"?)\n"},
    {"syntax error", "{" + kFontTheme + ",\n\"slides\": [}", 1, "shows/p.json: 1 error\n",
     "shows/p.json:2:12: error: syntax error while parsing value - unexpected '}'; expected '[', "
     "'{', or a literal\n"},
    {"every error and warning is printed",
     "{" + kFontTheme + R"(, "lang": 5, "slides": [{"duration": -3, "txet": "a"}]})", 1,
     "shows/p.json: 3 errors, 1 warning\n",
     "shows/p.json: error: lang: must be a string, not a number\n"
     "shows/p.json: warning: slides[0].txet: unknown key, ignored (did you mean \"text\"?)\n"
     "shows/p.json: error: slides[0].duration: must be a number of seconds from 1 to 86400, not "
     "-3\n"
     "shows/p.json: error: slides[0]: needs a \"text\" (or a \"title\", an \"image\" or a "
     "\"qr\")\n"},
    {"font_file that does not exist",
     R"({"theme": {"font_file": "nope.ttf"}, "slides": [{"text": "a"}]})", 1,
     "shows/p.json: 1 error\n",
     "shows/p.json: error: theme.font_file: cannot read font file shows/nope.ttf\n"},
    {"font_file that is not a font",
     R"({"theme": {"font_file": "bad.ttf"}, "slides": [{"text": "a"}]})", 1,
     "shows/p.json: 1 error\n",
     "shows/p.json: error: theme.font_file: shows/bad.ttf: not a font FreeType can load "
     "(unknown file format)\n"},
    {"font_file cut short", R"({"theme": {"font_file": "cut.ttf"}, "slides": [{"text": "a"}]})", 1,
     "shows/p.json: 1 error\n",
     "shows/p.json: error: theme.font_file: shows/cut.ttf: not a font FreeType can load "
     "(unknown file format)\n"},
    {"font_file whose glyphs are blank",
     R"({"theme": {"font_file": "blank.ttf"}, "slides": [{"text": "a"}]})", 1,
     "shows/p.json: 1 error\n",
     "shows/p.json: error: theme.font_file: shows/blank.ttf: not a font FreeType can load: "
     "its glyphs are empty (a file cut short?)\n"},
};

TEST_CASE("CheckPlaylist: a language without hyphenation patterns is a warning") {
  FakeFileSystem fs;
  fs.Create("shows/f.ttf", RealFont());
  for (const char* lang : {"DE", "de_de", "de-DE"}) {  // hyphen-de, whatever the case
    CAPTURE(lang);
    fs.Create("shows/p.json",
              "{" + kFontTheme + R"(, "lang": ")" + lang + R"(", "slides": [{"text": "a"}]})");
    std::ostringstream out;
    std::ostringstream err;
    CHECK(CheckPlaylist("shows/p.json", fs, out, err) == 0);
    CHECK(err.str() == "");
  }
  fs.Create("shows/p.json", "{" + kFontTheme + R"(, "lang": "xx", "slides": [{"text": "a"}]})");
  std::ostringstream out;
  std::ostringstream err;
  CHECK(CheckPlaylist("shows/p.json", fs, out, err) == 0);
  CHECK(out.str() == "shows/p.json: ok, 1 slide, 1 warning\n");
  CHECK(err.str() ==
        "shows/p.json: warning: lang: no hyphenation patterns for \"xx\"; words "
        "will not be hyphenated\n");
}

TEST_CASE("CheckPlaylist --json: what the playlist says is escaped and short there too") {
  FakeFileSystem fs;
  fs.Create("shows/f.ttf", "font");
  fs.Create("shows/p.json", "{" + kFontTheme + R"(, "slides": [{"text": "a", "align": "\u202e)" +
                                std::string(100, 'x') + R"(", "\u001b[2J": 1}]})");
  std::ostringstream out;
  std::ostringstream err;
  CheckOptions options;
  options.json = true;
  CHECK(CheckPlaylist("shows/p.json", fs, out, err, options) == 1);
  const nlohmann::json report = nlohmann::json::parse(out.str());
  REQUIRE(report["diagnostics"].size() == 2);
  CHECK(report["diagnostics"][0]["path"] == "slides[0].\\x1b[2J");
  CHECK(report["diagnostics"][1]["message"] ==
        "must be \"left\" or \"center\", not \"\\u202e" + std::string(53, 'x') + "…\"");
  CHECK(out.str().find('\x1b') == std::string::npos);
}

TEST_CASE("ErrorScreenContent: each problem escaped and at most kErrorScreenChars long") {
  const std::string wall = "p.json: error: theme.background: not \"" + std::string(50000, 'f');
  const std::optional<Content> content =
      ErrorScreenContent("p.json", {wall, "p.json: warning: a\x1b[2Jb"});
  REQUIRE(content);
  const std::string& text = content->playlist.slides[0].text;
  CHECK(text.find(wall.substr(0, kErrorScreenChars - 1) + "…\n") != std::string::npos);
  CHECK(text.size() < 1000);
  CHECK(text.find("p.json: warning: a\\x1b[2Jb\n") != std::string::npos);
}

TEST_CASE("CheckPlaylist") {
  for (const CheckCase& c : kCases) {
    CAPTURE(c.name);
    FakeFileSystem fs;
    fs.Create("shows/p.json", c.json);
    fs.Create("shows/f.ttf", RealFont());
    fs.Create("shows/bad.ttf", std::string(4096, 'x'));
    fs.Create("shows/cut.ttf", RealFont().substr(0, 200000));
    fs.Create("shows/blank.ttf", BlankGlyphs(RealFont()));
    std::ostringstream out;
    std::ostringstream err;
    CHECK(CheckPlaylist("shows/p.json", fs, out, err) == c.exit_code);
    CHECK(out.str() == c.out);
    CHECK(err.str() == c.err);
  }
}

TEST_CASE("CheckPlaylist: fonts have a limit of their own, far above the playlist's") {
  // A CJK font is about 20 MiB: the playlist's 4 MiB limit once refused it as a font.
  FakeFileSystem fs;
  fs.Create("shows/p.json", R"({"theme": {"font_file": "big.ttf"}, "slides": [{"text": "a"}]})");
  std::string big = RealFont();
  big.resize(static_cast<std::size_t>(config::kMaxPlaylistBytes) + 1, '\0');  // padded at the end
  fs.Create("shows/big.ttf", big);
  std::ostringstream out;
  std::ostringstream err;
  CHECK(CheckPlaylist("shows/p.json", fs, out, err) == 0);
  CHECK(err.str() == "");

  big.resize(static_cast<std::size_t>(config::kMaxFontBytes) + 1, '\0');
  fs.Create("shows/big.ttf", std::move(big));
  std::ostringstream out2;
  std::ostringstream err2;
  CHECK(CheckPlaylist("shows/p.json", fs, out2, err2) == 1);
  CHECK(err2.str() ==
        "shows/p.json: error: theme.font_file: shows/big.ttf: cannot read: file too large (over "
        "64 MiB)\n");
}

TEST_CASE("CheckPlaylist on a missing file") {
  FakeFileSystem fs;
  std::ostringstream out;
  std::ostringstream err;
  CHECK(CheckPlaylist("x.json", fs, out, err) == 1);
  CHECK(out.str() == "x.json: 1 error\n");
  CHECK(err.str() == "x.json: error: cannot read: No such file or directory\n");
}

TEST_CASE("LoadAndReport prints diagnostics and keeps a playlist with only warnings") {
  FakeFileSystem fs;
  std::ostringstream err;
  SUBCASE("warnings only") {
    fs.Create("p.json", R"({"slides": [{"text": "a", "kiker": "k"}]})");
    const LoadResult r = LoadAndReport("p.json", fs, err);
    CHECK(err.str() ==
          "p.json: warning: slides[0].kiker: unknown key, ignored (did you mean \"kicker\"?)\n");
    REQUIRE(r.playlist);
    CHECK(r.playlist->slides.size() == 1);
  }
  SUBCASE("an error") {
    fs.Create("p.json", R"({"slides": []})");
    const LoadResult r = LoadAndReport("p.json", fs, err);
    CHECK(err.str() == "p.json: error: slides: is empty: the playlist needs at least one slide\n");
    CHECK_FALSE(r.playlist);
  }
}

}  // namespace
}  // namespace kiosk
