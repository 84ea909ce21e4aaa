// How long preparing a picture slide takes: decode + scale (DecodePicture) of generated
// photos (tests/picture_maker, with photo-like noise) to 1920x1080, cover and contain, in
// thread CPU time; and the resident memory before one such decode and its peak during it
// (the file's bytes are resident before: the difference is the decode's own). Built only with
// -DKIOSK_BENCH=ON. Not part of the product, not a test: a timing never decides anything.
//
//   picture_bench [--rounds N] [--size WxH]
#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "picture.h"
#include "picture_maker.h"

namespace {

double ThreadMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Case {
  const char* name;
  kiosk::testing::PictureSpec spec;
};

kiosk::testing::PictureSpec Photo(const char* type, int w, int h) {
  kiosk::testing::PictureSpec spec;
  spec.type = type;
  spec.width = w;
  spec.height = h;
  spec.noise = 40;
  spec.quality = 90;
  return spec;
}

// Resident memory in KiB from /proc/self/status: "VmRSS" now, "VmHWM" the peak.
long StatusKb(const char* key) {
  std::FILE* file = std::fopen("/proc/self/status", "r");
  if (file == nullptr) return -1;
  char line[256];
  long value = -1;
  const std::size_t length = std::strlen(key);
  while (std::fgets(line, sizeof line, file) != nullptr) {
    if (std::strncmp(line, key, length) == 0 && line[length] == ':')
      value = std::atol(line + length + 1);
  }
  std::fclose(file);
  return value;
}

// Resident memory before one decode and its peak during it, KiB (Linux resets the peak
// when "5" is written to /proc/self/clear_refs).
void PeakRss(const std::string& bytes, const kiosk::Placement& place, long* before, long* peak) {
  malloc_trim(0);
  std::FILE* clear = std::fopen("/proc/self/clear_refs", "w");
  if (clear != nullptr) {
    std::fputs("5", clear);
    std::fclose(clear);
  }
  *before = StatusKb("VmRSS");
  std::string error;
  const auto picture =
      kiosk::DecodePicture(bytes, place.scaled_w, place.scaled_h, place.crop, &error);
  *peak = picture ? StatusKb("VmHWM") : -1;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 7;
  int screen_w = 1920;
  int screen_h = 1080;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--size") == 0 && i + 1 < argc &&
               std::sscanf(argv[++i], "%dx%d", &screen_w, &screen_h) == 2) {
    } else {
      std::fprintf(stderr, "usage: picture_bench [--rounds N] [--size WxH]\n");
      return 2;
    }
  }
  std::vector<Case> cases = {
      {"JPEG 4000x3000 baseline", Photo("jpeg", 4000, 3000)},
      {"JPEG 4000x3000 progressive", Photo("jpeg", 4000, 3000)},
      {"JPEG 4000x3000 EXIF 6 (shown 3000x4000)", Photo("jpeg", 3000, 4000)},
      {"JPEG 6000x4000 (24 MP) baseline", Photo("jpeg", 6000, 4000)},
      {"PNG 4000x3000 RGB", Photo("png", 4000, 3000)},
      {"WebP 4000x3000 lossy", Photo("webp", 4000, 3000)},
  };
  cases[1].spec.jpeg = "progressive";
  cases[2].spec.orientation = 6;
  const kiosk::Box screen{0, 0, screen_w, screen_h};
  std::printf(
      "| picture | file | fit | DecodeMemory | thread CPU ms min / median | RSS KiB: "
      "before, peak (+ delta) |\n|---|---|---|---|---|---|\n");
  for (const Case& c : cases) {
    std::string bytes;
    std::string error;
    if (!kiosk::testing::MakePicture(c.spec, &bytes, &error)) {
      std::fprintf(stderr, "%s: %s\n", c.name, error.c_str());
      return 1;
    }
    kiosk::PictureInfo info;
    if (!kiosk::ProbePicture(bytes, &info, &error)) {
      std::fprintf(stderr, "%s: %s\n", c.name, error.c_str());
      return 1;
    }
    for (const bool cover : {true, false}) {
      const kiosk::Placement place = kiosk::PlacePicture(info.width, info.height, screen, cover);
      std::vector<double> ms;
      for (int round = 0; round < rounds; ++round) {
        const double start = ThreadMs();
        const auto picture =
            kiosk::DecodePicture(bytes, place.scaled_w, place.scaled_h, place.crop, &error);
        ms.push_back(ThreadMs() - start);
        if (!picture) {
          std::fprintf(stderr, "%s: %s\n", c.name, error.c_str());
          return 1;
        }
      }
      std::sort(ms.begin(), ms.end());
      long before = 0;
      long peak = 0;
      PeakRss(bytes, place, &before, &peak);
      std::printf("| %s | %.1f MB | %s %dx%d | %.1f MiB | %.1f / %.1f | %ld, %ld (+%ld) |\n",
                  c.name, static_cast<double>(bytes.size()) / 1e6, cover ? "cover" : "contain",
                  place.crop.w, place.crop.h,
                  static_cast<double>(kiosk::DecodeMemory(info, place.scaled_w, place.scaled_h)) /
                      (1 << 20),
                  ms.front(), ms[ms.size() / 2], before, peak, peak - before);
      std::fflush(stdout);
    }
  }
  return 0;
}
