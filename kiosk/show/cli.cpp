#include "cli.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdlib>

#include "diagnostics.h"
#include "input.h"

namespace kiosk {
namespace {

constexpr std::string_view kUsageHint = "Run 'kiosk --help' for usage.\n";

// --size: 8K UHD at most, so a typo cannot make --render draw for minutes in gigabytes
// (16384x16384 took minutes and 1.8 GB).
constexpr int kMinSide = 16;
constexpr int kMaxSide = 7680;
constexpr long long kMaxArea = 7680LL * 4320;
constexpr const char* kSizeLimits = "each side from 16 to 7680 pixels and at most 7680x4320 in all";

std::string Footer() {
  std::string out = "\nKeys:\n";
  for (const KeyHelp& k : KeyHelpTable()) {
    std::string keys(k.keys);
    keys.resize(std::max<std::size_t>(keys.size(), 38), ' ');
    out += "  " + keys + " " + std::string(k.action) + "\n";
  }
  out +=
      "\nPLAYLIST defaults to the bundled resolution (slides/resolution.json).\n"
      "\nExit status: 0 ok, 1 playlist or runtime error, 2 usage error.\n";
  return out;
}

struct App {
  CLI::App app{"kiosk " KIOSK_VERSION " - fullscreen slides from a JSON playlist", "kiosk"};
  Options options;
  std::string size;
  std::string renderer = "auto";
  bool check = false;

  App() {
    app.set_version_flag("--version", "kiosk " KIOSK_VERSION);
    app.add_option("PLAYLIST", options.playlist, "Playlist JSON file")->type_name("");
    app.add_flag("--check", check, "Validate PLAYLIST, print every problem, exit 1 on errors");
    app.add_flag("--json", options.json, "With --check: print the report as JSON");
    app.add_option("--render", options.render_dir,
                   "Write each slide to DIR/slide-001.png ... without a display")
        ->type_name("DIR");
    app.add_option("--size", size,
                   "Window or picture size, e.g. 1280x720 (each side 16 to 7680, at most "
                   "7680x4320 in all); with --check: report every slide's text size at that "
                   "screen size")
        ->type_name("WxH");
    app.add_flag("--windowed", options.windowed, "Show in a window instead of fullscreen");
    // Not CLI11's envname(): its "(Env:...)" note breaks the help's columns.
    app.add_option("--rotate", options.rotate,
                   "Turn the picture clockwise: 0, 90, 180 or 270 (default $KIOSK_ROTATE)")
        ->type_name("DEG");
    app.add_option("--renderer", renderer,
                   "auto (GPU on a console or with /dev/dri/renderD*, else software), gpu "
                   "or software")
        ->type_name("WHICH");
    app.footer(Footer());
    app.get_formatter()->column_width(26);
  }
};

}  // namespace

bool ParseSize(const std::string& text, int* w, int* h, std::string* why) {
  auto fail = [why](const char* message) {
    if (why) *why = message;
    return false;
  };
  const auto x = text.find_first_of("xX");
  if (x == std::string::npos) return fail("expected WxH such as 1920x1080");
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [p1, e1] = std::from_chars(begin, begin + x, *w);
  auto [p2, e2] = std::from_chars(begin + x + 1, end, *h);
  if (e1 == std::errc::result_out_of_range || e2 == std::errc::result_out_of_range) {
    return fail(kSizeLimits);
  }
  if (e1 != std::errc() || e2 != std::errc() || p1 != begin + x || p2 != end || *w <= 0 ||
      *h <= 0) {
    return fail("expected WxH such as 1920x1080");
  }
  if (*w < kMinSide || *h < kMinSide || *w > kMaxSide || *h > kMaxSide ||
      static_cast<long long>(*w) * *h > kMaxArea) {
    return fail(kSizeLimits);
  }
  return true;
}

std::string HelpText() {
  App a;
  return a.app.help();
}

CommandLine ParseCommandLine(int argc, const char* const* argv) {
  App a;
  CommandLine result;
  try {
    a.app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    result.exit_code = kExitOk;
    result.output = a.app.help();
    return result;
  } catch (const CLI::CallForVersion& e) {
    result.exit_code = kExitOk;
    result.output = std::string(e.what()) + "\n";
    return result;
  } catch (const CLI::ParseError& e) {
    result.exit_code = kExitUsage;
    result.output = std::string("kiosk: ") + e.what() + "\n" + std::string(kUsageHint);
    return result;
  }
  result.options = a.options;
  if (const char* env = std::getenv("KIOSK_ROTATE"); env && *env && a.app.count("--rotate") == 0) {
    const std::string_view text(env);
    const auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), result.options.rotate);
    if (ec != std::errc() || end != text.data() + text.size()) result.options.rotate = -1;
  }
  if (a.app.count("PLAYLIST") > 0 && result.options.playlist.empty()) {
    result.exit_code = kExitUsage;
    result.output = "kiosk: PLAYLIST is an empty string: leave it out for the bundled playlist\n" +
                    std::string(kUsageHint);
    return result;
  }
  std::string why;
  if (a.app.count("--size") > 0 &&
      !ParseSize(a.size, &result.options.width, &result.options.height, &why)) {
    result.exit_code = kExitUsage;
    result.output = "kiosk: --size: " + why + ", got \"" + EchoForUser(a.size) + "\"\n" +
                    std::string(kUsageHint);
    return result;
  }
  if (result.options.rotate % 90 != 0 || result.options.rotate < 0 || result.options.rotate > 270) {
    result.exit_code = kExitUsage;
    result.output =
        std::string(a.app.count("--rotate") > 0 ? "kiosk: --rotate" : "kiosk: KIOSK_ROTATE") +
        ": expected 0, 90, 180 or 270\n" + std::string(kUsageHint);
    return result;
  }
  if (a.renderer == "gpu") {
    result.options.renderer = RendererChoice::kGpu;
  } else if (a.renderer == "software") {
    result.options.renderer = RendererChoice::kSoftware;
  } else if (a.renderer != "auto") {
    result.exit_code = kExitUsage;
    result.output = "kiosk: --renderer: expected auto, gpu or software, got \"" + a.renderer +
                    "\"\n" + std::string(kUsageHint);
    return result;
  }
  if (a.check && a.app.count("--render") > 0) {
    result.exit_code = kExitUsage;
    result.output =
        "kiosk: --check and --render cannot be used together\n" + std::string(kUsageHint);
    return result;
  }
  if (result.options.json && !a.check) {
    result.exit_code = kExitUsage;
    result.output = "kiosk: --json only goes with --check\n" + std::string(kUsageHint);
    return result;
  }
  if (a.check) result.options.mode = Mode::kCheck;
  if (a.app.count("--render") > 0) {
    if (result.options.render_dir.empty()) {
      result.exit_code = kExitUsage;
      result.output = "kiosk: --render needs a directory\n" + std::string(kUsageHint);
      return result;
    }
    result.options.mode = Mode::kRender;
  }
  return result;
}

}  // namespace kiosk
