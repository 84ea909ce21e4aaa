// JPEG through libjpeg-turbo: decoded at the smallest DCT scaling that still covers the size
// asked for (a 24-megapixel photo for a 1080p screen at 1/4 or 1/2), then scaled row by row.
// libjpeg reports errors by longjmp: as in the PNG decoder, the functions that call setjmp
// hold no C++ object with a destructor. Its warnings about a corrupt or cut stream (it would
// show grey blocks and go on) are errors here.
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>
// (after jpeglib.h)
#include <jerror.h>

#include "config.h"
#include "decoders.h"
#include "scaler.h"

namespace kiosk::image {

namespace {

constexpr const char* kCutShort = "cut short (the file ends inside the picture)";

struct JpegJob;
// libjpeg hands its callbacks the jpeg_error_mgr: the job is found from it.
struct ErrorManager {
  jpeg_error_mgr pub{};
  JpegJob* job = nullptr;
};

struct JpegJob {
  jpeg_decompress_struct cinfo{};
  ErrorManager err;
  jpeg_progress_mgr progress{};
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX + 40] = "";
  bool created = false;
  const unsigned char* data = nullptr;
  unsigned long size = 0;
  // Decoding.
  RowScaler* scaler = nullptr;
  std::uint8_t* row = nullptr;  // output_width * 4 bytes
  bool cmyk = false, inverted = false;
  int first_column = 0;  // of the rows decoded (a crop's columns)
  explicit JpegJob(std::string_view bytes)
      : data(reinterpret_cast<const unsigned char*>(bytes.data())),
        size(static_cast<unsigned long>(bytes.size())) {}
  ~JpegJob() {
    if (created) jpeg_destroy_decompress(&cinfo);
  }
  JpegJob(const JpegJob&) = delete;
  JpegJob& operator=(const JpegJob&) = delete;
};

JpegJob* JobOf(j_common_ptr cinfo) { return reinterpret_cast<ErrorManager*>(cinfo->err)->job; }

[[noreturn]] void OnError(j_common_ptr cinfo) {
  JpegJob* job = JobOf(cinfo);
  char text[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, text);
  if (cinfo->err->msg_code == JWRN_JPEG_EOF) {
    std::snprintf(job->message, sizeof job->message, "%s", kCutShort);
  } else if (cinfo->err->msg_code == JERR_IMAGE_TOO_BIG && cinfo->is_decompressor) {
    // Over libjpeg's own limit of 65500, which is over ours: say it as for any other.
    const auto* dinfo = reinterpret_cast<j_decompress_ptr>(cinfo);
    std::snprintf(job->message, sizeof job->message, "%s",
                  CheckPictureSize(dinfo->image_width, dinfo->image_height).c_str());
  } else if (job->message[0] == '\0') {
    std::snprintf(job->message, sizeof job->message, "broken JPEG data (%s)", text);
  }
  std::longjmp(job->jump, 1);
}

void OnMessage(j_common_ptr cinfo, int level) {
  if (level >= 0) return;  // trace messages
  switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL:
    case JWRN_TOO_MUCH_DATA:
    case JWRN_BOGUS_PROGRESSION:
    case JWRN_EXTRANEOUS_DATA:
      OnError(cinfo);
    default:
      return;  // about metadata (a JFIF version, an ICC profile): the pixels are fine
  }
}

void OnProgress(j_common_ptr cinfo) {
  auto* dinfo = reinterpret_cast<j_decompress_ptr>(cinfo);
  if (dinfo->input_scan_number > config::kMaxJpegScans) {
    JpegJob* job = JobOf(cinfo);
    std::snprintf(job->message, sizeof job->message,
                  "a progressive JPEG of more than %d scans (real ones have about 10)",
                  config::kMaxJpegScans);
    std::longjmp(job->jump, 1);
  }
}

// jpeg_read_header, with the APP1 segments kept for the EXIF orientation.
bool ReadHeader(JpegJob* job) {
  job->cinfo.err = jpeg_std_error(&job->err.pub);
  job->err.job = job;
  job->err.pub.error_exit = OnError;
  job->err.pub.emit_message = OnMessage;
  if (setjmp(job->jump) != 0) return false;
  jpeg_create_decompress(&job->cinfo);
  job->created = true;
  job->cinfo.mem->max_memory_to_use = config::kMaxDecodeBytes;
  job->progress.progress_monitor = OnProgress;
  job->cinfo.progress = &job->progress;
  jpeg_mem_src(&job->cinfo, job->data, job->size);
  jpeg_save_markers(&job->cinfo, JPEG_APP0 + 1, 0xffff);
  jpeg_read_header(&job->cinfo, TRUE);
  return true;
}

bool Start(JpegJob* job) {
  if (setjmp(job->jump) != 0) return false;
  jpeg_start_decompress(&job->cinfo);
  return true;
}

// Only columns [*first, *first + *width) decoded; libjpeg widens them to whole blocks.
bool CropColumns(JpegJob* job, JDIMENSION* first, JDIMENSION* width) {
  if (setjmp(job->jump) != 0) return false;
  jpeg_crop_scanline(&job->cinfo, first, width);
  return true;
}

void CmykToRgba(std::uint8_t* row, JDIMENSION width, bool inverted) {
  for (JDIMENSION x = 0; x < width; ++x, row += 4) {
    unsigned c = row[0], m = row[1], y = row[2], k = row[3];
    if (!inverted) {  // Adobe's files store 255 - ink
      c = 255 - c;
      m = 255 - m;
      y = 255 - y;
      k = 255 - k;
    }
    row[0] = static_cast<std::uint8_t>((c * k + 127) / 255);
    row[1] = static_cast<std::uint8_t>((m * k + 127) / 255);
    row[2] = static_cast<std::uint8_t>((y * k + 127) / 255);
    row[3] = 255;
  }
}

bool ReadRows(JpegJob* job) {
  if (setjmp(job->jump) != 0) return false;
  const int needed = job->scaler->RowsNeeded();
  // Rows above a cover fit's crop: libjpeg still reads their data, but skips the IDCT and
  // the colour conversion.
  const auto skip = static_cast<JDIMENSION>(job->scaler->FirstRowNeeded());
  if (skip > 0) {
    const JDIMENSION skipped = jpeg_skip_scanlines(&job->cinfo, skip);
    job->scaler->SkipRows(static_cast<int>(skipped));
  }
  JSAMPROW rows[1] = {job->row};
  for (int y = static_cast<int>(job->cinfo.output_scanline); y < needed; ++y) {
    if (jpeg_read_scanlines(&job->cinfo, rows, 1) != 1) {
      std::snprintf(job->message, sizeof job->message, "%s", kCutShort);
      return false;
    }
    if (job->cmyk) CmykToRgba(job->row, job->cinfo.output_width, job->inverted);
    job->scaler->PushRow(job->row, true, job->first_column);
  }
  return true;
}

std::size_t CoefficientBytes(const jpeg_decompress_struct& cinfo) {
  std::size_t bytes = 0;
  for (int i = 0; i < cinfo.num_components; ++i) {
    const jpeg_component_info& comp = cinfo.comp_info[i];
    const std::size_t v = static_cast<std::size_t>(comp.v_samp_factor);
    const std::size_t h = static_cast<std::size_t>(comp.h_samp_factor);
    const std::size_t wide = (comp.width_in_blocks + h - 1) / h * h;
    const std::size_t high = (comp.height_in_blocks + v - 1) / v * v;
    bytes += wide * high * sizeof(JBLOCK);
  }
  return bytes;
}

std::string Describe(const jpeg_decompress_struct& cinfo) {
  std::string text = cinfo.progressive_mode ? "progressive" : "baseline";
  if (cinfo.arith_code) text += ", arithmetic coding";
  switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
      text += ", greyscale";
      break;
    case JCS_CMYK:
      text += ", CMYK";
      break;
    case JCS_YCCK:
      text += ", YCCK";
      break;
    default:
      break;
  }
  return text;
}

bool ColourSpaceSupported(const jpeg_decompress_struct& cinfo) {
  switch (cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
      return cinfo.num_components == 1;
    case JCS_YCbCr:
    case JCS_RGB:
      return cinfo.num_components == 3;
    case JCS_CMYK:
    case JCS_YCCK:
      return cinfo.num_components == 4;
    default:
      return false;
  }
}

bool ReadAndCheckHeader(JpegJob* job, std::string* error) {
  if (!ReadHeader(job)) {
    *error = job->message;
    return false;
  }
  const jpeg_decompress_struct& cinfo = job->cinfo;
  if (std::string size = CheckPictureSize(cinfo.image_width, cinfo.image_height); !size.empty()) {
    *error = std::move(size);
    return false;
  }
  if (!ColourSpaceSupported(cinfo)) {
    *error = "a JPEG of " + std::to_string(cinfo.num_components) +
             " components in a colour space kiosk does not show (only greyscale, YCbCr, RGB, "
             "CMYK, YCCK)";
    return false;
  }
  return true;
}

}  // namespace

void JpegDecodeSize(int w, int h, int scaled_w, int scaled_h, int* decode_w, int* decode_h) {
  int eighths = 8;
  for (int m = 1; m < 8; ++m) {
    const long long dw = (static_cast<long long>(w) * m + 7) / 8;
    const long long dh = (static_cast<long long>(h) * m + 7) / 8;
    if (dw >= scaled_w && dh >= scaled_h) {
      eighths = m;
      break;
    }
  }
  *decode_w = static_cast<int>((static_cast<long long>(w) * eighths + 7) / 8);
  *decode_h = static_cast<int>((static_cast<long long>(h) * eighths + 7) / 8);
}

bool ProbeJpeg(std::string_view bytes, Header* header, std::string* error) {
  JpegJob job(bytes);
  if (!ReadAndCheckHeader(&job, error)) return false;
  const jpeg_decompress_struct& cinfo = job.cinfo;
  header->format = PictureFormat::kJpeg;
  header->width = static_cast<int>(cinfo.image_width);
  header->height = static_cast<int>(cinfo.image_height);
  header->orientation = 1;
  for (jpeg_saved_marker_ptr marker = cinfo.marker_list; marker != nullptr; marker = marker->next) {
    if (marker->marker != JPEG_APP0 + 1) continue;
    const int orientation = ExifOrientation({reinterpret_cast<const char*>(marker->data),
                                             static_cast<std::size_t>(marker->data_length)});
    if (orientation != 1) {
      header->orientation = orientation;
      break;
    }
  }
  header->whole = cinfo.progressive_mode != 0;
  header->whole_bytes = header->whole ? CoefficientBytes(cinfo) : 0;
  header->description = Describe(cinfo);
  return true;
}

std::size_t JpegWorkingBytes(const Header& header, int scaled_w, int scaled_h) {
  int decode_w = 0;
  int decode_h = 0;
  JpegDecodeSize(header.width, header.height, scaled_w, scaled_h, &decode_w, &decode_h);
  // libjpeg's buffers for one row of MCUs (up to 4 components, 2x2 subsampling, 16 rows,
  // plus the context rows of its upsampler), the coefficients of a progressive JPEG,
  // our RGBA row, the saved APP1 segments.
  const std::size_t width = static_cast<std::size_t>(decode_w);
  std::size_t bytes = width * 4 * 16 * 3 + width * 4 + 4 * 65536;
  if (header.whole) bytes += header.whole_bytes;
  return bytes + RowScaler::WorkingBytes(decode_w, decode_h, scaled_w, scaled_h, scaled_w);
}

std::optional<Picture> DecodeJpeg(std::string_view bytes, int scaled_w, int scaled_h, Box crop,
                                  int orientation, std::string* error) {
  JpegJob job(bytes);
  if (!ReadAndCheckHeader(&job, error)) return std::nullopt;
  jpeg_decompress_struct& cinfo = job.cinfo;
  int decode_w = 0;
  int decode_h = 0;
  JpegDecodeSize(static_cast<int>(cinfo.image_width), static_cast<int>(cinfo.image_height),
                 scaled_w, scaled_h, &decode_w, &decode_h);
  // The scaling JpegDecodeSize chose, as libjpeg takes it: M/8.
  unsigned eighths = 8;
  for (unsigned m = 1; m <= 8; ++m) {
    if ((static_cast<unsigned long long>(cinfo.image_width) * m + 7) / 8 ==
        static_cast<unsigned long long>(decode_w)) {
      eighths = m;
      break;
    }
  }
  cinfo.scale_num = eighths;
  cinfo.scale_denom = 8;
  job.cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  job.inverted = cinfo.saw_Adobe_marker != 0;
  cinfo.out_color_space = job.cmyk ? JCS_CMYK : JCS_EXT_RGBA;
  cinfo.dct_method = JDCT_ISLOW;
  // When shrinking, the chroma is upsampled by replication, not interpolated: the area
  // filter after it averages at least as much, and it saves about a tenth of the time.
  cinfo.do_fancy_upsampling = decode_w > scaled_w ? FALSE : TRUE;
  if (!Start(&job)) {
    *error = job.message;
    return std::nullopt;
  }
  const int width = static_cast<int>(cinfo.output_width);
  const int height = static_cast<int>(cinfo.output_height);
  RowScaler scaler;
  if (!scaler.Init(width, height, scaled_w, scaled_h, crop, orientation, error))
    return std::nullopt;
  // A crop that leaves columns out (a portrait photo covering a landscape screen): only
  // the blocks it needs go through the IDCT and the colour conversion.
  if (scaler.FirstColumnNeeded() > 0 || scaler.ColumnsEnd() < width) {
    auto first = static_cast<JDIMENSION>(scaler.FirstColumnNeeded());
    auto columns = static_cast<JDIMENSION>(scaler.ColumnsEnd() - scaler.FirstColumnNeeded());
    if (!CropColumns(&job, &first, &columns)) {
      *error = job.message;
      return std::nullopt;
    }
    job.first_column = static_cast<int>(first);
  }
  std::vector<std::uint8_t> row(static_cast<std::size_t>(cinfo.output_width) * 4);
  job.scaler = &scaler;
  job.row = row.data();
  if (!ReadRows(&job) || !scaler.Done()) {
    *error = job.message[0] != '\0' ? job.message : kCutShort;
    return std::nullopt;
  }
  // The rows after the crop are not decoded; jpeg_destroy_decompress (in ~JpegJob) ends it.
  return scaler.Take();
}

}  // namespace kiosk::image
