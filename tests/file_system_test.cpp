#include "file_system.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

TEST_CASE("RealFileSystem reads files and says why it cannot") {
  const fs::path dir = fs::temp_directory_path() / ("kiosk-fs-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "p.json") << "{\"slides\": []}";
  kiosk::RealFileSystem real;
  std::string text;
  std::string error;
  CHECK(real.ReadFile((dir / "p.json").string(), &text, &error));
  CHECK(text == "{\"slides\": []}");
  CHECK(real.IsReadableFile((dir / "p.json").string()));

  CHECK_FALSE(real.ReadFile((dir / "missing.json").string(), &text, &error));
  CHECK(error == "No such file or directory");
  CHECK_FALSE(real.ReadFile(dir.string(), &text, &error));
  CHECK(error == "is a directory");
  CHECK_FALSE(real.IsReadableFile(dir.string()));
  fs::remove_all(dir);
}
