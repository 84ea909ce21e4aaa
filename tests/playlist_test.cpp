#include "playlist.h"

#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "config.h"
#include "contrast.h"
#include "fake_file_system.h"

// Prints diagnostic lists in failures instead of "{?}".
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const std::string& line : lines) out += "\n  \"" + line + "\"";
    out += "}";
    return out.c_str();
  }
};

namespace kiosk {
namespace {

using namespace std::string_literals;

std::vector<std::string> Messages(const LoadResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) out.push_back(FormatDiagnostic(d));
  return out;
}

// A slide list to append where a case is about something else.
const std::string kSlides = R"("slides": [{"text": "a"}])";

struct GoodCase {
  std::string name;
  std::string json;
  std::string file;  // the playlist's path, for font_file resolution
  std::function<void(const Playlist&)> check;
};

const GoodCase kGood[] = {
    {"minimal: every default filled in", R"({"slides": [{"text": "Hallo"}]})", "p.json",
     [](const Playlist& p) {
       CHECK(p.path == "p.json");
       CHECK(p.lang == "de");
       CHECK(p.transition == 0.8);
       CHECK(p.show_progress);
       CHECK(p.show_counter);
       CHECK(p.theme.background == Color{0x12, 0x1e, 0x2f, 255});
       CHECK(p.theme.foreground == Color{0xff, 0xff, 0xff, 255});
       CHECK(p.theme.accent == Color{0xf5, 0xb7, 0x2c, 255});
       CHECK(p.theme.font_family == "DejaVu Sans");
       CHECK(p.theme.font_file == "");
       CHECK(p.theme.margin == 0.06);
       CHECK(p.theme.align == Align::kLeft);
       CHECK(p.theme.max_text_size == 0.085);
       CHECK(p.theme.min_text_size == 1.0 / 24);
       REQUIRE(p.slides.size() == 1);
       CHECK(p.slides[0].text == "Hallo");
       CHECK(p.slides[0].title == "");
       CHECK(p.slides[0].kicker == "");
       CHECK(p.slides[0].duration == 20);
       CHECK(p.slides[0].align == Align::kLeft);
     }},
    {"slide duration falls back to the top-level duration",
     R"({"duration": 7, "slides": [{"text": "a"}, {"text": "b", "duration": 3.5}]})", "p.json",
     [](const Playlist& p) {
       REQUIRE(p.slides.size() == 2);
       CHECK(p.slides[0].duration == 7);
       CHECK(p.slides[1].duration == 3.5);
     }},
    {"bounds are inclusive where they say so",
     R"({"transition": 0, "theme": {"margin": 0.3, "max_text_size": 0.5, "min_text_size": 0.5},
         "slides": [{"text": "a", "duration": 86400}]})",
     "p.json",
     [](const Playlist& p) {
       CHECK(p.transition == 0);
       CHECK(p.theme.margin == 0.3);
       CHECK(p.theme.max_text_size == 0.5);
       CHECK(p.slides[0].duration == 86400);
     }},
    {"UTF-8 byte order mark at the start", "\xEF\xBB\xBF{\"slides\": [{\"text\": \"\xC3\xA4\"}]}",
     "p.json", [](const Playlist& p) { CHECK(p.slides[0].text == "\xC3\xA4"); }},
    {"title-only slide, kicker and text",
     R"({"slides": [{"title": "Titel"}, {"kicker": "K", "text": "T"}]})", "p.json",
     [](const Playlist& p) {
       CHECK(p.slides[0].title == "Titel");
       CHECK(p.slides[0].text == "");
       CHECK(p.slides[1].kicker == "K");
       CHECK(p.slides[1].text == "T");
     }},
    {"slides inherit the theme's align unless they set their own",
     R"({"theme": {"align": "center"}, "slides": [{"text": "a"}, {"text": "b", "align": "left"}]})",
     "p.json",
     [](const Playlist& p) {
       CHECK(p.theme.align == Align::kCenter);
       CHECK(p.slides[0].align == Align::kCenter);
       CHECK(p.slides[1].align == Align::kLeft);
     }},
    {"colours #rgb, #rrggbb, #rrggbbaa",
     R"({"theme": {"background": "#abc", "foreground": "#1E2a3b", "accent": "#11223380"}, )" +
         kSlides + "}",
     "p.json",
     [](const Playlist& p) {
       CHECK(p.theme.background == Color{0xaa, 0xbb, 0xcc, 255});
       CHECK(p.theme.foreground == Color{0x1e, 0x2a, 0x3b, 255});
       CHECK(p.theme.accent == Color{0x11, 0x22, 0x33, 0x80});
     }},
    {"font_file relative to the playlist's directory",
     R"({"theme": {"font_file": "f.ttf"}, )" + kSlides + "}", "shows/p.json",
     [](const Playlist& p) { CHECK(p.theme.font_file == "shows/f.ttf"); }},
    {"font_file with .. is normalised",
     R"({"theme": {"font_file": "../fonts/f.ttf"}, )" + kSlides + "}", "shows/p.json",
     [](const Playlist& p) { CHECK(p.theme.font_file == "fonts/f.ttf"); }},
    {"absolute font_file stays", R"({"theme": {"font_file": "/usr/f.ttf"}, )" + kSlides + "}",
     "/a/p.json", [](const Playlist& p) { CHECK(p.theme.font_file == "/usr/f.ttf"); }},
    {"lang, progress, counter, transition, font",
     R"({"lang": "en", "progress": false, "counter": false, "transition": 10,
         "theme": {"font": "Noto Sans", "margin": 0}, )" +
         kSlides + "}",
     "p.json",
     [](const Playlist& p) {
       CHECK(p.lang == "en");
       CHECK_FALSE(p.show_progress);
       CHECK_FALSE(p.show_counter);
       CHECK(p.transition == 10);
       CHECK(p.theme.font_family == "Noto Sans");
       CHECK(p.theme.margin == 0);
     }},
    // Pictures (issue 12): files resolve against the playlist's directory, as font_file.
    {"image as a file name: contain, centred, auto position; a slide with only an image",
     R"({"slides": [{"image": "pics/a.png"}]})", "shows/p.json",
     [](const Playlist& p) {
       REQUIRE(p.slides[0].image);
       CHECK(p.slides[0].image->picture == PictureRef{"shows/pics/a.png", false, 0.5, 0.5});
       CHECK(p.slides[0].image->position == ImagePosition::kAuto);
       CHECK(p.slides[0].text.empty());
     }},
    {"image as an object: fit, focus, position",
     R"({"slides": [{"text": "t", "image": {"file": "/srv/b.jpg", "fit": "cover",
         "focus": [0, 1], "position": "below"}}, {"text": "t", "image": {"file": "c.webp",
         "fit": "contain", "position": "left"}}, {"text": "t", "image": {"file": "c.webp",
         "position": "right"}}, {"text": "t", "image": {"file": "c.webp", "position": "above"}},
         {"text": "t", "image": {"file": "c.webp", "position": "auto", "focus": [0.25, 0.75]}}]})",
     "p.json",
     [](const Playlist& p) {
       CHECK(p.slides[0].image->picture == PictureRef{"/srv/b.jpg", true, 0, 1});
       CHECK(p.slides[0].image->position == ImagePosition::kBelow);
       CHECK(p.slides[1].image->picture == PictureRef{"c.webp", false, 0.5, 0.5});
       CHECK(p.slides[1].image->position == ImagePosition::kLeft);
       CHECK(p.slides[2].image->position == ImagePosition::kRight);
       CHECK(p.slides[3].image->position == ImagePosition::kAbove);
       CHECK(p.slides[4].image->position == ImagePosition::kAuto);
       CHECK(p.slides[4].image->picture.focus_x == 0.25);
       CHECK(p.slides[4].image->picture.focus_y == 0.75);
     }},
    {"slide background: a colour, a file (cover, default overlay), an object",
     R"({"slides": [{"text": "a", "background": "#ff000080"},
         {"text": "b", "background": "../bg.JPEG"},
         {"text": "c", "background": {"file": "x", "fit": "contain", "focus": [0.1, 0.2],
          "overlay": "#00000000"}}]})",
     "shows/p.json",
     [](const Playlist& p) {
       CHECK(p.slides[0].background == Backdrop{{}, Color{255, 0, 0, 0x80}});
       // White text: black, just dark enough that a white picture reads 4.5:1.
       CHECK(p.slides[1].background ==
             Backdrop{{"bg.JPEG", true, 0.5, 0.5}, DefaultOverlay(Color{255, 255, 255, 255})});
       CHECK(DefaultOverlay(Color{255, 255, 255, 255}).r == 0);
       CHECK(p.slides[2].background == Backdrop{{"shows/x", false, 0.1, 0.2}, Color{0, 0, 0, 0}});
     }},
    {"the default overlay follows the theme's text colour (dark text: a light overlay)",
     R"({"theme": {"foreground": "#000", "background": "bg.png"}, )" + kSlides + "}", "p.json",
     [](const Playlist& p) {
       CHECK(p.theme.background == Color{0x12, 0x1e, 0x2f, 255});  // kept as the fill under it
       REQUIRE(p.theme.background_picture);
       CHECK(p.theme.background_picture->picture == PictureRef{"bg.png", true, 0.5, 0.5});
       CHECK(p.theme.background_picture->overlay.r == 255);
       CHECK(p.theme.background_picture->overlay == DefaultOverlay(Color{0, 0, 0, 255}));
     }},
    {"theme background as an object; the colour stays the default",
     R"({"theme": {"background": {"file": "bg.webp", "overlay": "#10203040"}}, )" + kSlides + "}",
     "d/p.json",
     [](const Playlist& p) {
       CHECK(p.theme.background_picture ==
             Backdrop{{"d/bg.webp", true, 0.5, 0.5}, Color{0x10, 0x20, 0x30, 0x40}});
       CHECK_FALSE(p.theme.logo);
     }},
    {"logo as a file name: top right, the default size",
     R"({"theme": {"logo": "logo.png"}, )" + kSlides + "}", "d/p.json",
     [](const Playlist& p) {
       REQUIRE(p.theme.logo);
       CHECK(p.theme.logo->picture.file == "d/logo.png");
       CHECK(p.theme.logo->corner == Corner::kTopRight);
       CHECK(p.theme.logo->size == config::kLogoSize);
     }},
    {"logo as an object, in each corner",
     R"({"theme": {"logo": {"file": "l.png", "corner": "bottom-left", "size": 0.5}}, )" + kSlides +
         "}",
     "p.json",
     [](const Playlist& p) {
       CHECK(p.theme.logo == Logo{{"l.png", false, 0.5, 0.5}, Corner::kBottomLeft, 0.5});
     }},
    {"QR codes: a string, an object, and a QR code alone on its slide",
     R"({"slides": [{"qr": "https://example.org/r"}, {"text": "t", "qr": {"text": "x",
         "caption": "Scan me", "position": "left"}}]})",
     "p.json",
     [](const Playlist& p) {
       CHECK(p.slides[0].qr == QrElement{"https://example.org/r", "", ImagePosition::kAuto});
       CHECK(p.slides[1].qr == QrElement{"x", "Scan me", ImagePosition::kLeft});
     }},
    {"a QR code of exactly the most bytes level M holds",
     R"({"slides": [{"qr": ")" + std::string(config::kMaxQrBytes, 'a') + R"("}]})", "p.json",
     [](const Playlist& p) { CHECK(p.slides[0].qr->text.size() == 2331); }},
};

TEST_CASE("ParsePlaylist accepts good playlists") {
  for (const GoodCase& c : kGood) {
    CAPTURE(c.name);
    const LoadResult r = ParsePlaylist(c.json, c.file);
    CHECK(Messages(r) == std::vector<std::string>{});
    REQUIRE(r.playlist);
    c.check(*r.playlist);
  }
}

struct BadCase {
  std::string name;
  std::string json;
  std::vector<std::string> expected;  // every formatted diagnostic, in order
};

const BadCase kBad[] = {
    // Syntax errors: FILE:LINE:COLUMN pointing at the offending character.
    {"missing comma",
     "{\n  \"slides\": [\n    {\"text\": \"a\"}\n    {\"text\": \"b\"}\n  ]\n}\n",
     {"p.json:4:5: error: syntax error while parsing array - unexpected '{'; expected ']' (is a "
      "comma missing before it?)"}},
    // The column is the unexpected token's last character (the closing quote of "duration"),
    // not its first: see the report.
    {"missing comma between members",
     "{\"slides\": [{\"text\": \"a\"\n  \"duration\": 3}]}",
     {"p.json:2:12: error: syntax error while parsing object - unexpected string literal; "
      "expected '}' (is a comma missing before it?)"}},
    {"trailing comma",
     "{\n  \"slides\": [\n    {\"text\": \"a\"},\n  ]\n}\n",
     {"p.json:4:3: error: syntax error while parsing value - unexpected ']'; expected '[', '{', "
      "or a literal (is there a comma too many before it?)"}},
    {"trailing comma in an object",
     "{\"slides\": [{\"text\": \"a\",}]}",
     {"p.json:1:26: error: syntax error while parsing object key - unexpected '}'; expected "
      "string literal (is there a comma too many before it?)"}},
    {"truncated file",
     "{\n  \"slides\": [\n    {\"text\": \"a\"",
     {"p.json:3:17: error: syntax error while parsing object - unexpected end of input; "
      "expected '}'"}},
    {"empty file",
     "",
     {"p.json:1:1: error: the file is empty: a playlist needs {\"slides\": [...]}"}},
    {"unterminated string",
     "{\"slides\": [{\"text\": \"abc\n}]}",
     {"p.json:1:26: error: syntax error while parsing value - invalid string: control character "
      "U+000A (LF) must be escaped to \\u000A or \\n (is a closing \" missing, or a line break "
      "inside a string? write it as \\n)"}},
    {"invalid UTF-8 in a string",
     "{\"slides\": [{\"text\": \"a\xff\"}]}",
     {"p.json:1:24: error: not valid UTF-8 text (save the file as UTF-8)"}},
    {"invalid UTF-8 between tokens; column counts code points",
     "{\"slides\": [{\"text\": \"\xC3\xA4\"}] \xC3}",
     {"p.json:1:28: error: syntax error while parsing object - invalid literal; expected '}'"}},
    {"NUL byte in a string",
     "{\"slides\": [{\"text\": \"a\0b\"}]}"s,
     {"p.json:1:24: error: a NUL byte: this is not a text file (save it as UTF-8 text)"}},
    {"NUL byte between tokens",
     "{\"slides\": \0[{\"text\": \"a\"}]}"s,
     {"p.json:1:12: error: a NUL byte: this is not a text file (save it as UTF-8 text)"}},
    {"CRLF line ends",
     "{\r\n\"slides\": [\r\n{\"text\": \"a\"}\r\n{}]}",
     {"p.json:4:1: error: syntax error while parsing array - unexpected '{'; expected ']' (is a "
      "comma missing before it?)"}},
    // Content errors: FILE: error: PATH: MESSAGE.
    {"negative duration",
     R"({"slides": [{"text": "a"}, {"text": "b", "duration": -3}]})",
     {"p.json: error: slides[1].duration: must be a number of seconds from 1 to 86400, not -3"}},
    {"zero duration",
     R"({"slides": [{"text": "a", "duration": 0}]})",
     {"p.json: error: slides[0].duration: must be a number of seconds from 1 to 86400, not 0"}},
    {"huge duration",
     R"({"slides": [{"text": "a", "duration": 1e9}]})",
     {"p.json: error: slides[0].duration: must be a number of seconds from 1 to 86400, not "
      "1000000000"}},
    {"duration as a string",
     R"({"slides": [{"text": "a", "duration": "10"}]})",
     {"p.json: error: slides[0].duration: must be a number of seconds from 1 to 86400, not a "
      "string"}},
    {"null duration",
     R"({"slides": [{"text": "a", "duration": null}]})",
     {"p.json: error: slides[0].duration: must be a number of seconds from 1 to 86400, not null"}},
    {"top-level duration",
     R"({"duration": 0, )" + kSlides + "}",
     {"p.json: error: duration: must be a number of seconds from 1 to 86400, not 0"}},
    {"transition too long",
     R"({"transition": 11, )" + kSlides + "}",
     {"p.json: error: transition: must be a number of seconds from 0 (a cut) to 10, not 11"}},
    {"missing slides",
     "{}",
     {"p.json: error: slides: missing: the playlist needs a \"slides\" array"}},
    {"slides not an array",
     R"({"slides": {"text": "a"}})",
     {"p.json: error: slides: must be an array of slides, not an object"}},
    {"empty slides",
     R"({"slides": []})",
     {"p.json: error: slides: is empty: the playlist needs at least one slide"}},
    {"null slide",
     R"({"slides": [{"text": "a"}, null]})",
     {"p.json: error: slides[1]: must be an object with a \"text\", not null"}},
    {"slide without text or title",
     R"({"slides": [{"kicker": "k"}]})",
     {"p.json: error: slides[0]: needs a \"text\" (or a \"title\", an \"image\" or a \"qr\")"}},
    {"empty text and title",
     R"({"slides": [{"text": "", "title": ""}]})",
     {"p.json: error: slides[0]: has nothing to show: \"text\" and \"title\" are empty"}},
    {"wrong slide field types",
     R"({"slides": [{"title": 1, "text": true, "kicker": [], "align": 3}]})",
     {"p.json: error: slides[0].kicker: must be a string, not an array",
      "p.json: error: slides[0].title: must be a string, not a number",
      "p.json: error: slides[0].text: must be a string, not a boolean",
      "p.json: error: slides[0].align: must be a string, not a number"}},
    {"wrong top-level types",
     R"({"lang": null, "progress": "yes", "counter": 0, "theme": [], )" + kSlides + "}",
     {"p.json: error: lang: must be a string, not null",
      "p.json: error: progress: must be true or false, not a string",
      "p.json: error: counter: must be true or false, not a number",
      "p.json: error: theme: must be an object, not an array"}},
    {"bad align values",
     R"({"theme": {"align": "right"}, "slides": [{"text": "a", "align": "centre"}]})",
     {"p.json: error: theme.align: must be \"left\" or \"center\", not \"right\"",
      "p.json: error: slides[0].align: must be \"left\" or \"center\", not \"centre\""}},
    {"bad colours",
     R"({"theme": {"background": "#12", "foreground": "red", "accent": 5}, )" + kSlides + "}",
     {"p.json: error: theme.background: must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or "
      "#rrggbbaa), not \"#12\"",
      "p.json: error: theme.foreground: must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or "
      "#rrggbbaa), not \"red\"",
      "p.json: error: theme.accent: must be a string, not a number"}},
    {"sizes out of range",
     R"({"theme": {"margin": 0.5, "max_text_size": 0, "min_text_size": 0.6}, )" + kSlides + "}",
     {"p.json: error: theme.margin: must be a number >= 0 and at most 0.3, not 0.5",
      "p.json: error: theme.max_text_size: must be a number > 0 and at most 0.5, not 0",
      "p.json: error: theme.min_text_size: must be a number > 0 and at most 0.5, not 0.6"}},
    {"min_text_size > max_text_size",
     R"({"theme": {"max_text_size": 0.05, "min_text_size": 0.1}, )" + kSlides + "}",
     {"p.json: error: theme.min_text_size: 0.1 is larger than theme.max_text_size (0.05)"}},
    {"min_text_size above the default max_text_size",
     R"({"theme": {"min_text_size": 0.1}, )" + kSlides + "}",
     {"p.json: error: theme.min_text_size: 0.1 is larger than theme.max_text_size (0.085, the "
      "default)"}},
    {"top level an array",
     "[]",
     {"p.json: error: (top level): must be an object with a \"slides\" array, not an array"}},
    // Duplicate keys: nlohmann keeps the last one silently; kiosk refuses the ambiguity.
    {"duplicate key in a slide",
     R"({"slides": [{"text": "a", "duration": 5, "duration": 7}]})",
     {"p.json: error: slides[0].duration: given more than once (only the last would count): "
      "keep one"}},
    {"duplicate slides arrays",
     R"({"slides": [{"text": "a"}], "slides": [{"text": "b"}]})",
     {"p.json: error: slides: given more than once (only the last would count): keep one"}},
    {"duplicate key in the theme, and in a later slide",
     R"({"theme": {"font": "A", "font": "B"}, "slides": [{"text": "a"}, {"title": "t", "text": "b",
         "title": "u"}]})",
     {"p.json: error: theme.font: given more than once (only the last would count): keep one",
      "p.json: error: slides[1].title: given more than once (only the last would count): keep "
      "one"}},
    {"duplicate key deep inside an unknown key",
     R"({"x": [[{"a": 1}, {"a": 1, "a": 2}]], )" + kSlides + "}",
     {"p.json: error: x[0][1].a: given more than once (only the last would count): keep one",
      "p.json: warning: x: unknown key, ignored"}},
    {"Infinity is not JSON",
     R"({"slides": [{"text": "a", "duration": Infinity}]})",
     {"p.json:1:39: error: syntax error while parsing value - invalid literal (text needs "
      "\"quotes\"; Infinity and NaN are not JSON numbers)"}},
    {"NaN is not JSON",
     R"({"slides": [{"text": "a", "duration": NaN}]})",
     {"p.json:1:39: error: syntax error while parsing value - invalid literal (text needs "
      "\"quotes\"; Infinity and NaN are not JSON numbers)"}},
    {"negative number out of double range",
     R"({"slides": [{"text": "a", "duration": -1e400}]})",
     {"p.json:1:39: error: number -1e400 is too large"}},
    {"truncated inside a string",
     "{\"slides\": [{\"text\": \"Will",
     {"p.json:1:27: error: syntax error while parsing value - invalid string: missing closing "
      "quote"}},
    {"only a byte order mark",
     "\xEF\xBB\xBF",
     {"p.json:1:2: error: syntax error while parsing value - unexpected end of input; expected "
      "'[', '{', or a literal"}},
    {"UTF-16 text",
     "\xFF\xFE{\0\"\0s\0"s,
     {"p.json:1:4: error: a NUL byte: this is not a text file (save it as UTF-8 text)"}},
    {"lone surrogate escape",
     R"({"slides": [{"text": "\ud800"}]})",
     {"p.json:1:29: error: syntax error while parsing value - invalid string: surrogate "
      "U+D800..U+DBFF must be followed by U+DC00..U+DFFF"}},
    {"a string instead of a playlist",
     R"("slides")",
     {"p.json: error: (top level): must be an object with a \"slides\" array, not a string"}},
    {"error_mark not a boolean",
     R"({"error_mark": "yes", )" + kSlides + "}",
     {"p.json: error: error_mark: must be true or false, not a string"}},
    {"\\u0000 inside text",
     R"({"slides": [{"text": "a\u0000b"}]})",
     {"p.json: error: slides[0].text: must not contain a NUL character (\\u0000)"}},
    // Issue 10 class 5: nothing may change faster than a person can read it.
    {"a duration that strobes",
     R"({"slides": [{"text": "a"}, {"text": "b"}, {"text": "c", "duration": 0.000001}]})",
     {"p.json: error: slides[2].duration: must be a number of seconds from 1 to 86400, not "
      "1e-06"}},
    {"just under a second",
     R"({"duration": 0.999, )" + kSlides + "}",
     {"p.json: error: duration: must be a number of seconds from 1 to 86400, not 0.999"}},
    {"a negative transition",
     R"({"transition": -0.1, )" + kSlides + "}",
     {"p.json: error: transition: must be a number of seconds from 0 (a cut) to 10, not -0.1"}},
    {"a crossfade longer than a slide",
     R"({"transition": 2, "slides": [{"text": "a"}, {"text": "b", "duration": 1.5}]})",
     {"p.json: error: slides[1].duration: 1.5 s is shorter than the transition (2 s): the "
      "slide would never stand still"}},
    {"a crossfade longer than the default duration",
     R"({"transition": 5, "duration": 4, )" + kSlides + "}",
     {"p.json: error: duration: 4 s is shorter than the transition (5 s): the slide would "
      "never stand still"}},
    // Issue 10 class 7: what a playlist says is repeated escaped and short.
    {"a long colour is echoed shortened",
     R"({"theme": {"background": "#)" + std::string(50000, 'f') + R"("}, )" + kSlides + "}",
     {"p.json: error: theme.background: must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or "
      "#rrggbbaa), not \"#" +
      std::string(58, 'f') + "…\""}},
    {"escape sequences in an align value",
     R"({"slides": [{"text": "a", "align": "\u001b[2J\u202eleft\n"}]})",
     {"p.json: error: slides[0].align: must be \"left\" or \"center\", not "
      "\"\\x1b[2J\\u202eleft\\n\""}},
    {"a duplicate key with a newline in it",
     R"({"slides": [{"text": "a", "a\nb": 1, "a\nb": 2}]})",
     {"p.json: error: slides[0].a\\nb: given more than once (only the last would count): keep one",
      "p.json: warning: slides[0].a\\nb: unknown key, ignored"}},
    {"lang that is not a language tag",
     R"({"lang": "../../etc/x", )" + kSlides + "}",
     {"p.json: error: lang: must be a language tag such as \"de\" or \"en-GB\", not "
      "\"../../etc/x\""}},
    {"sync that is not a mode",
     R"({"sync": "ntp", )" + kSlides + "}",
     {"p.json: error: sync: must be \"clock\" (follow the real-time clock) or \"off\", not "
      "\"ntp\""}},
    {"sync as a boolean",
     R"({"sync": true, )" + kSlides + "}",
     {"p.json: error: sync: must be a string, not a boolean"}},
    {"an announcement that is not text",
     R"({"announcement": ["a"], )" + kSlides + "}",
     {"p.json: error: announcement: must be a string, not an array"}},
    {"an announcement past the limit",
     R"({"announcement": ")" + std::string(5001, 'a') + R"(", )" + kSlides + "}",
     {"p.json: error: announcement: 5001 characters, more than the limit of 5000 (split it "
      "into several slides)"}},
    // Pictures (issue 12).
    {"image of the wrong type, empty, or with a NUL",
     R"({"slides": [{"image": 5}, {"image": ""}, {"image": "a\u0000b"}, {"image": null}]})",
     {"p.json: error: slides[0].image: must be a picture file or an object with a \"file\", not "
      "a number",
      "p.json: error: slides[1].image: must name a picture file, not \"\"",
      "p.json: error: slides[2].image: must not contain a NUL character (\\u0000)",
      "p.json: error: slides[3].image: must be a picture file or an object with a \"file\", not "
      "null"}},
    {"image object: missing file, bad fit, focus, position",
     R"({"slides": [{"text": "t", "image": {"fit": "fill"}},
         {"text": "t", "image": {"file": 3, "focus": [0.5], "position": "top"}},
         {"text": "t", "image": {"file": "a.png", "focus": [0.5, 1.5]}},
         {"text": "t", "image": {"file": "a.png", "focus": "center"}}]})",
     {"p.json: error: slides[0].image: needs a \"file\"",
      "p.json: error: slides[0].image.fit: must be \"contain\" or \"cover\", not \"fill\"",
      "p.json: error: slides[1].image.file: must be a file name (a string), not a number",
      "p.json: error: slides[1].image.focus: must be [x, y], the point to keep in view, each "
      "from 0 to 1 (0, 0: top left), not [0.5]",
      "p.json: error: slides[1].image.position: must be \"auto\", \"left\", \"right\", "
      "\"above\" or \"below\", not \"top\"",
      "p.json: error: slides[2].image.focus: must be [x, y], the point to keep in view, each "
      "from 0 to 1 (0, 0: top left), not [0.5,1.5]",
      "p.json: error: slides[3].image.focus: must be [x, y], the point to keep in view, each "
      "from 0 to 1 (0, 0: top left), not a string"}},
    {"backgrounds that are neither a colour nor a picture",
     R"({"theme": {"background": "blue"}, "slides": [{"text": "t", "background": "#12"},
         {"text": "t", "background": 7}, {"text": "t", "background": "bg.gif"},
         {"text": "t", "background": {"overlay": "dark"}}]})",
     {"p.json: error: theme.background: must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or "
      "#rrggbbaa) or a picture file (.png, .jpg, .jpeg, .webp), not \"blue\"",
      "p.json: error: slides[0].background: must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or "
      "#rrggbbaa), not \"#12\"",
      "p.json: error: slides[1].background: must be a colour (\"#1e2a3b\"), a picture file or an "
      "object with a \"file\", not a number",
      "p.json: error: slides[2].background: must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or "
      "#rrggbbaa) or a picture file (.png, .jpg, .jpeg, .webp), not \"bg.gif\"",
      "p.json: error: slides[3].background: needs a \"file\"",
      "p.json: error: slides[3].background.overlay: must be a colour like \"#1e2a3b\" (#rgb, "
      "#rrggbb or #rrggbbaa), not \"dark\""}},
    {"QR codes: empty, too long, wrong types",
     R"({"slides": [{"qr": ""}, {"qr": ")" + std::string(2332, 'a') + R"("}, {"qr": 1},
         {"qr": {"caption": "c"}}, {"qr": {"text": "t", "caption": 2, "position": "middle"}},
         {"qr": {"text": ""}}]})",
     {"p.json: error: slides[0].qr: is empty: a QR code needs a text or URL",
      "p.json: error: slides[1].qr: 2332 bytes, more than a QR code can hold (2331 at error "
      "correction level M): link to the text instead",
      "p.json: error: slides[2].qr: must be a text or URL to encode, or an object with a "
      "\"text\", not a number",
      "p.json: error: slides[3].qr: needs a \"text\" (the text or URL to encode)",
      "p.json: error: slides[4].qr.caption: must be a string, not a number",
      "p.json: error: slides[4].qr.position: must be \"auto\", \"left\", \"right\", \"above\" "
      "or \"below\", not \"middle\"",
      "p.json: error: slides[5].qr.text: is empty: a QR code needs a text or URL"}},
    {"an image and a QR code on one slide",
     R"({"slides": [{"image": "a.png", "qr": "x"}]})",
     {"p.json: error: slides[0]: has both an \"image\" and a \"qr\": one picture a slide (put "
      "the QR code on a slide of its own)"}},
    {"a background alone has nothing to read",
     R"({"slides": [{"background": "a.png"}]})",
     {"p.json: error: slides[0]: needs a \"text\" (or a \"title\", an \"image\" or a \"qr\")"}},
    {"logo: wrong types, corner, size",
     R"({"theme": {"logo": {"file": "l.png", "corner": "top", "size": 0}}, )" + kSlides + "}",
     {"p.json: error: theme.logo.corner: must be \"top-left\", \"top-right\", \"bottom-left\" or "
      "\"bottom-right\", not \"top\"",
      "p.json: error: theme.logo.size: must be a number > 0 and at most 0.5, not 0"}},
    {"logo: not a file, no file, too large",
     R"({"theme": {"logo": []}, "slides": [{"text": "a"}]})",
     {"p.json: error: theme.logo: must be a picture file or an object with a \"file\", not an "
      "array"}},
    {"logo object without a file; size over the limit",
     R"({"theme": {"logo": {"size": 0.51}}, )" + kSlides + "}",
     {"p.json: error: theme.logo: needs a \"file\"",
      "p.json: error: theme.logo.size: must be a number > 0 and at most 0.5, not 0.51"}},
};

TEST_CASE("ParsePlaylist rejects bad playlists with exact messages and no playlist") {
  for (const BadCase& c : kBad) {
    CAPTURE(c.name);
    const LoadResult r = ParsePlaylist(c.json, "p.json");
    CHECK(Messages(r) == c.expected);
    CHECK_FALSE(r.playlist);
  }
}

TEST_CASE("ParsePlaylist: sync and a standing announcement") {
  const LoadResult none = ParsePlaylist("{" + kSlides + "}", "p.json");
  REQUIRE(none.playlist);
  CHECK(none.playlist->sync == SyncMode::kOff);
  CHECK(none.playlist->announcement.empty());
  const LoadResult r = ParsePlaylist(
      R"({"sync": "clock", "announcement": "Workshop 3 jetzt in Raum B", )" + kSlides + "}",
      "p.json");
  REQUIRE(r.playlist);
  CHECK(r.diagnostics.empty());
  CHECK(r.playlist->sync == SyncMode::kClock);
  CHECK(r.playlist->announcement == "Workshop 3 jetzt in Raum B");
  const LoadResult off = ParsePlaylist(R"({"sync": "off", )" + kSlides + "}", "p.json");
  REQUIRE(off.playlist);
  CHECK(off.playlist->sync == SyncMode::kOff);
}

TEST_CASE("ParsePlaylist warns about unknown keys and still gives a playlist") {
  const LoadResult r = ParsePlaylist(
      R"({"slide": 1, "foo": 2, "theme": {"colour": "#fff", "backgroud": "#000"},
          "slides": [{"txt": "a", "text": "b", "durtion": 3}]})",
      "p.json");
  CHECK(Messages(r) == std::vector<std::string>{
                           "p.json: warning: foo: unknown key, ignored",
                           "p.json: warning: slide: unknown key, ignored (did you mean "
                           "\"slides\"?)",
                           "p.json: warning: theme.backgroud: unknown key, ignored (did you mean "
                           "\"background\"?)",
                           "p.json: warning: theme.colour: unknown key, ignored",
                           "p.json: warning: slides[0].durtion: unknown key, ignored (did you "
                           "mean \"duration\"?)",
                           "p.json: warning: slides[0].txt: unknown key, ignored (did you mean "
                           "\"text\"?)",
                       });
  CHECK_FALSE(HasErrors(r.diagnostics));
  REQUIRE(r.playlist);
  CHECK(r.playlist->slides[0].text == "b");
  CHECK(r.playlist->slides[0].duration == 20);
}

TEST_CASE("ParsePlaylist warns about unknown keys inside the picture objects") {
  const LoadResult r = ParsePlaylist(
      R"({"theme": {"logo": {"file": "l.png", "corners": "top-left"},
                    "background": {"file": "b.png", "overlya": "#000"}},
          "slides": [{"image": {"file": "a.png", "fitt": "cover"}},
                     {"qr": {"text": "x", "captoin": "c"}},
                     {"text": "t", "background": {"file": "b.png", "focus": [0, 0], "x": 1}}]})",
      "p.json");
  CHECK(Messages(r) ==
        std::vector<std::string>{
            "p.json: warning: theme.background.overlya: unknown key, ignored (did you mean "
            "\"overlay\"?)",
            "p.json: warning: theme.logo.corners: unknown key, ignored (did you mean \"corner\"?)",
            "p.json: warning: slides[0].image.fitt: unknown key, ignored (did you mean \"fit\"?)",
            "p.json: warning: slides[1].qr.captoin: unknown key, ignored (did you mean "
            "\"caption\"?)",
            "p.json: warning: slides[2].background.x: unknown key, ignored"});
  REQUIRE(r.playlist);
  CHECK(r.playlist->slides[0].image->picture.file == "a.png");
  CHECK(r.playlist->theme.logo->corner == Corner::kTopRight);
}

TEST_CASE("Unknown keys are echoed escaped and shortened, in the diagnostic itself") {
  const std::string long_key(500, 'k');
  const LoadResult r = ParsePlaylist(
      R"({"slides": [{"text": "a", "\u001b[31mred\n": 1, ")" + long_key + R"(": 2}]})", "p.json");
  REQUIRE(r.diagnostics.size() == 2);
  // Not only FormatDiagnostic: --check --json and the error screen use the fields.
  // (Keys come in sorted order.)
  CHECK(r.diagnostics[0].path == "slides[0].\\x1b[31mred\\n");
  CHECK(r.diagnostics[1].path == "slides[0]." + long_key.substr(0, 59) + "…");
  CHECK(r.playlist);
}

TEST_CASE("lang: language tags in any case and with - or _") {
  for (const char* lang : {"de", "DE", "de-DE", "de_de", "en-GB", "sr-Latn-RS"}) {
    CAPTURE(lang);
    const LoadResult r =
        ParsePlaylist(R"({"lang": ")" + std::string(lang) + R"(", )" + kSlides + "}", "p.json");
    CHECK(r.diagnostics.empty());
    REQUIRE(r.playlist);
    CHECK(r.playlist->lang == lang);
  }
  for (const char* lang : {"", "d", "de-", "-de", "de DE", "de/../x", "deutschland-de"}) {
    CAPTURE(lang);
    const LoadResult r =
        ParsePlaylist(R"({"lang": ")" + std::string(lang) + R"(", )" + kSlides + "}", "p.json");
    CHECK_FALSE(r.playlist);
  }
}

TEST_CASE("ParsePlaylist reports every problem in a file, not just the first") {
  const LoadResult r = ParsePlaylist(R"({
  "duration": -1,
  "extra": true,
  "theme": {"accent": "yellow"},
  "slides": [
    {"text": "ok"},
    {"duration": 0},
    "text",
    {"text": "b", "align": "middle"}
  ]
})",
                                     "p.json");
  CHECK(Messages(r) ==
        std::vector<std::string>{
            "p.json: warning: extra: unknown key, ignored",
            "p.json: error: duration: must be a number of seconds from 1 to 86400, not -1",
            "p.json: error: theme.accent: must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or "
            "#rrggbbaa), not \"yellow\"",
            "p.json: error: slides[1].duration: must be a number of seconds from 1 to 86400, not 0",
            "p.json: error: slides[1]: needs a \"text\" (or a \"title\", an \"image\" or a "
            "\"qr\")",
            "p.json: error: slides[2]: must be an object with a \"text\", not a string",
            "p.json: error: slides[3].align: must be \"left\" or \"center\", not \"middle\"",
        });
  CHECK_FALSE(r.playlist);
}

TEST_CASE("deep nesting gives a diagnostic, not a crash") {
  const std::string open(100000, '[');
  const std::string close(100000, ']');
  SUBCASE("100000 unclosed brackets") {
    const LoadResult r = ParsePlaylist(open, "p.json");
    CHECK(Messages(r) ==
          std::vector<std::string>{"p.json:1:100001: error: syntax error while parsing value - "
                                   "unexpected end of input; expected '[', '{', or a literal"});
    CHECK_FALSE(r.playlist);
  }
  SUBCASE("valid deep nesting under an unknown key") {
    const LoadResult r = ParsePlaylist("{\"x\": " + open + close + ", " + kSlides + "}", "p.json");
    CHECK(Messages(r) == std::vector<std::string>{"p.json: warning: x: unknown key, ignored"});
    CHECK(r.playlist);
  }
  SUBCASE("valid deep nesting where a string belongs") {
    const LoadResult r =
        ParsePlaylist("{\"slides\": [{\"text\": " + open + close + "}]}", "p.json");
    CHECK(Messages(r) == std::vector<std::string>{
                             "p.json: error: slides[0].text: must be a string, not an array"});
    CHECK_FALSE(r.playlist);
  }
}

// nlohmann::json would treat a NUL byte as the end of the input and ignore the rest.
TEST_CASE("a NUL byte after the document is an error, not the end of the file") {
  const LoadResult r = ParsePlaylist("{" + kSlides + "}\0{garbage"s, "p.json");
  CHECK_FALSE(r.playlist);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == "a NUL byte: this is not a text file (save it as UTF-8 text)");
}

// nlohmann::json throws out_of_range (not parse_error) for these.
TEST_CASE("a number out of double range is a diagnostic, not an exception") {
  const LoadResult r = ParsePlaylist(R"({"slides": [{"text": "a", "duration": 1e400}]})", "p.json");
  CHECK(Messages(r) == std::vector<std::string>{"p.json:1:39: error: number 1e400 is too large"});
  CHECK_FALSE(r.playlist);
}

TEST_CASE("LoadPlaylist reads through the FileSystem") {
  FakeFileSystem fs;
  SUBCASE("missing file") {
    const LoadResult r = LoadPlaylist("x.json", fs);
    CHECK(Messages(r) ==
          std::vector<std::string>{"x.json: error: cannot read: No such file or directory"});
    CHECK_FALSE(r.playlist);
  }
  SUBCASE("syntax errors name the path as given") {
    fs.Create("shows/p.json", "{\n  \"slides\": [\n");
    const LoadResult r = LoadPlaylist("shows/p.json", fs);
    CHECK(Messages(r) ==
          std::vector<std::string>{"shows/p.json:3:1: error: syntax error while parsing value - "
                                   "unexpected end of input; expected '[', '{', or a literal"});
  }
  SUBCASE("font_file that does not exist") {
    fs.Create("shows/p.json", R"({"theme": {"font_file": "f.ttf"}, )" + kSlides + "}");
    const LoadResult r = LoadPlaylist("shows/p.json", fs);
    CHECK(Messages(r) ==
          std::vector<std::string>{"shows/p.json: error: theme.font_file: cannot read font file "
                                   "shows/f.ttf"});
    CHECK_FALSE(r.playlist);
  }
  SUBCASE("font_file that exists, next to the playlist") {
    fs.Create("shows/p.json", R"({"theme": {"font_file": "f.ttf"}, )" + kSlides + "}");
    fs.Create("shows/f.ttf", "font");
    const LoadResult r = LoadPlaylist("shows/p.json", fs);
    CHECK(Messages(r) == std::vector<std::string>{});
    REQUIRE(r.playlist);
    CHECK(r.playlist->path == "shows/p.json");
    CHECK(r.playlist->theme.font_file == "shows/f.ttf");
  }
}

TEST_CASE("LoadPlaylist: files that cannot be read name the file and say why") {
  FakeFileSystem fake;
  SUBCASE("unreadable file") {
    fake.Unreadable("p.json", "Permission denied");
    CHECK(Messages(LoadPlaylist("p.json", fake)) ==
          std::vector<std::string>{"p.json: error: cannot read: Permission denied"});
  }
  RealFileSystem real;
  const std::string dir = std::filesystem::temp_directory_path().string();
  SUBCASE("a directory") {
    CHECK(Messages(LoadPlaylist(dir, real)) ==
          std::vector<std::string>{dir + ": error: cannot read: is a directory"});
  }
  SUBCASE("larger than the limit (4 MiB): refused before reading (a sparse file)") {
    const std::string big = dir + "/kiosk-big-" + std::to_string(::getpid()) + ".json";
    std::ofstream{big} << "{";
    std::filesystem::resize_file(big, config::kMaxPlaylistBytes + 1);
    CHECK(Messages(LoadPlaylist(big, real)) ==
          std::vector<std::string>{big + ": error: cannot read: file too large (over 4 MiB)"});
    std::filesystem::remove(big);
  }
}

TEST_CASE("a 20 MB playlist loads in bounded time") {
  std::string text = R"({"duration": 5, "slides": [)";
  const std::string slide =
      R"({"title": "Titel", "text": "Ein Absatz mit etwas Text, der sich oft wiederholt, )"
      R"(damit die Datei groß wird: Flüchtlinge, Integration, Konferenz."},)";
  while (text.size() < 20'000'000) text += slide;
  text.back() = ']';
  text += "}";
  const auto start = std::chrono::steady_clock::now();
  const LoadResult r = ParsePlaylist(text, "big.json");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  MESSAGE("20 MB playlist (" << text.size() << " bytes) parsed and checked in " << ms << " ms");
  // Far more slides than the limit: one clear error, not seconds of layout later.
  CHECK(Messages(r) == std::vector<std::string>{"big.json: error: slides: " +
                                                std::to_string(text.size() / slide.size()) +
                                                " slides, more than the limit of 200"});
  CHECK_FALSE(r.playlist);
  CHECK(ms < 60'000);  // generous: sanitizer builds on slow machines; a hang fails
}

TEST_CASE("ParsePlaylist: limits on slides and characters, each named with the slide") {
  static_assert(config::kMaxSlides == 200 && config::kMaxTextChars == 5000 &&
                config::kMaxPlaylistChars == 100'000);  // the README states them
  auto slides = [](int n, const std::string& slide) {
    std::string out = R"({"slides": [)";
    for (int i = 0; i < n; ++i) out += (i ? "," : "") + slide;
    return out + "]}";
  };
  // At the limits: fine. "ä" is one character though two bytes.
  const std::string at_limit = R"({"text": ")" + std::string(5000, 'a') + R"("})";
  CHECK(Messages(ParsePlaylist(slides(200, R"({"text": "x"})"), "p.json")).empty());
  std::string umlauts;
  for (int i = 0; i < 5000; ++i) umlauts += "ä";
  CHECK(Messages(ParsePlaylist(slides(1, R"({"text": ")" + umlauts + R"("})"), "p.json")).empty());
  CHECK(Messages(ParsePlaylist(slides(20, at_limit), "p.json")).empty());
  // One past each.
  CHECK(Messages(ParsePlaylist(slides(201, R"({"text": "x"})"), "p.json")) ==
        std::vector<std::string>{"p.json: error: slides: 201 slides, more than the limit of 200"});
  const std::string too_long = std::string(5001, 'a');
  CHECK(Messages(ParsePlaylist(slides(1, R"({"kicker": "k", "title": ")" + too_long +
                                             R"(", "text": ")" + too_long + umlauts + R"("})"),
                               "p.json")) ==
        std::vector<std::string>{
            "p.json: error: slides[0].title: 5001 characters, more than the limit of 5000 (split "
            "it into several slides)",
            "p.json: error: slides[0].text: 10001 characters, more than the limit of 5000 (split "
            "it into several slides)"});
  CHECK(Messages(ParsePlaylist(slides(21, at_limit), "p.json")) ==
        std::vector<std::string>{
            "p.json: error: slides: 105000 characters in all, more than the limit of 100000"});
}

}  // namespace
}  // namespace kiosk

// One place for the keys and bounds: validation uses NumberRules() and KnownKeys(); the
// schema for editors must say the same (tests/schema_test.py also runs both on documents).
TEST_CASE("slides/playlist.schema.json has exactly the validator's keys and number bounds") {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/slides/playlist.schema.json");
  REQUIRE(in);
  const nlohmann::json schema = nlohmann::json::parse(in);
  auto properties = [&schema](std::string_view object) -> const nlohmann::json& {
    if (object == "theme") return schema["$defs"]["theme"]["properties"];
    if (object == "slides[]") return schema["$defs"]["slide"]["properties"];
    if (object == "theme.logo") return schema["$defs"]["logo"]["properties"];
    if (object == "slides[].image") return schema["$defs"]["image"]["properties"];
    if (object == "slides[].qr") return schema["$defs"]["qr"]["properties"];
    if (object == "slides[].programme") return schema["$defs"]["programme"]["properties"];
    if (object == "background") return schema["$defs"]["backdrop"]["properties"];
    if (object == "when") return schema["$defs"]["when"]["properties"];
    return schema["properties"];
  };
  const std::string_view objects[] = {
      "",           "theme",          "slides[]",    "theme.logo",
      "background", "slides[].image", "slides[].qr", "slides[].programme",
      "when"};
  for (std::string_view object : objects) {
    CAPTURE(object);
    std::vector<std::string> in_schema;
    for (const auto& [key, value] : properties(object).items()) in_schema.push_back(key);
    std::vector<std::string> known(kiosk::KnownKeys(object).begin(),
                                   kiosk::KnownKeys(object).end());
    std::sort(in_schema.begin(), in_schema.end());
    std::sort(known.begin(), known.end());
    CHECK(in_schema == known);
  }
  for (const kiosk::NumberRule& rule : kiosk::NumberRules()) {
    CAPTURE(rule.object);
    CAPTURE(rule.key);
    const nlohmann::json& p = properties(rule.object)[std::string(rule.key)];
    CHECK(p["type"] == "number");
    const char* min_key = rule.min_exclusive ? "exclusiveMinimum" : "minimum";
    const char* other = rule.min_exclusive ? "minimum" : "exclusiveMinimum";
    REQUIRE(p.contains(min_key));
    CHECK(p[min_key].get<double>() == rule.min);
    CHECK_FALSE(p.contains(other));
    REQUIRE(p.contains("maximum"));
    CHECK(p["maximum"].get<double>() == rule.max);
  }
  // Every number in the schema has a rule.
  std::size_t numbers = 0;
  for (std::string_view object : objects) {
    for (const auto& [key, value] : properties(object).items())
      numbers += value.value("type", "") == "number";
  }
  CHECK(numbers == kiosk::NumberRules().size());
}
