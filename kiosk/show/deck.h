// A playlist laid out for one screen: layouts are computed on first use and kept until
// the playlist, the size or the hyphenation changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "color.h"
#include "fields.h"
#include "layout.h"
#include "playlist.h"
#include "slide_regions.h"

namespace kiosk {

struct TextItem {
  std::string text;
  FontStyle style = FontStyle::kRegular;
  int px = 0;
  Box box;
  Color color;
  bool rtl = false;  // in a right-to-left paragraph
  bool operator==(const TextItem&) const = default;
};

// A picture to draw: a file, or a QR code, fitted into a box on screen (PlacePicture in
// picture.h says where its pixels go), with an overlay over the box. The drawers decode and
// scale it once (ahead of time, off the frame path) and keep the pixels with the slide.
// A QR code's box is a square: the code (RenderQr at box.w) is drawn centred in it. With
// neither a file nor a QR text the item is only its overlay: a slide's background colour.
struct PictureItem {
  std::string file;     // the picture's file (resolved); empty for a QR code
  std::string qr_text;  // a QR code's text (when file is empty)
  Box box;              // the area it is fitted into, in screen pixels; nothing drawn outside
  bool cover = false;
  double focus_x = 0.5, focus_y = 0.5;
  Color overlay{0, 0, 0, 0};  // filled over `box` after the picture (alpha 0: none)
  bool operator==(const PictureItem&) const = default;
};

class Deck {
 public:
  explicit Deck(TextMeasurer& measurer) : measurer_(measurer) {}

  // `pictures`: the sizes of the playlist's pictures (LoadContent probes them); a picture
  // that could not be read is left out and its slide laid out without it.
  void SetPlaylist(Playlist playlist, PictureSizes pictures = {});
  void SetScreen(int w, int h);
  // Hyphenate from now on. The slides in `keep` (those on screen) keep their layout, so
  // nothing visibly jumps; they are laid out anew the next time anything changes.
  void SetHyphenator(const Hyphenator* hyphenator, std::span<const std::size_t> keep = {});

  const Playlist& playlist() const { return playlist_; }
  int width() const { return w_; }
  int height() const { return h_; }

  const SlideLayout& Layout(std::size_t slide);
  // Identifies the layout Layout(slide) gives; a new layout gets a new number.
  std::uint64_t Version(std::size_t slide);
  // The slide's spans as coloured text items in screen coordinates: the lines without live
  // fields (field_text.h), which are rasterised once per layout.
  std::vector<TextItem> Items(std::size_t slide);
  // The lines with live fields, filled in for `wall`: each span one item. The layout kept
  // room for each field's widest value; the line is aligned again for the values it shows.
  // Kept until a value changes, so equal times give equal (and cheap) items.
  const std::vector<TextItem>& LiveItems(std::size_t slide, const WallTime& wall);
  // The real time at which one of the slide's fields next changes; -1: none will.
  Millis NextFieldChange(std::size_t slide, const WallTime& wall) const;
  // The zone the fields are shown in: the playlist's, else the system's.
  const TimeZone& zone() const { return zone_; }
  // The slide's own pictures (its background, image, QR code), in drawing order, under
  // its text; they crossfade with the slide. The theme's background picture and logo are
  // the Frame's (they do not fade).
  std::vector<PictureItem> Pictures(std::size_t slide);
  // An announcement's text as text items in its band (announcement.h), in the theme's
  // background colour; laid out once per text, kept until anything here changes.
  // Its fields (field_text.h) are laid out at their widest and filled in for `wall`.
  const std::vector<TextItem>& Band(const std::string& text, const WallTime& wall = {});
  // A text shown besides the slides (an announcement sent while the show runs): its words
  // count as the playlist's for HyphenateAllWords, so patterns released before it came are
  // loaded again for it.
  void SetAnnouncement(std::string text) { announcement_ = std::move(text); }
  const std::string& announcement() const { return announcement_; }
  // Text the slides may show later (a programme's next titles): asked about like theirs.
  void SetMoreWords(std::string text) { more_words_ = std::move(text); }
  // Where the slide's text, picture or QR code, caption and logo go.
  const SlideRegions& Regions(std::size_t slide);
  // The theme's background picture with its overlay, full screen (Frame::under), and its
  // logo in its corner (Frame::over); none when there is none or its file is unusable.
  std::vector<PictureItem> Under() const;
  std::vector<PictureItem> Over() const;
  const PictureSizes& picture_sizes() const { return pictures_; }
  // Asks the hyphenator about every word of every slide (QR captions too), of the
  // playlist's announcement and of SetAnnouncement's (so it can release its patterns).
  // Returns how many hyphenation points the playlist has.
  std::size_t HyphenateAllWords();
  // With theme.uniform_size: the body size every slide uses (the smallest any needs).
  int UniformBodyPx();
  TextMeasurer& measurer() { return measurer_; }

  // Called after each new layout (the show logs slides that went below the minimum).
  using LayoutHook = std::function<void(std::size_t, const SlideLayout&, const LayoutLimits&)>;
  void OnLayout(LayoutHook hook) { on_layout_ = std::move(hook); }

 private:
  struct Entry {
    SlideLayout layout;
    SlideRegions regions;
    std::vector<TextItem> caption;  // a QR code's caption lines
    std::uint64_t version = 0;
    std::vector<std::string> live_values;  // LiveItems' last values, and its items
    std::vector<TextItem> live_items;
    bool live_made = false;
  };
  // The slide as laid out: its fields as placeholders (field_text.h), and those fields.
  struct Laid {
    Slide slide;
    std::vector<Field> fields;
  };
  SlideLayout LayoutOf(std::size_t slide, const LayoutLimits& limits);
  void Invalidate(std::span<const std::size_t> keep = {});
  LayoutLimits Limits() const;
  // The slide's regions and caption; the limits its text is laid out with.
  SlideRegions PlaceSlide(std::size_t slide, std::vector<TextItem>* caption);
  bool Usable(const std::string& file) const;    // not known to be unreadable
  double Aspect(const std::string& file) const;  // 0: not known

  TextMeasurer& measurer_;
  const Hyphenator* hyphenator_ = nullptr;
  Playlist playlist_;
  PictureSizes pictures_;
  int w_ = 0, h_ = 0;
  std::uint64_t next_version_ = 1;
  std::vector<std::optional<Entry>> layouts_;
  std::vector<Laid> laid_;  // per slide
  TimeZone zone_ = TimeZone::Utc();
  std::optional<int> uniform_px_;
  struct BandCache {
    std::string text;
    std::vector<Field> fields;
    SlideLayout layout;
    std::vector<std::string> values;  // the items' values
    std::vector<TextItem> items;
    bool made = false;
  };
  std::optional<BandCache> band_;
  std::string announcement_;
  std::string more_words_;
  LayoutHook on_layout_;
};

}  // namespace kiosk
