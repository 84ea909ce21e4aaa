// --check and LoadContent on pictures: every kind of bad file named with its problem, the
// sizes and memory at a screen size, and the contrast warning.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include "check.h"
#include "content.h"
#include "fake_file_system.h"
#include "fake_measurer.h"
#include "picture_maker.h"
#include "pictures.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

const std::string kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

std::string Picture(testing::PictureSpec spec) {
  std::string bytes;
  std::string error;
  REQUIRE_MESSAGE(testing::MakePicture(spec, &bytes, &error), error);
  return bytes;
}

void Write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// A scratch directory with a playlist whose slides show `images` (one a slide).
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("kiosk-check-pictures-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string Playlist(const std::vector<std::string>& images, const std::string& extra = "") {
    std::string json = R"({"theme": {"font_file": ")" + kFont + "\"" + extra + R"(}, "slides": [)";
    for (std::size_t i = 0; i < images.size(); ++i) {
      json += std::string(i ? ", " : "") + R"({"text": "t", "image": ")" + images[i] + "\"}";
    }
    const std::string path = (dir / "p.json").string();
    Write(path, json + "]}");
    return path;
  }
};

// The FakeMeasurer stands in for the real fonts (the SDL edge gives those).
std::vector<SlideFit> FakeFit(const kiosk::Playlist& p, const FontFiles&, const PictureSizes& s,
                              int w, int h) {
  testing::FakeMeasurer m;
  return FitSlides(p, w, h, m, nullptr, s);
}

TEST_CASE("--check: every bad picture is an error naming the file and the problem") {
  Scratch scratch;
  const fs::path& d = scratch.dir;
  Write(d / "good.png", Picture({}));
  Write(d / "empty.png", "");
  Write(d / "text.png", "Das ist kein Bild.\n");
  Write(d / "cut.png", Picture({.type = "png", .width = 640, .height = 480, .truncate = 300}));
  Write(d / "cut.jpg", Picture({.type = "jpeg", .width = 640, .height = 480, .truncate = 2000}));
  Write(d / "bomb.png", Picture({.claim_w = 100000, .claim_h = 100000}));
  Write(d / "bomb.jpg", Picture({.type = "jpeg", .claim_w = 60000, .claim_h = 60000}));
  fs::create_directory(d / "dir.png");
  REQUIRE(::mkfifo((d / "fifo.png").c_str(), 0644) == 0);
  fs::create_symlink("loop.png", d / "loop.png");
  const std::string p =
      scratch.Playlist({"good.png", "missing.png", "empty.png", "text.png", "cut.png", "cut.jpg",
                        "bomb.png", "bomb.jpg", "dir.png", "fifo.png", "loop.png", "/dev/zero"});
  RealFileSystem real;
  std::ostringstream out;
  std::ostringstream err;
  CHECK(CheckPlaylist(p, real, out, err) == 1);
  const std::string at = p + ": error: ";
  const std::string f = (d / "").string();
  CHECK(err.str() ==
        at + "slides[1].image: " + f + "missing.png: cannot read: No such file or directory\n" +
            at + "slides[2].image: " + f + "empty.png: empty file (0 bytes)\n" + at +
            "slides[3].image: " + f + "text.png: not a PNG, JPEG or WebP picture\n" + at +
            "slides[6].image: " + f +
            "bomb.png: 100000x100000 pixels, over the limit of 20000 pixels per side\n" + at +
            "slides[7].image: " + f +
            "bomb.jpg: 60000x60000 pixels, over the limit of 20000 pixels per side\n" + at +
            "slides[8].image: " + f + "dir.png: cannot read: is a directory\n" + at +
            "slides[9].image: " + f + "fifo.png: cannot read: not a regular file (a FIFO)\n" + at +
            "slides[10].image: " + f +
            "loop.png: cannot read: Too many levels of symbolic links\n" + at +
            "slides[11].image: /dev/zero: cannot read: not a regular file (a character device)\n" +
            at + "slides[4].image: " + f +
            "cut.png: cut short (the file ends inside the picture)\n" + at +
            "slides[5].image: " + f + "cut.jpg: cut short (the file ends inside the picture)\n");
  CHECK(out.str() == p + ": slides[0].image: " + f + "good.png: PNG 64x48\n" + p + ": 11 errors\n");
}

TEST_CASE("--check: an unreadable picture; the same file twice is read once, named twice") {
  FakeFileSystem fake;
  fake.Create("s/p.json", R"({"theme": {"font_file": ")" + kFont + R"(", "logo": "x.png"},
                              "slides": [{"image": "x.png"}]})");
  fake.Create(kFont, std::string(std::istreambuf_iterator<char>(std::ifstream(kFont).rdbuf()), {}));
  fake.Unreadable("s/x.png", "Permission denied");
  std::ostringstream out;
  std::ostringstream err;
  CHECK(CheckPlaylist("s/p.json", fake, out, err) == 1);
  CHECK(err.str() ==
        "s/p.json: error: theme.logo: s/x.png: cannot read: Permission denied\n"
        "s/p.json: error: slides[0].image: s/x.png: cannot read: Permission denied\n");
}

TEST_CASE("--check --size: each picture's size on screen and the memory it needs") {
  Scratch scratch;
  Write(scratch.dir / "photo.jpg", Picture({.type = "jpeg", .width = 4000, .height = 3000}));
  Write(scratch.dir / "logo.png", Picture({.width = 400, .height = 200, .color = "rgba"}));
  const std::string p = scratch.Playlist({"photo.jpg"}, R"(, "logo": "logo.png")");
  RealFileSystem real;
  std::ostringstream out;
  std::ostringstream err;
  CheckOptions options;
  options.width = 1920;
  options.height = 1080;
  options.fit = FakeFit;
  CHECK(CheckPlaylist(p, real, out, err, options) == 0);
  CHECK(err.str() == "");
  const std::string f = (scratch.dir / "").string();
  // The logo, 2:1, in its 130 px box: a band of 65 + 43 px off the top. The photo beside the
  // text: 842 tall at 4:3 would be 1123 wide, capped at 60 % of the width (1048).
  const std::string text = out.str();
  CAPTURE(text);
  CHECK(text.find(p + ": theme.logo: " + f +
                  "logo.png: PNG 400x200, with alpha; at 1920x1080 "
                  "scaled to 130x65, 130x65 shown: ") == 0);
  CHECK(text.find(p + ": slides[0].image: " + f +
                  "photo.jpg: JPEG 4000x3000, baseline; at 1920x1080 "
                  "scaled to 1048x786, 1048x786 shown: ") != std::string::npos);
  CHECK(text.find(" kept\n" + p + ": slides[0]: body ") != std::string::npos);

  options.json = true;
  std::ostringstream json_out;
  CHECK(CheckPlaylist(p, real, json_out, err, options) == 0);
  const nlohmann::json report = nlohmann::json::parse(json_out.str());
  REQUIRE(report["picture_memory"].size() == 2);
  const nlohmann::json& photo = report["picture_memory"][1];
  CHECK(photo["path"] == "slides[0].image");
  CHECK(photo["shown"]["width"] == 1048);
  CHECK(photo["kept_bytes"] == 1048 * 786 * 4);
  CHECK(photo["decode_bytes"].get<std::size_t>() > 0);
  CHECK(report["pictures"].size() == 2);
}

TEST_CASE("--check --size: text over a background picture too bright for it is a warning") {
  Scratch scratch;
  Write(scratch.dir / "bg.png", Picture({.width = 320, .height = 180}));
  RealFileSystem real;
  CheckOptions options;
  options.width = 640;
  options.height = 360;
  options.fit = FakeFit;
  const std::string p = (scratch.dir / "p.json").string();
  auto check = [&](const std::string& background) {
    Write(
        p,
        R"({"theme": {"font_file": ")" + kFont + R"(", "background": )" + background +
            R"(}, "slides": [{"text": "Willkommen zur Konferenz in Rostock", "align": "center"}]})");
    std::ostringstream out;
    std::ostringstream err;
    CHECK(CheckPlaylist(p, real, out, err, options) == 0);
    return err.str();
  };
  // The test picture's quadrants: red, green, blue, yellow. The line crosses the middle:
  // yellow and green under white text without an overlay read at about 1.1:1 and 1.4:1.
  const std::string none = check(R"({"file": "bg.png", "overlay": "#00000000"})");
  CHECK(none.find(p + ": warning: slides[0]: text over the background picture reads at 1.") == 0);
  CHECK(none.find(" at worst, below 4.5:1 (a stronger \"overlay\" or a calmer picture helps)\n") !=
        std::string::npos);
  // The default overlay makes any picture readable.
  CHECK(check(R"("bg.png")") == "");
  // An overlay too weak for it.
  CHECK(check(R"({"file": "bg.png", "overlay": "#00000060"})").find("warning: slides[0]") !=
        std::string::npos);
}

TEST_CASE("--check --size: a slide with only a picture or a QR code has no body size") {
  Scratch scratch;
  Write(scratch.dir / "a.png", Picture({}));
  const std::string p = (scratch.dir / "p.json").string();
  Write(p, R"({"theme": {"font_file": ")" + kFont +
               R"("}, "slides": [{"image": "a.png"}, {"qr": {"text": "x", "caption": "c"}}]})");
  RealFileSystem real;
  std::ostringstream out;
  std::ostringstream err;
  CheckOptions options;
  options.width = 800;
  options.height = 480;
  options.fit = FakeFit;
  CHECK(CheckPlaylist(p, real, out, err, options) == 0);
  CHECK(out.str().find(p + ": slides[0]: a picture without text\n" + p +
                       ": slides[1]: a QR code without text\n" + p + ": ok, 2 slides\n") !=
        std::string::npos);
}

// Counts whole reads and reads of a file's start.
class CountingFileSystem : public FakeFileSystem {
 public:
  bool ReadFile(const std::string& path, long long max_bytes, std::string* contents,
                std::string* error) const override {
    ++whole;
    return FakeFileSystem::ReadFile(path, max_bytes, contents, error);
  }
  bool ReadFileStart(const std::string& path, long long max_bytes, std::size_t prefix,
                     std::string* contents, std::string* error) const override {
    ++starts;
    if (!FakeFileSystem::ReadFile(path, max_bytes, contents, error)) return false;
    if (contents->size() > prefix) contents->resize(prefix);
    return true;
  }
  mutable int whole = 0, starts = 0;
};

TEST_CASE(
    "ProbePictures reads a picture's start, and the whole file only if its header is "
    "further in") {
  CountingFileSystem fs;
  kiosk::Playlist p = DefaultPlaylist();
  p.slides.resize(1);
  p.slides[0].image = ImageElement{{"big.png"}};
  std::vector<PictureProblem> problems;
  SUBCASE("a 2 MB file: its first 256 KiB") {
    fs.Create("big.png", Picture({.width = 300, .height = 200}) + std::string(2'000'000, 'x'));
    CHECK(ProbePictures(p, fs, &problems) == PictureSizes{{"big.png", {300, 200}}});
    CHECK(fs.starts == 1);
    CHECK(fs.whole == 0);
  }
  SUBCASE("a JPEG with 325 KB of comments before its frame header: read again, whole") {
    std::string jpeg = Picture({.type = "jpeg", .width = 300, .height = 200});
    std::string comments;
    for (int i = 0; i < 5; ++i)
      comments += std::string("\xFF\xFE\xFD\xE8", 4) + std::string(64998, 'c');
    jpeg.insert(2, comments);  // after SOI
    fs.Create("big.png", jpeg);
    CHECK(ProbePictures(p, fs, &problems) == PictureSizes{{"big.png", {300, 200}}});
    CHECK(fs.starts == 1);
    CHECK(fs.whole == 1);
  }
  CHECK(problems.empty());
}

TEST_CASE("ReadRegularFileStart: the start of a regular file, refused like ReadRegularFile") {
  Scratch scratch;
  Write(scratch.dir / "f", std::string(1000, 'a') + std::string(1000, 'b'));
  std::string contents;
  std::string error;
  CHECK(ReadRegularFileStart((scratch.dir / "f").string(), 4096, 1001, &contents, &error));
  CHECK(contents == std::string(1000, 'a') + "b");
  CHECK(ReadRegularFileStart((scratch.dir / "f").string(), 4096, 5000, &contents, &error));
  CHECK(contents.size() == 2000);
  CHECK_FALSE(ReadRegularFileStart((scratch.dir / "f").string(), 1999, 10, &contents, &error));
  CHECK(error == "file too large (over 1999 bytes)");
  CHECK_FALSE(ReadRegularFileStart("/dev/zero", 4096, 10, &contents, &error));
  CHECK(error == "not a regular file (a character device)");
}

TEST_CASE("LoadContent: a bad picture is one warning line, and its slide shows without it") {
  Scratch scratch;
  Write(scratch.dir / "good.png", Picture({.width = 300, .height = 100}));
  const std::string p = scratch.Playlist({"good.png", "missing.png"});
  std::vector<std::string> problems;
  const std::optional<Content> content = LoadContent(p, &problems);
  REQUIRE(content);
  const std::string f = (scratch.dir / "").string();
  CHECK(problems == std::vector<std::string>{p + ": warning: slides[1].image: " + f +
                                             "missing.png: cannot read: No such file or "
                                             "directory; shown without it"});
  CHECK(content->pictures == PictureSizes{{f + "good.png", {300, 100}}, {f + "missing.png", {}}});
  testing::FakeMeasurer m;
  Deck deck(m);
  deck.SetPlaylist(content->playlist, content->pictures);
  deck.SetScreen(1920, 1080);
  CHECK(deck.Pictures(0).size() == 1);
  CHECK(deck.Pictures(1).empty());
  CHECK(deck.Regions(1).text == LimitsFor(content->playlist.theme, 1920, 1080).safe);
}

}  // namespace
}  // namespace kiosk
