// Command-line parsing (CLI11) into plain Options; main() acts on them.
#pragma once

#include <string>

namespace kiosk {

enum class Mode { kShow, kCheck, kRender };

// --renderer: kAuto draws with the GPU on a console (KMSDRM) and on a desktop only when a
// GPU render node (/dev/dri/renderD*) exists; otherwise with SDL's software renderer, which
// on X11 also keeps Mesa's llvmpipe (about 60 MiB) out of the process.
enum class RendererChoice { kAuto, kGpu, kSoftware };

struct Options {
  Mode mode = Mode::kShow;
  std::string playlist;    // empty: the bundled resolution
  std::string render_dir;  // --render DIR
  int width = 0;           // --size WxH; 0 = native (show) or 1920x1080 (render)
  int height = 0;
  bool windowed = false;
  bool json = false;  // --check --json: the report as JSON on stdout
  int rotate = 0;     // --rotate DEG (or $KIOSK_ROTATE): 0, 90, 180 or 270
  RendererChoice renderer = RendererChoice::kAuto;  // --renderer auto|gpu|software
  std::string control;  // --control PATH: the control socket; empty: DefaultControlPath
  std::string at;       // --at 2015-05-29T10:15: act as if it were then (local time); "" = now
  double speed = 1;     // --speed N: with --at, simulated time runs N times as fast
};

// Exit codes, as documented in --help and the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;  // playlist or runtime error
inline constexpr int kExitUsage = 2;

struct CommandLine {
  Options options;
  int exit_code = -1;  // >= 0: print `output` (to stdout if 0, else stderr) and exit
  std::string output;
};

CommandLine ParseCommandLine(int argc, const char* const* argv);

// "1920x1080" -> 1920, 1080. Each side from 16 to 7680, at most 7680x4320 pixels in all;
// `why`, if given, says what is wrong otherwise.
bool ParseSize(const std::string& text, int* w, int* h, std::string* why = nullptr);

std::string HelpText();

// `kiosk ctl [--socket PATH] COMMAND [ARGS]` (argv[0] is "ctl"): the request line to send.
struct CtlCommandLine {
  std::string socket;   // --socket PATH; empty: DefaultCtlPath
  std::string request;  // one line of JSON, e.g. {"cmd":"goto","slide":3}
  int exit_code = -1;   // >= 0: print `output` (to stdout if 0, else stderr) and exit
  std::string output;
};

CtlCommandLine ParseCtlCommandLine(int argc, const char* const* argv);
std::string CtlHelpText();

}  // namespace kiosk
