#include "file_system.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kiosk-fs-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// The reason ReadRegularFile gives for `path`, and that it gave it at once.
std::string RefusalOf(const std::string& path, long long max_bytes = 1024) {
  const auto start = std::chrono::steady_clock::now();
  std::string text = "unchanged";
  std::string error;
  CHECK_FALSE(kiosk::ReadRegularFile(path, max_bytes, &text, &error));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  return error;
}

}  // namespace

TEST_CASE("RealFileSystem reads files and says why it cannot") {
  TempDir dir;
  std::ofstream(dir.path / "p.json") << "{\"slides\": []}";
  kiosk::RealFileSystem real;
  std::string text;
  std::string error;
  CHECK(real.ReadFile((dir.path / "p.json").string(), kiosk::config::kMaxPlaylistBytes, &text,
                      &error));
  CHECK(text == "{\"slides\": []}");
  CHECK(real.IsReadableFile((dir.path / "p.json").string()));

  CHECK_FALSE(real.ReadFile((dir.path / "missing.json").string(), kiosk::config::kMaxPlaylistBytes,
                            &text, &error));
  CHECK(error == "No such file or directory");
  CHECK_FALSE(real.ReadFile(dir.path.string(), kiosk::config::kMaxPlaylistBytes, &text, &error));
  CHECK(error == "is a directory");
  CHECK_FALSE(real.IsReadableFile(dir.path.string()));
}

TEST_CASE("ReadRegularFile refuses what is not a regular file, at once") {
  TempDir dir;
  SUBCASE("a FIFO with no writer (open would block forever without O_NONBLOCK)") {
    const std::string fifo = (dir.path / "p.json").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(RefusalOf(fifo) == "not a regular file (a FIFO)");
  }
  SUBCASE("/dev/zero (an endless read)") {
    CHECK(RefusalOf("/dev/zero") == "not a regular file (a character device)");
  }
  SUBCASE("a directory") { CHECK(RefusalOf(dir.path.string()) == "is a directory"); }
  SUBCASE("a socket") {
    const std::string path = (dir.path / "s").string();
    const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(s >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    REQUIRE(::bind(s, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    CHECK(RefusalOf(path) == "not a regular file (a socket)");
    ::close(s);
  }
  SUBCASE("a symlink to a FIFO") {
    const std::string fifo = (dir.path / "fifo").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    fs::create_symlink(fifo, dir.path / "link.json");
    CHECK(RefusalOf((dir.path / "link.json").string()) == "not a regular file (a FIFO)");
  }
}

TEST_CASE("ReadRegularFile: a file over the limit is refused without reading it") {
  TempDir dir;
  SUBCASE("larger than the playlist limit: refused by its size (sparse: nothing to read)") {
    const fs::path big = dir.path / "big.json";
    std::ofstream{big} << "{";
    fs::resize_file(big, 1LL << 40);  // 1 TiB, sparse: reading it would take hours
    const auto start = std::chrono::steady_clock::now();
    std::string text;
    std::string error;
    CHECK_FALSE(kiosk::RealFileSystem().ReadFile(big.string(), kiosk::config::kMaxPlaylistBytes,
                                                 &text, &error));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    CHECK(error == "file too large (over 4 MiB)");
    CHECK(text.empty());
  }
  SUBCASE("exactly the limit is read") {
    const fs::path file = dir.path / "p.json";
    std::ofstream{file} << std::string(100, 'x');
    std::string text;
    std::string error;
    CHECK(kiosk::ReadRegularFile(file.string(), 100, &text, &error));
    CHECK(text.size() == 100);
    CHECK(RefusalOf(file.string(), 99) == "file too large (over 99 bytes)");
  }
  SUBCASE("a file that says size 0 and gives more (/proc) stops at the limit") {
    struct stat st {};
    REQUIRE(::stat("/proc/self/maps", &st) == 0);
    REQUIRE(st.st_size == 0);
    CHECK(RefusalOf("/proc/self/maps", 10) == "file too large (over 10 bytes)");
  }
}

TEST_CASE("OpenRegularFile hands back a blocking, close-on-exec descriptor") {
  TempDir dir;
  std::ofstream(dir.path / "f") << "abc";
  std::string error;
  kiosk::UniqueFd fd = kiosk::OpenRegularFile((dir.path / "f").string(), -1, &error);
  REQUIRE(fd);
  const int flags = ::fcntl(fd.get(), F_GETFL);
  CHECK((flags & O_NONBLOCK) == 0);
  CHECK((::fcntl(fd.get(), F_GETFD) & FD_CLOEXEC) != 0);
  char buf[4] = {};
  CHECK(::read(fd.get(), buf, sizeof buf) == 3);
  const int raw = fd.get();
  fd.Reset();
  CHECK(::fcntl(raw, F_GETFD) < 0);  // closed
}
