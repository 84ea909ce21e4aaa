// Slide text with live fields (fields.h), as the Deck lays it out and draws it.
//
// A text's fields become placeholder characters (one code point each, from the end of the
// last private-use plane) before layout. The layout measures them through FieldMeasurer as the
// widest value the field can take in the playlist's language and font, and the line breaker
// never splits one (a single code point). So the slide's size and line breaks are fixed
// whatever the time: only the lines that hold a field are drawn with the current values
// (Deck::LiveItems), and only they are rasterised again when a value changes.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "fields.h"
#include "layout_types.h"

namespace kiosk {

// `text` with each field as a placeholder, the fields appended to *fields (numbered across
// the calls for one slide). A text that does not parse (an error screen's, a live
// announcement's) is shown as it is. At most kMaxPlaceholders fields per slide; more show as
// their placeholder's widest value's dash.
std::string PlaceholderText(std::string_view text, std::vector<Field>* fields);
inline constexpr std::size_t kMaxPlaceholders = 256;

// Whether `text` holds a placeholder.
bool HasPlaceholder(std::string_view text);

// `text` with placeholder i replaced by values[i].
std::string FillPlaceholders(std::string_view text, const std::vector<std::string>& values);

// The values of `fields` at `wall`.
std::vector<std::string> FieldValues(const std::vector<Field>& fields, const WallTime& wall,
                                     const TimeZone& zone, std::string_view lang);

// The soonest real time at which one of `fields` changes; -1: none will.
Millis NextChange(const std::vector<Field>& fields, const WallTime& wall, const TimeZone& zone);

// A text with its fields filled in at `wall` (the announcement band), as it is if it does not
// parse.
std::string FillFields(std::string_view text, const WallTime& wall, const TimeZone& zone,
                       std::string_view lang);
// When FillFields' result next changes; -1: never.
Millis NextFieldsChange(std::string_view text, const WallTime& wall, const TimeZone& zone);

// Measures placeholders as the widest value of their field (FieldShapes, with the font's
// widest digit) at the size asked.
class FieldMeasurer : public TextMeasurer {
 public:
  FieldMeasurer(TextMeasurer& inner, const std::vector<Field>& fields, std::string lang)
      : inner_(inner), fields_(fields), lang_(std::move(lang)) {}
  int Width(std::string_view text, FontStyle style, int px) override;
  int LineHeight(FontStyle style, int px) override { return inner_.LineHeight(style, px); }
  // The widest value of field `i` at `style` and `px`.
  const std::string& Widest(std::size_t i, FontStyle style, int px);

 private:
  TextMeasurer& inner_;
  const std::vector<Field>& fields_;
  std::string lang_;
  std::map<std::tuple<std::size_t, FontStyle, int>, std::string> widest_;
};

}  // namespace kiosk
