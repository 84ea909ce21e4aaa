#include "cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "control.h"
#include "diagnostics.h"
#include "input.h"
#include "local_time.h"

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
      "\nRemote control of a running kiosk (its control socket; 'kiosk ctl --help'):\n"
      "  kiosk ctl [--socket PATH] next|prev|goto N|pause|resume|black|reload|status|clear\n"
      "  kiosk ctl [--socket PATH] announce TEXT [--for SECONDS]\n"
      "\nExit status: 0 ok, 1 playlist or runtime error, 2 usage error.\n";
  return out;
}

struct App {
  CLI::App app{"kiosk " KIOSK_VERSION " - fullscreen slides from a JSON playlist", "kiosk"};
  Options options;
  std::string size;
  std::string renderer = "auto";
  std::string speed;
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
    app.add_option("--control", options.control,
                   "Listen for `kiosk ctl` on this socket (default $RUNTIME_DIRECTORY/kiosk.sock "
                   "under systemd, else $XDG_RUNTIME_DIR/kiosk.sock)")
        ->type_name("PATH");
    app.add_option("--at", options.at,
                   "Act as if it were this moment: 2015-05-29T10:15 (local time in the "
                   "playlist's timezone, or with +02:00 or Z), for time rules and clock fields")
        ->type_name("TIME");
    app.add_option("--speed", speed, "With --at: simulated time runs N times as fast (1 to 100000)")
        ->type_name("N");
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
  if (a.app.count("--at") > 0) {
    IsoDateTime iso;
    std::string at_error;
    if (!ParseIsoDateTime(result.options.at, &iso, &at_error) || !iso.has_time) {
      result.exit_code = kExitUsage;
      result.output = "kiosk: --at: expected a moment such as 2015-05-29T10:15, got \"" +
                      EchoForUser(result.options.at) + "\"" +
                      (at_error.empty() ? "" : " (" + EchoForUser(at_error) + ")") + "\n" +
                      std::string(kUsageHint);
      return result;
    }
  }
  if (a.app.count("--speed") > 0) {
    const std::string& v = a.speed;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), result.options.speed);
    std::string problem;
    if (a.app.count("--at") == 0) {
      problem = "only goes with --at";
    } else if (v.empty() || ec != std::errc() || end != v.data() + v.size() ||
               !(result.options.speed >= 1 && result.options.speed <= 100000)) {
      problem = "expected a number from 1 to 100000, got \"" + EchoForUser(v) + "\"";
    }
    if (!problem.empty()) {
      result.exit_code = kExitUsage;
      result.output = "kiosk: --speed: " + problem + "\n" + std::string(kUsageHint);
      return result;
    }
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

std::string CtlHelpText() {
  return "kiosk ctl - steer a running kiosk through its control socket\n"
         "Usage: kiosk ctl [--socket PATH] COMMAND [ARGS]\n"
         "\n"
         "Commands:\n"
         "  next, prev        the next or previous slide\n"
         "  goto N            slide N (1 is the first)\n"
         "  pause, resume     stop the timer; resume also ends a black screen\n"
         "  black             black screen (until resume)\n"
         "  reload            read the playlist again\n"
         "  status            the show's state as JSON\n"
         "  announce TEXT [--for SECONDS]\n"
         "                    show TEXT over the slides (until clear, or for SECONDS)\n"
         "  clear             end the announcement\n"
         "\n"
         "Options:\n"
         "  --socket PATH     the kiosk's socket (default $XDG_RUNTIME_DIR/kiosk.sock if it\n"
         "                    exists, else /run/kiosk/kiosk.sock, the systemd unit's)\n"
         "\n"
         "Prints kiosk's reply, one line of JSON.\n"
         "Exit status: 0 ok, 1 kiosk answered with an error, 2 usage or connection error.\n";
}

CtlCommandLine ParseCtlCommandLine(int argc, const char* const* argv) {
  CtlCommandLine result;
  auto usage = [&result](const std::string& message) {
    result.exit_code = kExitUsage;
    result.output = "kiosk ctl: " + message + "\nRun 'kiosk ctl --help' for usage.\n";
    return result;
  };
  std::vector<std::string> words;
  std::optional<std::string> for_seconds;
  bool options_end = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const std::string& name, std::string* out) {
      if (arg.starts_with(name + "=")) {
        *out = arg.substr(name.size() + 1);
        return true;
      }
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    if (options_end || arg == "-" || !arg.starts_with("-")) {
      words.push_back(arg);
    } else if (arg == "--") {
      options_end = true;
    } else if (arg == "-h" || arg == "--help") {
      result.exit_code = kExitOk;
      result.output = CtlHelpText();
      return result;
    } else if (arg == "--socket" || arg.starts_with("--socket=")) {
      if (!value("--socket", &result.socket) || result.socket.empty()) {
        return usage("--socket needs a path");
      }
    } else if (arg == "--for" || arg.starts_with("--for=")) {
      std::string v;
      if (!value("--for", &v)) return usage("--for needs a number of seconds");
      for_seconds = v;
    } else {
      return usage("unknown option \"" + EchoForUser(arg) + "\"");
    }
  }
  if (words.empty()) return usage("a command is missing");
  const std::string command = words[0];
  const auto names = ControlCommandNames();
  if (std::find(names.begin(), names.end(), command) == names.end()) {
    return usage("unknown command \"" + EchoForUser(command) + "\"");
  }
  if (for_seconds && command != "announce") return usage("--for goes with announce only");
  nlohmann::ordered_json request;
  request["cmd"] = command;
  if (command == "goto") {
    long long n = 0;
    const std::string& w = words.size() == 2 ? words[1] : "";
    const auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), n);
    if (words.size() != 2 || w.empty() || ec != std::errc() || end != w.data() + w.size()) {
      return usage("goto needs one slide number, e.g. kiosk ctl goto 3");
    }
    request["slide"] = n;
  } else if (command == "announce") {
    if (words.size() < 2) return usage("announce needs a text, e.g. kiosk ctl announce 'Raum B'");
    std::string text = words[1];
    for (std::size_t i = 2; i < words.size(); ++i) text += " " + words[i];
    request["text"] = text;
    if (for_seconds) {
      double seconds = 0;
      const std::string& v = *for_seconds;
      const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
      if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
        return usage("--for needs a number of seconds, got \"" + EchoForUser(v) + "\"");
      }
      request["for"] = seconds;
    }
  } else if (words.size() > 1) {
    return usage(command + " takes no argument");
  }
  // A text that is not UTF-8 is sent as U+FFFD rather than refused here: kiosk checks it.
  result.request = request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return result;
}

}  // namespace kiosk
