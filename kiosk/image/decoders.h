// Inside the image layer: one decoder per format. Each works in the picture's stored
// orientation; picture.cpp maps the shown size and crop to it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "picture.h"

namespace kiosk::image {

// What a decoder learned from the header, in the stored orientation.
struct Header {
  PictureFormat format = PictureFormat::kPng;
  int width = 0, height = 0;  // as stored
  int orientation = 1;
  bool whole = false;  // decoding holds the whole picture (interlaced PNG, progressive JPEG)
  std::size_t whole_bytes = 0;  // ... this many bytes of it
  std::string description;      // without the size, e.g. "16-bit, interlaced"
};

// "WxH pixels, over the limit of ..." or empty when the size is within the limits.
std::string CheckPictureSize(long long width, long long height);

bool ProbePng(std::string_view bytes, Header* header, std::string* error);
// The decoders work in the stored orientation (scaled_w, scaled_h and crop are stored
// sizes) and turn the result as `orientation` says while they write it.
std::optional<Picture> DecodePng(std::string_view bytes, int scaled_w, int scaled_h, Box crop,
                                 int orientation, std::string* error);
std::size_t PngWorkingBytes(const Header& header, int scaled_w, int scaled_h);

bool ProbeJpeg(std::string_view bytes, Header* header, std::string* error);
std::optional<Picture> DecodeJpeg(std::string_view bytes, int scaled_w, int scaled_h, Box crop,
                                  int orientation, std::string* error);
std::size_t JpegWorkingBytes(const Header& header, int scaled_w, int scaled_h);
// The size libjpeg decodes a w x h JPEG at to cover scaled_w x scaled_h: the smallest of
// its DCT scalings (1/8 to 8/8 of each side) that is at least that large in both.
void JpegDecodeSize(int w, int h, int scaled_w, int scaled_h, int* decode_w, int* decode_h);

bool ProbeWebp(std::string_view bytes, Header* header, std::string* error);
std::optional<Picture> DecodeWebp(std::string_view bytes, int scaled_w, int scaled_h, Box crop,
                                  std::string* error);
std::size_t WebpWorkingBytes(const Header& header, int scaled_w, int scaled_h);

// The EXIF orientation (1..8) in an APP1 segment's payload ("Exif\0\0" and a TIFF
// structure), or 1 when it has none or is malformed.
int ExifOrientation(std::string_view app1);

}  // namespace kiosk::image
