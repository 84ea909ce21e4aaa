// The MQTT client's password file (the connection itself: tests/e2e/mqtt_test.sh, with a
// real broker).
#include "mqtt_client.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace kiosk {
namespace {

namespace fs = std::filesystem;

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text, mode_t mode) {
    std::string tmpl = (fs::temp_directory_path() / "kiosk-pw-XXXXXX").string();
    const int fd = ::mkstemp(tmpl.data());
    REQUIRE(fd >= 0);
    ::close(fd);
    path = tmpl;
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
  }
  ~TempFile() { fs::remove(path); }
};

TEST_CASE("the MQTT password: the file's first line, never in an error") {
  std::string password;
  std::string error;
  {
    TempFile f("s3cret-pw\nsecond line\n", 0600);
    CHECK(ReadMqttPasswordFile(f.path, &password, &error));
    CHECK(password == "s3cret-pw");
  }
  {
    TempFile f("s3cret-pw\r\n", 0640);
    CHECK(ReadMqttPasswordFile(f.path, &password, &error));
    CHECK(password == "s3cret-pw");
  }
  {
    TempFile f("s3cret-pw\n", 0644);
    password.clear();
    CHECK_FALSE(ReadMqttPasswordFile(f.path, &password, &error));
    CHECK(error == f.path +
                       ": the MQTT password file is open to every user (mode 0644): not "
                       "using it; chmod 0640 it, owned by root, group kiosk");
    CHECK(password.empty());
  }
  {
    TempFile f("\n", 0600);
    CHECK_FALSE(ReadMqttPasswordFile(f.path, &password, &error));
    CHECK(error == f.path + ": the MQTT password file is empty");
  }
  {
    TempFile f(std::string(2000, 'x'), 0600);
    CHECK_FALSE(ReadMqttPasswordFile(f.path, &password, &error));
    CHECK(error.find("too large") != std::string::npos);
    CHECK(error.find("xxx") == std::string::npos);
  }
  CHECK_FALSE(ReadMqttPasswordFile("/nonexistent/pw", &password, &error));
  CHECK(error == "/nonexistent/pw: cannot read the MQTT password: No such file or directory");
  CHECK_FALSE(ReadMqttPasswordFile("/dev/zero", &password, &error));
}

}  // namespace
}  // namespace kiosk
