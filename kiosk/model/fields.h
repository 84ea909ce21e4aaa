// Live fields in slide text: "Es ist {time} Uhr", "{weekday}, {date}", "Die Eröffnung beginnt
// {until 2015-05-29T10:00}". A text is parsed into literal parts and fields ("{{" and "}}"
// are literal braces); a field is formatted for a moment in the playlist's zone and language,
// and says when its visible value next changes, so the show wakes exactly then. Pure: the time
// is an argument, the zone comes from local_time.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "local_time.h"

namespace kiosk {

enum class FieldKind {
  kTime,         // {time}: "09:05" (24 hours, every language)
  kTimeSeconds,  // {time:seconds}: "09:05:30"
  kDate,         // {date}: "29. Mai 2015", "29 May 2015"
  kWeekday,      // {weekday}: "Freitag", "Friday"
  kUntil,        // {until 2015-05-29T10:00}: "noch 12 Minuten", "12 minutes to go"
};

struct Field {
  FieldKind kind = FieldKind::kTime;
  IsoDateTime until;  // kUntil's moment: local in the playlist's zone unless it names an offset
  bool operator==(const Field& o) const {
    return kind == o.kind && until.civil == o.until.civil && until.has_time == o.until.has_time &&
           until.offset_minutes == o.until.offset_minutes;
  }
};

// A literal text, or a field (then `literal` is empty).
struct TextPart {
  std::string literal;
  std::optional<Field> field;
};

// Splits `text` into parts; "{{" and "}}" are literal braces. False with *error (without a
// path, e.g. "unknown field {tiem} (known: ...)") on an unknown field, a bad moment in
// {until ...} or an unbalanced brace.
bool ParseFields(std::string_view text, std::vector<TextPart>* parts, std::string* error);

// Whether `text` has anything ParseFields would change (a brace).
bool MayHaveFields(std::string_view text);

// "{{" for every "{" and "}}" for every "}": `text` shown as it is.
std::string EscapeBraces(std::string_view text);

// The real time of an {until ...} moment.
Millis UntilMoment(const Field& field, const TimeZone& zone);

// The field's value at `wall` in `zone`, in `lang` ("de..." German, anything else English).
// Before the clock is trusted every field shows a dash ("–:–" for times).
std::string FormatField(const Field& field, const WallTime& wall, const TimeZone& zone,
                        std::string_view lang);

// The real time (ms) at which FormatField's value next changes after `wall`; -1 if it never
// does (a countdown past its moment, or a clock not trusted yet: its trust changing is
// the show's to notice). Minute ticks for {time} and minute countdowns, seconds for
// {time:seconds} and a countdown's last minute, the zone's midnight for {date}/{weekday}.
Millis NextFieldChange(const Field& field, const WallTime& wall, const TimeZone& zone);

// Every shape FormatField's value can take in `lang` with each digit written as `digit`
// (and the placeholder): the layout reserves the widest of them, so the text does not
// move as the value changes.
std::vector<std::string> FieldShapes(const Field& field, std::string_view lang, char digit);

}  // namespace kiosk
