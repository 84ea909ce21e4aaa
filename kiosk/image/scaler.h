// Scaling rows as they come from a decoder: an area (box) filter to shrink, bilinear to
// enlarge, both on premultiplied alpha (so a transparent pixel's colour never bleeds into
// its neighbours as a dark or coloured fringe), in fixed point. Only the rows and columns
// of the crop are computed, and only as many source rows are kept as one output row needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "layout_types.h"
#include "picture.h"

namespace kiosk {

class RowScaler {
 public:
  // A src_w x src_h picture scaled to scaled_w x scaled_h, of which `crop` is kept, and
  // turned as the EXIF `orientation` (1..8) says while its rows are written: the result is
  // crop.w x crop.h, or crop.h x crop.w for orientations 5..8, and no copy is made to turn
  // it. False (with *error) when a size is not positive or the crop is not inside the
  // scaled size.
  bool Init(int src_w, int src_h, int scaled_w, int scaled_h, Box crop, int orientation,
            std::string* error);
  // The next source row (rows 0, 1, ... in order): pixels R, G, B, A (straight alpha) of
  // columns first_column ... (at least up to ColumnsEnd()). `opaque`: every alpha is 255
  // (saves the multiplications).
  void PushRow(const std::uint8_t* rgba, bool opaque, int first_column = 0);
  // Columns before FirstColumnNeeded() and from ColumnsEnd() on change nothing.
  int FirstColumnNeeded() const { return x_taps_.first.empty() ? 0 : x_taps_.first.front(); }
  int ColumnsEnd() const {
    return x_taps_.first.empty() ? 0 : x_taps_.first.back() + x_taps_.count.back();
  }
  // Rows before this one change nothing: a decoder may skip them (SkipRows) undecoded.
  int FirstRowNeeded() const { return y_taps_.first.empty() ? 0 : y_taps_.first.front(); }
  // Rows from this one on change nothing: a decoder may stop reading there.
  int RowsNeeded() const { return rows_needed_; }
  // Instead of PushRow for the first `rows` rows, all before FirstRowNeeded().
  void SkipRows(int rows) { next_src_ += rows; }
  bool Done() const { return next_out_ == crop_.h; }
  // The finished picture; only when Done().
  Picture Take();

  // The bytes Init and PushRow allocate, besides the result (crop_w x crop_h x 4).
  static std::size_t WorkingBytes(int src_w, int src_h, int scaled_w, int scaled_h, int crop_w);

 private:
  struct Taps {
    std::vector<int> first;              // the first source index of each output index
    std::vector<int> offset;             // where its weights start in `weights`
    std::vector<int> count;              // how many source indices it reads
    std::vector<std::uint16_t> weights;  // each output's weights add up to kOne
    int max_count = 0;
  };
  static Taps MakeTaps(int src, int scaled, int out_first, int out_count);
  void EmitRow(int out_y);

  int src_w_ = 0, src_h_ = 0;
  Box crop_;
  Taps x_taps_, y_taps_;
  int orientation_ = 1;
  int ring_rows_ = 0;
  // Horizontally scaled source rows, premultiplied, each value 0..65025 (colour x alpha,
  // alpha x 255), crop_.w x 4 per row; row r is at r % ring_rows_.
  std::vector<std::uint16_t> ring_;
  std::vector<std::uint32_t> sum_;
  int next_src_ = 0;  // the source row PushRow gets next
  int next_out_ = 0;  // the crop row emitted next
  int rows_needed_ = 0;
  Picture out_;
  bool any_alpha_ = false;
};

}  // namespace kiosk
