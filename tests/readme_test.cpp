// The README, --help and the key table must say the same thing.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "cli.h"
#include "input.h"

namespace {

std::string Readme() {
  std::ifstream in(KIOSK_SOURCE_DIR "/README.md");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("README shows the --help text verbatim") {
  std::string help = kiosk::HelpText();
  while (!help.empty() && help.back() == '\n') help.pop_back();
  CHECK_MESSAGE(Readme().find("```text\n" + help + "\n```") != std::string::npos,
                "README.md's Command line block differs from `kiosk --help`; paste it again");
}

TEST_CASE("README's keys table has every row of the key help table") {
  const std::string readme = Readme();
  for (const kiosk::KeyHelp& k : kiosk::KeyHelpTable()) {
    const std::string row = "| " + std::string(k.keys) + " | " + std::string(k.action) + " |";
    CAPTURE(row);
    CHECK(readme.find(row) != std::string::npos);
  }
}
