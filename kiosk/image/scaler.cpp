#include "scaler.h"

#include <algorithm>
#include <cmath>

namespace kiosk {

namespace {

constexpr int kShift = 14;
constexpr std::uint32_t kOne = 1u << kShift;  // the weights of one output pixel add up to this
constexpr std::uint32_t kHalf = kOne / 2;
constexpr std::uint32_t kOpaque = 255 * 255;  // alpha 255 in the x255 domain

// Source taps per output pixel along one axis, at most: a shrink by n/m reads ceil(n/m) + 1
// source pixels (the two at the ends partly), an enlargement 2.
long long MaxTaps(long long src, long long scaled) {
  return scaled < src ? (src + scaled - 1) / scaled + 1 : 2;
}

}  // namespace

RowScaler::Taps RowScaler::MakeTaps(int src, int scaled, int out_first, int out_count) {
  Taps taps;
  taps.first.reserve(static_cast<std::size_t>(out_count));
  taps.offset.reserve(static_cast<std::size_t>(out_count));
  taps.count.reserve(static_cast<std::size_t>(out_count));
  const long long n = src;
  const long long m = scaled;
  for (int i = out_first; i < out_first + out_count; ++i) {
    taps.first.push_back(0);
    taps.offset.push_back(static_cast<int>(taps.weights.size()));
    if (m <= n) {
      // Area: output i covers [i*n, (i+1)*n) and source j covers [j*m, (j+1)*m), both in
      // units of 1/m of a source pixel; each source pixel weighs what it overlaps.
      const long long begin = i * n;
      const long long end = (i + 1) * n;
      const long long j0 = begin / m;
      const long long j1 = (end - 1) / m;
      long long covered = 0;
      std::uint32_t given = 0;
      for (long long j = j0; j <= j1; ++j) {
        covered += std::min((j + 1) * m, end) - std::max(j * m, begin);
        // Rounded on the running total, so the weights add up to exactly kOne.
        const auto upto = static_cast<std::uint32_t>((covered * kOne + n / 2) / n);
        taps.weights.push_back(static_cast<std::uint16_t>(upto - given));
        given = upto;
      }
      taps.first.back() = static_cast<int>(j0);
      taps.count.push_back(static_cast<int>(j1 - j0 + 1));
    } else {
      // Bilinear between the two source pixels around the output pixel's centre.
      const double u =
          (static_cast<double>(2 * i + 1) * static_cast<double>(n) - static_cast<double>(m)) /
          static_cast<double>(2 * m);
      if (u <= 0 || u >= static_cast<double>(n - 1)) {
        taps.first.back() = u <= 0 ? 0 : static_cast<int>(n - 1);
        taps.weights.push_back(static_cast<std::uint16_t>(kOne));
        taps.count.push_back(1);
      } else {
        const double j0 = std::floor(u);
        const auto right = static_cast<std::uint32_t>(std::lround((u - j0) * kOne));
        taps.first.back() = static_cast<int>(j0);
        taps.weights.push_back(static_cast<std::uint16_t>(kOne - right));
        taps.weights.push_back(static_cast<std::uint16_t>(right));
        taps.count.push_back(2);
      }
    }
    taps.max_count = std::max(taps.max_count, taps.count.back());
  }
  return taps;
}

bool RowScaler::Init(int src_w, int src_h, int scaled_w, int scaled_h, Box crop, int orientation,
                     std::string* error) {
  if (src_w <= 0 || src_h <= 0 || scaled_w <= 0 || scaled_h <= 0) {
    *error = "no pixels to scale";
    return false;
  }
  if (crop.w <= 0 || crop.h <= 0 || crop.x < 0 || crop.y < 0 || crop.x > scaled_w - crop.w ||
      crop.y > scaled_h - crop.h) {
    *error = "the part to keep is not inside the scaled picture";
    return false;
  }
  src_w_ = src_w;
  src_h_ = src_h;
  crop_ = crop;
  x_taps_ = MakeTaps(src_w, scaled_w, crop.x, crop.w);
  y_taps_ = MakeTaps(src_h, scaled_h, crop.y, crop.h);
  ring_rows_ = y_taps_.max_count;
  const std::size_t stride = static_cast<std::size_t>(crop.w) * 4;
  ring_.assign(stride * static_cast<std::size_t>(ring_rows_), 0);
  sum_.assign(stride, 0);
  next_src_ = 0;
  next_out_ = 0;
  rows_needed_ = y_taps_.first.back() + y_taps_.count.back();
  out_ = Picture{};
  orientation_ = orientation >= 1 && orientation <= 8 ? orientation : 1;
  const bool transposed = orientation_ >= 5;
  out_.width = transposed ? crop.h : crop.w;
  out_.height = transposed ? crop.w : crop.h;
  out_.argb.resize(static_cast<std::size_t>(crop.w) * static_cast<std::size_t>(crop.h));
  any_alpha_ = false;
  return true;
}

void RowScaler::PushRow(const std::uint8_t* rgba, bool opaque, int first_column) {
  const int row = next_src_++;
  if (next_out_ >= crop_.h || row < y_taps_.first.front() || row >= rows_needed_) return;
  std::uint16_t* dst = ring_.data() + static_cast<std::size_t>(row % ring_rows_) *
                                          static_cast<std::size_t>(crop_.w) * 4;
  const std::uint16_t* weights = x_taps_.weights.data();
  for (int x = 0; x < crop_.w; ++x) {
    const std::uint8_t* p = rgba + static_cast<std::size_t>(x_taps_.first[x] - first_column) * 4;
    const std::uint16_t* w = weights + x_taps_.offset[x];
    const int count = x_taps_.count[x];
    std::uint32_t r = 0, g = 0, b = 0, a = 0;
    if (opaque) {
      for (int k = 0; k < count; ++k, p += 4) {
        r += p[0] * w[k];
        g += p[1] * w[k];
        b += p[2] * w[k];
      }
      // Colour x 255, as the alpha of an opaque pixel is 255.
      r *= 255;
      g *= 255;
      b *= 255;
      a = kOpaque * kOne;
    } else {
      for (int k = 0; k < count; ++k, p += 4) {
        const std::uint32_t wa = p[3] * w[k];
        r += p[0] * wa;
        g += p[1] * wa;
        b += p[2] * wa;
        a += 255 * wa;
      }
    }
    dst[0] = static_cast<std::uint16_t>((r + kHalf) >> kShift);
    dst[1] = static_cast<std::uint16_t>((g + kHalf) >> kShift);
    dst[2] = static_cast<std::uint16_t>((b + kHalf) >> kShift);
    dst[3] = static_cast<std::uint16_t>((a + kHalf) >> kShift);
    dst += 4;
  }
  while (next_out_ < crop_.h && y_taps_.first[next_out_] + y_taps_.count[next_out_] - 1 <= row) {
    EmitRow(next_out_++);
  }
}

void RowScaler::EmitRow(int out_y) {
  const std::size_t stride = static_cast<std::size_t>(crop_.w) * 4;
  std::fill(sum_.begin(), sum_.end(), 0u);
  const int first = y_taps_.first[out_y];
  const std::uint16_t* w = y_taps_.weights.data() + y_taps_.offset[out_y];
  for (int k = 0; k < y_taps_.count[out_y]; ++k) {
    const std::uint32_t weight = w[k];
    const std::uint16_t* src =
        ring_.data() + static_cast<std::size_t>((first + k) % ring_rows_) * stride;
    std::uint32_t* sum = sum_.data();
    for (std::size_t i = 0; i < stride; ++i) sum[i] += weight * src[i];
  }
  // Where this row's pixels go in the turned picture: from index `base` on, `step` apart.
  const std::ptrdiff_t cw = crop_.w;
  const std::ptrdiff_t ch = crop_.h;
  const std::ptrdiff_t y = out_y;
  const std::ptrdiff_t shown_w = out_.width;
  std::ptrdiff_t base = y * shown_w;
  std::ptrdiff_t step = 1;
  switch (orientation_) {
    case 2:  // mirrored
      base = y * shown_w + cw - 1, step = -1;
      break;
    case 3:  // upside down
      base = (ch - 1 - y) * shown_w + cw - 1, step = -1;
      break;
    case 4:  // mirrored upside down
      base = (ch - 1 - y) * shown_w;
      break;
    case 5:  // transposed: stored row y is shown column y
      base = y, step = shown_w;
      break;
    case 6:  // turned clockwise to show: stored row y is shown column ch - 1 - y, downwards
      base = ch - 1 - y, step = shown_w;
      break;
    case 7:
      base = (cw - 1) * shown_w + ch - 1 - y, step = -shown_w;
      break;
    case 8:
      base = (cw - 1) * shown_w + y, step = -shown_w;
      break;
    default:
      break;
  }
  std::uint32_t* const pixels = out_.argb.data();
  const std::uint32_t* s = sum_.data();
  for (std::ptrdiff_t x = 0, at = base; x < cw; ++x, s += 4, at += step) {
    std::uint32_t* const out = pixels + at;
    const std::uint32_t alpha = (s[3] + kHalf) >> kShift;  // 0..65025
    std::uint32_t r = (s[0] + kHalf) >> kShift;
    std::uint32_t g = (s[1] + kHalf) >> kShift;
    std::uint32_t b = (s[2] + kHalf) >> kShift;
    if (alpha >= kOpaque) {
      *out = 0xff000000u | ((r + 127) / 255) << 16 | ((g + 127) / 255) << 8 | (b + 127) / 255;
      continue;
    }
    any_alpha_ = true;
    if (alpha == 0) {
      *out = 0;
      continue;
    }
    // Back to straight alpha: colour = premultiplied / alpha.
    r = std::min<std::uint32_t>(255, (r * 255 + alpha / 2) / alpha);
    g = std::min<std::uint32_t>(255, (g * 255 + alpha / 2) / alpha);
    b = std::min<std::uint32_t>(255, (b * 255 + alpha / 2) / alpha);
    *out = ((alpha + 127) / 255) << 24 | r << 16 | g << 8 | b;
  }
}

Picture RowScaler::Take() {
  out_.opaque = !any_alpha_;
  if (!out_.opaque) {
    out_.opaque = std::all_of(out_.argb.begin(), out_.argb.end(),
                              [](std::uint32_t p) { return (p >> 24) == 255; });
  }
  Picture done = std::move(out_);
  out_ = Picture{};
  ring_ = {};
  return done;
}

std::size_t RowScaler::WorkingBytes(int src_w, int src_h, int scaled_w, int scaled_h, int crop_w) {
  if (src_w <= 0 || src_h <= 0 || scaled_w <= 0 || scaled_h <= 0 || crop_w <= 0) return 0;
  const long long x_taps = MaxTaps(src_w, scaled_w);
  const long long y_taps = MaxTaps(src_h, scaled_h);
  const long long ring = y_taps * crop_w * 4 * 2 + crop_w * 4LL * 4;
  const long long tables = crop_w * (12 + 2 * x_taps) + scaled_h * (12 + 2 * y_taps);
  return static_cast<std::size_t>(ring + tables);
}

}  // namespace kiosk
