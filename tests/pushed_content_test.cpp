// Playlists pushed over MQTT: which one shows, and reading one from memory like a file.
#include "pushed_content.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "content.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kiosk-pushed-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() { fs::remove_all(path); }
};

TEST_CASE(
    "a pushed playlist loads like a file; its pictures and fonts resolve beside the "
    "local playlist; its errors name the topic") {
  TempDir dir;
  const std::string local = (dir.path / "playlist.json").string();
  std::vector<std::string> problems;
  std::optional<Content> c =
      LoadContentText(R"({"lang": "zz", "slides": [{"text": "a", "image": "logo.png"}]})",
                      "kiosk/all/playlist", local, &problems);
  REQUIRE(c);
  REQUIRE(c->playlist.slides.size() == 1);
  REQUIRE(c->playlist.slides[0].image);
  CHECK(c->playlist.slides[0].image->picture.file == (dir.path / "logo.png").string());
  problems.clear();
  CHECK_FALSE(
      LoadContentText(R"({"slides": [{"text": 5}]})", "kiosk/all/playlist", local, &problems));
  REQUIRE_FALSE(problems.empty());
  CHECK(problems[0].rfind("kiosk/all/playlist:", 0) == 0);
  for (const std::string& p : problems) CHECK(p.find(".pushed") == std::string::npos);
}

struct CountingSource : ContentSource {
  int loads = 0;
  std::optional<Content> Load(const std::string&, std::vector<std::string>* problems,
                              std::string*) override {
    ++loads;
    problems->push_back("disk");
    return std::nullopt;
  }
  std::optional<Content> ErrorScreen(const std::string&, const std::vector<std::string>&) override {
    return std::nullopt;
  }
};

TEST_CASE("PushedContent reads the pushed playlist in use, else the disk's") {
  CountingSource disk;
  PushedContent source(disk);
  std::vector<std::string> problems;
  std::string font;
  CHECK_FALSE(source.Load("/nowhere/p.json", &problems, &font));
  CHECK(disk.loads == 1);
  source.Use(PushedPlaylist{"kiosk/all/playlist", R"({"lang": "zz", "slides": [{"text": "x"}]})"});
  problems.clear();
  CHECK(source.Load("/nowhere/p.json", &problems, &font));
  CHECK(disk.loads == 1);
  source.Use(std::nullopt);
  CHECK_FALSE(source.Load("/nowhere/p.json", &problems, &font));
  CHECK(disk.loads == 2);
}

}  // namespace
}  // namespace kiosk
