// kiosk: fullscreen slides from a JSON playlist. See README.md.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string_view>

#include "check.h"
#include "cli.h"
#include "control_socket.h"
#include "data_dir.h"
#include "diagnostics.h"
#include "sdl_app.h"
#include "sdl_signals.h"
#include "service.h"

namespace {

// `kiosk ctl ...`: one request to a running kiosk, its reply on stdout.
int RunCtl(int argc, const char* const* argv) {
  const kiosk::CtlCommandLine cl = kiosk::ParseCtlCommandLine(argc, argv);
  if (cl.exit_code >= 0) {
    (cl.exit_code == 0 ? std::cout : std::cerr) << cl.output;
    return cl.exit_code;
  }
  const std::string path = cl.socket.empty() ? kiosk::DefaultCtlPath(std::getenv) : cl.socket;
  std::string reply;
  std::string error;
  constexpr int kTimeoutMs = 10'000;  // a reload of a large playlist takes a few seconds
  if (!kiosk::ControlCall(path, cl.request, kTimeoutMs, &reply, &error)) {
    std::cerr << "kiosk ctl: " << kiosk::EchoForUser(error, 400) << "\n";
    return kiosk::kExitUsage;
  }
  const auto j = nlohmann::json::parse(reply, nullptr, false);
  if (!j.is_object() || !j.contains("ok") || !j["ok"].is_boolean()) {
    std::cerr << "kiosk ctl: not a reply of kiosk's: " << kiosk::EchoForUser(reply) << "\n";
    return kiosk::kExitUsage;
  }
  std::cout << reply << "\n";
  return j["ok"].get<bool>() ? kiosk::kExitOk : kiosk::kExitError;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "ctl") return RunCtl(argc - 1, argv + 1);
  // Before anything else (no thread runs yet; all inherit the mask).
  kiosk::HoldShowSignals();
  // Process start as the kernel saw it (exec), so the dynamic loader and static
  // initialisers count too; main's entry if /proc/self/stat says nothing.
  const auto started = std::chrono::steady_clock::now() - kiosk::ProcessAge();
  const kiosk::CommandLine cl = kiosk::ParseCommandLine(argc, argv);
  if (cl.exit_code >= 0) {
    (cl.exit_code == 0 ? std::cout : std::cerr) << cl.output;
    return cl.exit_code;
  }
  const kiosk::Options& options = cl.options;
  if (options.mode != kiosk::Mode::kShow) kiosk::ReleaseShowSignals();
  std::string playlist = options.playlist;
  if (playlist.empty()) {
    playlist = kiosk::FindDataFile("slides/resolution.json");
    if (playlist.empty()) {
      std::cerr << "kiosk: the bundled playlist slides/resolution.json was not found (looked in";
      for (const std::string& dir : kiosk::DataDirs()) std::cerr << ' ' << dir;
      std::cerr << "); name a playlist or set KIOSK_DATA_DIR\n";
      return kiosk::kExitError;
    }
  }
  switch (options.mode) {
    case kiosk::Mode::kCheck: {
      kiosk::RealFileSystem fs;
      kiosk::CheckOptions check;
      check.json = options.json;
      check.width = options.width;
      check.height = options.height;
      check.at = options.at;
      check.fit = kiosk::FitWithRealFonts;
      return kiosk::CheckPlaylist(playlist, fs, std::cout, std::cerr, check);
    }
    case kiosk::Mode::kRender:
      return kiosk::RenderSlides(options, playlist);
    case kiosk::Mode::kShow:
      return kiosk::RunShow(options, playlist, started);
  }
  return kiosk::kExitError;
}
