#include "cli.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "input.h"

namespace kiosk {
namespace {

CommandLine Parse(std::initializer_list<const char*> args) {
  std::vector<const char*> argv = {"kiosk"};
  argv.insert(argv.end(), args.begin(), args.end());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

CommandLine Parse(const std::vector<const char*>& args) {
  std::vector<const char*> argv = {"kiosk"};
  argv.insert(argv.end(), args.begin(), args.end());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_CASE("ParseCommandLine: defaults") {
  const CommandLine cl = Parse({});
  CHECK(cl.exit_code == -1);
  CHECK(cl.output == "");
  CHECK(cl.options.mode == Mode::kShow);
  CHECK(cl.options.playlist == "");
  CHECK(cl.options.render_dir == "");
  CHECK(cl.options.width == 0);
  CHECK(cl.options.height == 0);
  CHECK_FALSE(cl.options.windowed);
  CHECK(cl.options.rotate == 0);
  CHECK(cl.options.renderer == RendererChoice::kAuto);
}

TEST_CASE("ParseCommandLine: options") {
  SUBCASE("PLAYLIST") {
    const CommandLine cl = Parse({"shows/p.json"});
    CHECK(cl.exit_code == -1);
    CHECK(cl.options.mode == Mode::kShow);
    CHECK(cl.options.playlist == "shows/p.json");
  }
  SUBCASE("--check") {
    const CommandLine cl = Parse({"--check", "p.json"});
    CHECK(cl.exit_code == -1);
    CHECK(cl.options.mode == Mode::kCheck);
    CHECK(cl.options.playlist == "p.json");
  }
  SUBCASE("--render DIR") {
    const CommandLine cl = Parse({"--render", "out", "p.json"});
    CHECK(cl.exit_code == -1);
    CHECK(cl.options.mode == Mode::kRender);
    CHECK(cl.options.render_dir == "out");
    CHECK(cl.options.playlist == "p.json");
  }
  SUBCASE("--size and --windowed") {
    const CommandLine cl = Parse({"--size", "1280x720", "--windowed"});
    CHECK(cl.exit_code == -1);
    CHECK(cl.options.mode == Mode::kShow);
    CHECK(cl.options.width == 1280);
    CHECK(cl.options.height == 720);
    CHECK(cl.options.windowed);
  }
}

TEST_CASE("ParseCommandLine: --at and --speed") {
  CommandLine cl = Parse({"--at", "2015-05-29T10:15", "--speed", "60", "p.json"});
  CHECK(cl.exit_code == -1);
  CHECK(cl.options.at == "2015-05-29T10:15");
  CHECK(cl.options.speed == 60);
  CHECK(Parse({"--at", "2015-05-29T10:15+02:00", "--check", "p.json"}).exit_code == -1);
  CHECK(Parse({"--at", "2015-05-29T10:15"}).options.speed == 1);
  for (const auto& args :
       std::vector<std::vector<const char*>>{{"--at", "2015-05-29"},  // a moment, not a day
                                             {"--at", "2015-05-29T25:00"},
                                             {"--at", "tomorrow"},
                                             {"--speed", "10"},  // only with --at
                                             {"--at", "2015-05-29T10:15", "--speed", "0"},
                                             {"--at", "2015-05-29T10:15", "--speed", "100001"},
                                             {"--at", "2015-05-29T10:15", "--speed", "fast"}}) {
    const CommandLine bad = Parse(args);
    CHECK(bad.exit_code == kExitUsage);
    CHECK(bad.output.find("kiosk: --") == 0);
  }
}

TEST_CASE("ParseCommandLine: --help") {
  const CommandLine cl = Parse({"--help"});
  CHECK(cl.exit_code == kExitOk);
  CHECK(cl.output == HelpText());
  for (const char* option : {"PLAYLIST", "--check", "--render", "--size", "--windowed", "--rotate",
                             "--renderer", "--version", "--help"}) {
    CAPTURE(option);
    CHECK(Contains(cl.output, option));
  }
  REQUIRE(KeyHelpTable().size() > 0);
  for (const KeyHelp& k : KeyHelpTable()) {
    CAPTURE(std::string(k.keys));
    CHECK(Contains(cl.output, k.keys));
    CHECK(Contains(cl.output, k.action));
  }
  CHECK(Contains(cl.output, "Exit status: 0 ok, 1 playlist or runtime error, 2 usage error."));
  CHECK(Parse({"-h"}).output == cl.output);
}

TEST_CASE("ParseCommandLine: --version") {
  const CommandLine cl = Parse({"--version"});
  CHECK(cl.exit_code == kExitOk);
  CHECK(cl.output.rfind("kiosk ", 0) == 0);
  CHECK(cl.output.back() == '\n');
  CHECK(cl.output.find_first_of("0123456789") != std::string::npos);
}

// CLI11 words its own errors; only the parts kiosk adds are asserted exactly.
TEST_CASE("ParseCommandLine: usage errors exit 2") {
  struct Case {
    std::vector<const char*> args;
    std::string mentions;
  };
  const Case cases[] = {
      {{"--bogus"}, "--bogus"},   {{"-x"}, "-x"},         {{"a.json", "b.json"}, "b.json"},
      {{"--render"}, "--render"}, {{"--size"}, "--size"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.mentions);
    std::vector<const char*> argv = {"kiosk"};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const CommandLine cl = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
    CHECK(cl.exit_code == kExitUsage);
    CHECK(cl.output.rfind("kiosk: ", 0) == 0);
    CHECK(Contains(cl.output, c.mentions));
    CHECK(Contains(cl.output, "\nRun 'kiosk --help' for usage.\n"));
  }
}

TEST_CASE("ParseCommandLine: bad --size exits 2") {
  for (std::string size : {"1280", "0x0", "axb", "1280x720x3", "x", "1280x"}) {
    CAPTURE(size);
    const CommandLine cl = Parse({"--size", size.c_str()});
    CHECK(cl.exit_code == kExitUsage);
    CHECK(cl.output == "kiosk: --size: expected WxH such as 1920x1080, got \"" + size +
                           "\"\nRun 'kiosk --help' for usage.\n");
  }
}

TEST_CASE("ParseCommandLine: --size beyond 7680 a side or 7680x4320 in all exits 2") {
  for (std::string size : {"16384x16384", "7681x100", "7680x4321", "5000x7000"}) {
    CAPTURE(size);
    const CommandLine cl = Parse({"--render", "out", "--size", size.c_str()});
    CHECK(cl.exit_code == kExitUsage);
    CHECK(cl.output ==
          "kiosk: --size: each side from 16 to 7680 pixels and at most 7680x4320 "
          "in all, got \"" +
              size + "\"\nRun 'kiosk --help' for usage.\n");
  }
  CHECK(Parse({"--size", "7680x4320"}).exit_code == -1);
}

// "kiosk --check $PLAYLIST" with PLAYLIST unset must not check the bundled playlist.
TEST_CASE("ParseCommandLine: an empty PLAYLIST exits 2 in every mode") {
  const std::vector<std::vector<const char*>> cases = {{""},
                                                       {"--check", ""},
                                                       {"--check", "--json", ""},
                                                       {"--render", "out", ""},
                                                       {"--windowed", ""}};
  for (const auto& args : cases) {
    CAPTURE(args.size());
    const CommandLine cl = Parse(args);
    CHECK(cl.exit_code == kExitUsage);
    CHECK(cl.output ==
          "kiosk: PLAYLIST is an empty string: leave it out for the bundled "
          "playlist\nRun 'kiosk --help' for usage.\n");
  }
  CHECK(Parse({"--check"}).exit_code == -1);  // left out: the bundled playlist
}

// An empty value (say, an unset variable in a unit file) must not mean "native size".
TEST_CASE("ParseCommandLine: empty --size or --render exits 2") {
  CHECK(Parse({"--render", ""}).exit_code == kExitUsage);
  const CommandLine cl = Parse({"--size", ""});
  CHECK(cl.exit_code == kExitUsage);
}

TEST_CASE("ParseCommandLine: --check with --render exits 2") {
  for (const auto& args : {std::vector<const char*>{"--check", "--render", "out", "p.json"},
                           std::vector<const char*>{"--render", "out", "--check"}}) {
    std::vector<const char*> argv = {"kiosk"};
    argv.insert(argv.end(), args.begin(), args.end());
    const CommandLine cl = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
    CHECK(cl.exit_code == kExitUsage);
    CHECK(cl.output ==
          "kiosk: --check and --render cannot be used together\nRun 'kiosk --help' for usage.\n");
  }
}

// The unit sets KIOSK_ROTATE from /etc/default/kiosk; the option wins over it.
TEST_CASE("ParseCommandLine: --renderer") {
  CHECK(Parse({"--renderer", "auto"}).options.renderer == RendererChoice::kAuto);
  CHECK(Parse({"--renderer", "gpu"}).options.renderer == RendererChoice::kGpu);
  CHECK(Parse({"--renderer", "software"}).options.renderer == RendererChoice::kSoftware);
  const CommandLine cl = Parse({"--renderer", "opengl"});
  CHECK(cl.exit_code == kExitUsage);
  CHECK(cl.output ==
        "kiosk: --renderer: expected auto, gpu or software, got \"opengl\"\n"
        "Run 'kiosk --help' for usage.\n");
}

TEST_CASE("ParseCommandLine: --rotate and KIOSK_ROTATE") {
  unsetenv("KIOSK_ROTATE");
  for (const char* deg : {"0", "90", "180", "270"}) {
    CAPTURE(deg);
    const CommandLine cl = Parse({"--rotate", deg});
    CHECK(cl.exit_code == -1);
    CHECK(cl.options.rotate == std::stoi(deg));
  }
  for (const char* deg : {"45", "-90", "360", "1"}) {
    CAPTURE(deg);
    const CommandLine cl = Parse({"--rotate", deg});
    CHECK(cl.exit_code == kExitUsage);
    CHECK(cl.output ==
          "kiosk: --rotate: expected 0, 90, 180 or 270\nRun 'kiosk --help' for usage.\n");
  }
  CHECK(Parse({"--rotate", "ninety"}).exit_code == kExitUsage);
  setenv("KIOSK_ROTATE", "180", 1);
  CHECK(Parse({}).options.rotate == 180);
  CHECK(Parse({"--rotate", "90"}).options.rotate == 90);
  setenv("KIOSK_ROTATE", "", 1);
  CHECK(Parse({}).options.rotate == 0);
  for (const char* bad : {"sideways", "90 ", "45"}) {
    CAPTURE(bad);
    setenv("KIOSK_ROTATE", bad, 1);
    const CommandLine cl = Parse({});
    CHECK(cl.exit_code == kExitUsage);
    CHECK(cl.output ==
          "kiosk: KIOSK_ROTATE: expected 0, 90, 180 or 270\nRun 'kiosk --help' for usage.\n");
  }
  unsetenv("KIOSK_ROTATE");
}

TEST_CASE("ParseSize") {
  struct Case {
    const char* text;
    bool ok;
    int w, h;
  };
  const Case cases[] = {
      {"1920x1080", true, 1920, 1080},
      {"1280X720", true, 1280, 720},
      {"16x16", true, 16, 16},
      {"7680x4320", true, 7680, 4320},
      {"4320x7680", true, 4320, 7680},  // portrait, same area
      {"16x7680", true, 16, 7680},
      {"7680x4321", false, 0, 0},  // more than 7680x4320 in all
      {"7680x7680", false, 0, 0},
      {"7681x16", false, 0, 0},
      {"16384x16384", false, 0, 0},
      {"0800x0600", true, 800, 600},
      {"15x16", false, 0, 0},
      {"16x15", false, 0, 0},
      {"16385x100", false, 0, 0},
      {"100x16385", false, 0, 0},
      {"99999x10", false, 0, 0},
      {"99999999999x100", false, 0, 0},
      {"0x0", false, 0, 0},
      {"-1280x720", false, 0, 0},
      {"+1280x720", false, 0, 0},
      {"1280x-720", false, 0, 0},
      {"1280", false, 0, 0},
      {"1280x720x3", false, 0, 0},
      {"axb", false, 0, 0},
      {"x720", false, 0, 0},
      {"1280x", false, 0, 0},
      {"", false, 0, 0},
      {" 1280x720", false, 0, 0},
      {"1280 x 720", false, 0, 0},
      {"1280x720 ", false, 0, 0},
      {"1280.5x720", false, 0, 0},
      {"1280*720", false, 0, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.text));
    int w = -1;
    int h = -1;
    CHECK(ParseSize(c.text, &w, &h) == c.ok);
    if (c.ok) {
      CHECK(w == c.w);
      CHECK(h == c.h);
    }
  }
}

}  // namespace
}  // namespace kiosk

namespace {

kiosk::CtlCommandLine Ctl(std::vector<const char*> args) {
  args.insert(args.begin(), "ctl");
  return kiosk::ParseCtlCommandLine(static_cast<int>(args.size()), args.data());
}

}  // namespace

TEST_CASE("kiosk ctl: each command becomes one JSON request line") {
  struct Case {
    std::vector<const char*> args;
    const char* request;
    const char* socket;
  };
  const Case cases[] = {
      {{"next"}, R"({"cmd":"next"})", ""},
      {{"prev"}, R"({"cmd":"prev"})", ""},
      {{"goto", "3"}, R"({"cmd":"goto","slide":3})", ""},
      {{"pause"}, R"({"cmd":"pause"})", ""},
      {{"resume"}, R"({"cmd":"resume"})", ""},
      {{"black"}, R"({"cmd":"black"})", ""},
      {{"reload"}, R"({"cmd":"reload"})", ""},
      {{"status"}, R"({"cmd":"status"})", ""},
      {{"clear"}, R"({"cmd":"clear"})", ""},
      {{"announce", "Workshop 3 jetzt in Raum B"},
       R"({"cmd":"announce","text":"Workshop 3 jetzt in Raum B"})",
       ""},
      {{"announce", "Workshop", "3", "--for", "300"},
       R"({"cmd":"announce","text":"Workshop 3","for":300.0})",
       ""},
      {{"announce", "--for=1.5", "--", "-x-"}, R"({"cmd":"announce","text":"-x-","for":1.5})", ""},
      {{"announce", "\"quoted\"\n"}, R"({"cmd":"announce","text":"\"quoted\"\n"})", ""},
      {{"--socket", "/tmp/k.sock", "next"}, R"({"cmd":"next"})", "/tmp/k.sock"},
      {{"status", "--socket=/tmp/k.sock"}, R"({"cmd":"status"})", "/tmp/k.sock"},
      // Out of range is kiosk's to say (it knows the number of slides): exit status 1.
      {{"goto", "99"}, R"({"cmd":"goto","slide":99})", ""},
  };
  for (const Case& c : cases) {
    const kiosk::CtlCommandLine cl = Ctl(c.args);
    CAPTURE(c.request);
    CHECK(cl.exit_code == -1);
    CHECK(cl.output == "");
    CHECK(cl.request == c.request);
    CHECK(cl.socket == c.socket);
  }
}

TEST_CASE("kiosk ctl: usage errors exit 2 with a clear message") {
  struct Case {
    std::vector<const char*> args;
    const char* message;
  };
  const Case cases[] = {
      {{}, "a command is missing"},
      {{"jump"}, "unknown command \"jump\""},
      {{"\x1b[2J"}, "unknown command \"\\x1b[2J\""},
      {{"next", "2"}, "next takes no argument"},
      {{"goto"}, "goto needs one slide number, e.g. kiosk ctl goto 3"},
      {{"goto", "x"}, "goto needs one slide number, e.g. kiosk ctl goto 3"},
      {{"goto", "3", "4"}, "goto needs one slide number, e.g. kiosk ctl goto 3"},
      {{"announce"}, "announce needs a text, e.g. kiosk ctl announce 'Raum B'"},
      {{"announce", "x", "--for", "soon"}, "--for needs a number of seconds, got \"soon\""},
      {{"announce", "x", "--for"}, "--for needs a number of seconds"},
      {{"next", "--for", "3"}, "--for goes with announce only"},
      {{"--socket"}, "--socket needs a path"},
      {{"--socket="}, "--socket needs a path"},
      {{"--sock", "x", "next"}, "unknown option \"--sock\""},
  };
  for (const Case& c : cases) {
    const kiosk::CtlCommandLine cl = Ctl(c.args);
    CAPTURE(c.message);
    CHECK(cl.exit_code == kiosk::kExitUsage);
    CHECK(cl.output ==
          "kiosk ctl: " + std::string(c.message) + "\nRun 'kiosk ctl --help' for usage.\n");
  }
  const kiosk::CtlCommandLine help = Ctl({"--help"});
  CHECK(help.exit_code == kiosk::kExitOk);
  CHECK(help.output == kiosk::CtlHelpText());
}
