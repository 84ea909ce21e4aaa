#include "data_dir.h"

#include <doctest/doctest.h>
#include <stdlib.h>

TEST_CASE("The bundled playlist is found from the build tree") {
  const std::string path = kiosk::FindDataFile("slides/resolution.json");
  CHECK(path.ends_with("slides/resolution.json"));
  CHECK(kiosk::FindDataFile("slides/no-such-file.json").empty());
}

TEST_CASE("KIOSK_DATA_DIR comes first") {
  ::setenv("KIOSK_DATA_DIR", KIOSK_SOURCE_DIR "/tests", 1);
  CHECK(kiosk::DataDirs().front() == KIOSK_SOURCE_DIR "/tests");
  CHECK(kiosk::FindDataFile("golden/golden.json") == KIOSK_SOURCE_DIR "/tests/golden/golden.json");
  ::unsetenv("KIOSK_DATA_DIR");
  CHECK(kiosk::DataDirs().front() != KIOSK_SOURCE_DIR "/tests");
}
