#include "free_memory.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <vector>

namespace {

long ResidentKib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

#if defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
constexpr bool kGlibcMalloc = false;  // ASan's allocator, or another C library
#else
constexpr bool kGlibcMalloc = true;
#endif

}  // namespace

TEST_CASE("ReturnFreeMemory gives freed small blocks back to the system" *
          doctest::skip(!kGlibcMalloc)) {
  // 32 MiB in 1 KiB blocks, like the hyphenation patterns; every 64th stays, as the
  // answers kept from the patterns do: glibc cannot shrink its heap past them by itself.
  std::vector<std::unique_ptr<char[]>> blocks;
  for (int i = 0; i < 32 * 1024; ++i) {
    blocks.emplace_back(new char[1000]);
    blocks.back()[0] = 1;  // touched: resident
  }
  std::vector<std::unique_ptr<char[]>> kept;
  for (std::size_t i = 63; i < blocks.size(); i += 64) kept.push_back(std::move(blocks[i]));
  blocks.clear();
  const long before = ResidentKib();
  kiosk::ReturnFreeMemory();
  const long after = ResidentKib();
  CAPTURE(before);
  CAPTURE(after);
  CHECK(after < before - 16 * 1024);
}
