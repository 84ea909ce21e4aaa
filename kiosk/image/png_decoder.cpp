// PNG through libpng, row by row into the scaler. libpng reports errors by longjmp: the
// functions that call setjmp hold no C++ object with a destructor (everything lives in the
// PngJob their caller owns), so the jump skips nothing that had to be cleaned up.
#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include "config.h"
#include "decoders.h"
#include "scaler.h"

namespace kiosk::image {

namespace {

constexpr const char* kCutShort = "cut short (the file ends inside the picture)";

struct PngJob {
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  std::size_t pos = 0;
  std::jmp_buf jump;
  char message[200] = "";
  png_structp png = nullptr;
  png_infop info = nullptr;
  png_uint_32 width = 0, height = 0;
  int bit_depth = 0, color_type = 0, interlace = 0;
  bool trns = false;
  // Decoding.
  RowScaler* scaler = nullptr;
  std::uint8_t* row = nullptr;  // width * 4 bytes
  png_bytep* rows = nullptr;    // interlaced: a pointer to each row of the whole picture
  PngJob(std::string_view bytes)
      : data(reinterpret_cast<const unsigned char*>(bytes.data())), size(bytes.size()) {}
  ~PngJob() {
    if (png != nullptr) png_destroy_read_struct(&png, info != nullptr ? &info : nullptr, nullptr);
  }
  PngJob(const PngJob&) = delete;
  PngJob& operator=(const PngJob&) = delete;
};

void OnError(png_structp png, png_const_charp message) {
  auto* job = static_cast<PngJob*>(png_get_error_ptr(png));
  if (std::strcmp(message, kCutShort) == 0) {
    std::snprintf(job->message, sizeof job->message, "%s", message);
  } else {
    std::snprintf(job->message, sizeof job->message, "broken PNG data (%s)", message);
  }
  std::longjmp(job->jump, 1);
}

// Warnings (a bad CRC in an ancillary chunk, an unknown sRGB profile) leave the pixels
// intact: not worth a log line per decode.
void OnWarning(png_structp, png_const_charp) {}

void OnRead(png_structp png, png_bytep out, png_size_t length) {
  auto* job = static_cast<PngJob*>(png_get_io_ptr(png));
  if (length > job->size - job->pos) png_error(png, kCutShort);
  std::memcpy(out, job->data + job->pos, length);
  job->pos += length;
}

// png_read_info and the transforms to 8-bit RGBA. No C++ objects in this frame.
bool ReadHeader(PngJob* job) {
  job->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, job, OnError, OnWarning);
  if (job->png == nullptr) {
    std::snprintf(job->message, sizeof job->message, "libpng failed to start");
    return false;
  }
  job->info = png_create_info_struct(job->png);
  if (job->info == nullptr) {
    std::snprintf(job->message, sizeof job->message, "libpng failed to start");
    return false;
  }
  if (setjmp(job->jump) != 0) return false;
  png_set_read_fn(job->png, job, OnRead);
  png_set_user_limits(job->png, config::kMaxPictureSide, config::kMaxPictureSide);
  png_set_chunk_malloc_max(job->png, 4 * 1024 * 1024);
  png_read_info(job->png, job->info);
  png_get_IHDR(job->png, job->info, &job->width, &job->height, &job->bit_depth, &job->color_type,
               &job->interlace, nullptr, nullptr);
  job->trns = png_get_valid(job->png, job->info, PNG_INFO_tRNS) != 0;
  return true;
}

bool SetTransforms(PngJob* job, int* passes) {
  if (setjmp(job->jump) != 0) return false;
  png_structp png = job->png;
  if (job->color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (job->color_type == PNG_COLOR_TYPE_GRAY && job->bit_depth < 8) {
    png_set_expand_gray_1_2_4_to_8(png);
  }
  if (job->trns) png_set_tRNS_to_alpha(png);
  if (job->bit_depth == 16) png_set_scale_16(png);
  if ((job->color_type & PNG_COLOR_MASK_COLOR) == 0) png_set_gray_to_rgb(png);
  if ((job->color_type & PNG_COLOR_MASK_ALPHA) == 0 && !job->trns) {
    png_set_filler(png, 0xff, PNG_FILLER_AFTER);
  }
  *passes = png_set_interlace_handling(png);
  png_read_update_info(png, job->info);
  if (png_get_rowbytes(png, job->info) != static_cast<png_size_t>(job->width) * 4) {
    png_error(png, "unexpected row size after the transforms");
  }
  return true;
}

bool ReadRows(PngJob* job, bool opaque) {
  if (setjmp(job->jump) != 0) return false;
  const int needed = job->scaler->RowsNeeded();
  for (int y = 0; y < needed; ++y) {
    png_read_row(job->png, job->row, nullptr);
    job->scaler->PushRow(job->row, opaque);
  }
  return true;
}

bool ReadWhole(PngJob* job) {
  if (setjmp(job->jump) != 0) return false;
  png_read_image(job->png, job->rows);
  return true;
}

bool CheckSignatureAndSize(std::string_view bytes, std::string* error) {
  // The IHDR chunk comes first: its size is checked here, before libpng is involved.
  if (bytes.size() < 33) {
    *error = kCutShort;
    return false;
  }
  if (bytes.substr(12, 4) != "IHDR") {
    *error = "broken PNG data (no IHDR chunk first)";
    return false;
  }
  auto be32 = [&](std::size_t at) {
    long long value = 0;
    for (std::size_t i = 0; i < 4; ++i)
      value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
    return value;
  };
  if (std::string size = CheckPictureSize(be32(16), be32(20)); !size.empty()) {
    *error = std::move(size);
    return false;
  }
  return true;
}

std::string Describe(const PngJob& job) {
  std::string text;
  auto add = [&](const char* part) {
    if (!text.empty()) text += ", ";
    text += part;
  };
  if (job.bit_depth == 16) add("16-bit");
  switch (job.color_type) {
    case PNG_COLOR_TYPE_GRAY:
      add("grey");
      break;
    case PNG_COLOR_TYPE_GRAY_ALPHA:
      add("grey with alpha");
      break;
    case PNG_COLOR_TYPE_PALETTE:
      add("palette");
      break;
    case PNG_COLOR_TYPE_RGB_ALPHA:
      add("with alpha");
      break;
    default:
      break;
  }
  if (job.trns) add("transparent colour");
  if (job.interlace != PNG_INTERLACE_NONE) add("interlaced");
  return text;
}

}  // namespace

bool ProbePng(std::string_view bytes, Header* header, std::string* error) {
  if (!CheckSignatureAndSize(bytes, error)) return false;
  PngJob job(bytes);
  if (!ReadHeader(&job)) {
    *error = job.message;
    return false;
  }
  header->format = PictureFormat::kPng;
  header->width = static_cast<int>(job.width);
  header->height = static_cast<int>(job.height);
  header->orientation = 1;
  header->whole = job.interlace != PNG_INTERLACE_NONE;
  header->whole_bytes = header->whole ? static_cast<std::size_t>(job.width) * job.height * 4 : 0;
  header->description = Describe(job);
  return true;
}

std::size_t PngWorkingBytes(const Header& header, int scaled_w, int scaled_h) {
  const auto width = static_cast<std::size_t>(header.width);
  // libpng's two rows of up to 8 bytes a pixel, zlib's window, our 8-bit RGBA row.
  std::size_t bytes = width * 8 * 2 + 64 * 1024 + width * 4;
  if (header.whole)
    bytes += header.whole_bytes + static_cast<std::size_t>(header.height) * sizeof(void*);
  return bytes + RowScaler::WorkingBytes(header.width, header.height, scaled_w, scaled_h, scaled_w);
}

std::optional<Picture> DecodePng(std::string_view bytes, int scaled_w, int scaled_h, Box crop,
                                 int orientation, std::string* error) {
  if (!CheckSignatureAndSize(bytes, error)) return std::nullopt;
  PngJob job(bytes);
  int passes = 1;
  if (!ReadHeader(&job) || !SetTransforms(&job, &passes)) {
    *error = job.message;
    return std::nullopt;
  }
  const int width = static_cast<int>(job.width);
  const int height = static_cast<int>(job.height);
  RowScaler scaler;
  if (!scaler.Init(width, height, scaled_w, scaled_h, crop, orientation, error))
    return std::nullopt;
  job.scaler = &scaler;
  const bool opaque = (job.color_type & PNG_COLOR_MASK_ALPHA) == 0 && !job.trns;
  std::vector<std::uint8_t> row;
  std::vector<std::uint8_t> whole;
  std::vector<png_bytep> rows;
  if (passes == 1) {
    row.resize(static_cast<std::size_t>(width) * 4);
    job.row = row.data();
    if (!ReadRows(&job, opaque)) {
      *error = job.message;
      return std::nullopt;
    }
  } else {
    // Adam7 spreads every row over seven passes: the whole picture is needed at once.
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    if (stride * static_cast<std::size_t>(height) >
        static_cast<std::size_t>(config::kMaxDecodeBytes)) {
      *error = "an interlaced PNG of " + std::to_string(width) + "x" + std::to_string(height) +
               " pixels is decoded whole, which needs more memory than the limit of " +
               std::to_string(config::kMaxDecodeBytes >> 20) + " MiB (save it without interlacing)";
      return std::nullopt;
    }
    whole.resize(stride * static_cast<std::size_t>(height));
    rows.resize(static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) rows[static_cast<std::size_t>(y)] = whole.data() + stride * y;
    job.rows = rows.data();
    if (!ReadWhole(&job)) {
      *error = job.message;
      return std::nullopt;
    }
    for (int y = 0; y < scaler.RowsNeeded(); ++y)
      scaler.PushRow(rows[static_cast<std::size_t>(y)], opaque);
  }
  if (!scaler.Done()) {
    *error = kCutShort;
    return std::nullopt;
  }
  return scaler.Take();
}

}  // namespace kiosk::image
