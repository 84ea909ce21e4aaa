// make_picture: writes a test picture (see picture_maker.h for the pattern) for the
// end-to-end tests, the fuzzer's seeds and the benchmarks.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "picture_maker.h"

namespace {

// "WxH", each 1 to 6 digits. (Not std::regex: GCC 12 warns falsely inside <regex> under the
// sanitizers, -Wmaybe-uninitialized, which -Werror makes an error.)
bool ParseSize(const std::string& text, int* w, int* h) {
  const auto number = [](std::string_view digits, int* out) {
    if (digits.empty() || digits.size() > 6) return false;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    *out = value;
    return true;
  };
  const std::size_t x = text.find('x');
  if (x == std::string::npos) return false;
  const std::string_view view(text);
  return number(view.substr(0, x), w) && number(view.substr(x + 1), h) && *w > 0 && *h > 0;
}

}  // namespace

int main(int argc, char** argv) {
  kiosk::testing::PictureSpec spec;
  std::string out;
  std::string size = "64x48";
  std::string claim;
  CLI::App app{
      "make_picture - writes a test picture: four quadrants, red top left, green top right, "
      "blue bottom left, yellow bottom right (with alpha: the bottom left half transparent, the "
      "bottom right fully), as the picture shows once its EXIF orientation is applied",
      "make_picture"};
  app.add_option("OUT", out, "File to write; .png or .jpg/.jpeg picks --type")->required();
  app.add_option("--type", spec.type, "png, jpeg or webp (default: from OUT's extension)")
      ->check(CLI::IsMember({"png", "jpeg", "webp"}));
  app.add_option("--size", size, "WxH as shown (default 64x48; any size)");
  app.add_option("--color", spec.color,
                 "PNG: rgb (default), rgba, grey, grey-alpha, palette (with tRNS)")
      ->check(CLI::IsMember({"rgb", "rgba", "grey", "grey-alpha", "palette"}));
  app.add_option("--depth", spec.depth, "PNG bits per sample: 8 (default) or 16; palette 2, 4, 8");
  app.add_flag("--interlace", spec.interlace, "PNG: Adam7 interlaced");
  app.add_option("--jpeg", spec.jpeg,
                 "JPEG: baseline (default), progressive, grey, cmyk or ycck (both inverted, "
                 "with an Adobe marker, as Photoshop writes them)")
      ->check(CLI::IsMember({"baseline", "progressive", "grey", "cmyk", "ycck"}));
  app.add_option("--webp", spec.webp, "WebP: lossy (default) or lossless")
      ->check(CLI::IsMember({"lossy", "lossless"}));
  app.add_flag("--webp-alpha", spec.webp_alpha, "WebP: with the alpha pattern");
  app.add_flag("--many-scans", spec.many_scans,
               "JPEG progressive: every AC coefficient in a scan of its own (190 scans, over "
               "kiosk's limit)");
  app.add_option("--quality", spec.quality, "JPEG and lossy WebP quality 1..100 (default 92)")
      ->check(CLI::Range(1, 100));
  app.add_option("--orientation", spec.orientation,
                 "JPEG: an EXIF orientation tag 1..8; the pixels are stored turned so that the "
                 "pattern shows upright when the tag is honoured")
      ->check(CLI::Range(1, 8));
  app.add_flag("--exif-big-endian", spec.exif_big_endian, "JPEG: the EXIF data in Motorola order");
  app.add_option("--noise", spec.noise,
                 "Photo-like detail: each channel moved by up to +-N (deterministic), so the "
                 "file compresses about as a photo does (benchmarks)")
      ->check(CLI::Range(0, 255));
  app.add_option("--claim", claim,
                 "Damage: the header claims WxH (PNG with a valid CRC; JPEG at most 65535)");
  app.add_flag("--corrupt", spec.corrupt,
               "Damage: 32 bytes in the middle of the pixel data garbled (PNG: CRC kept valid, "
               "so the zlib stream is what breaks)");
  app.add_flag("--bad-crc", spec.bad_crc,
               "Damage, PNG: one bit of IDAT flipped, its CRC not fixed");
  app.add_option("--truncate", spec.truncate, "Damage: keep only the first N bytes")
      ->check(CLI::NonNegativeNumber);
  app.footer(
      "Examples:\n"
      "  make_picture photo.jpg --size 4000x3000 --jpeg progressive --orientation 6\n"
      "  make_picture logo.png --size 300x100 --color palette --depth 2\n"
      "  make_picture bomb.png --claim 100000x100000\n"
      "  make_picture cut.jpg --size 800x600 --truncate 5000\n"
      "Exit status: 0 written, 1 cannot write or make it, 2 usage error.");
  CLI11_PARSE(app, argc, argv);
  if (!ParseSize(size, &spec.width, &spec.height)) {
    std::cerr << "make_picture: --size: not WxH: " << size << "\n";
    return 2;
  }
  if (!claim.empty() && !ParseSize(claim, &spec.claim_w, &spec.claim_h)) {
    std::cerr << "make_picture: --claim: not WxH: " << claim << "\n";
    return 2;
  }
  if (app.count("--type") == 0) {
    const auto dot = out.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : out.substr(dot + 1);
    if (ext == "png") {
      spec.type = "png";
    } else if (ext == "jpg" || ext == "jpeg") {
      spec.type = "jpeg";
    } else if (ext == "webp") {
      spec.type = "webp";
    } else {
      std::cerr << "make_picture: give --type (OUT does not end in .png, .jpg, .jpeg or .webp)\n";
      return 2;
    }
  }
  std::string bytes;
  std::string error;
  if (!kiosk::testing::MakePicture(spec, &bytes, &error)) {
    std::cerr << "make_picture: " << error << "\n";
    return 1;
  }
  std::ofstream file(out, std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    std::cerr << "make_picture: cannot write " << out << "\n";
    return 1;
  }
  return 0;
}
