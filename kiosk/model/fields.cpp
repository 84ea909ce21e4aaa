#include "fields.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "diagnostics.h"

namespace kiosk {
namespace {

constexpr std::string_view kKnown =
    "known: {time}, {time:seconds}, {date}, {weekday}, {until 2015-05-29T10:00}";
constexpr std::string_view kDash = "\xE2\x80\x93";                   // –
constexpr std::string_view kTimeDash = "\xE2\x80\x93:\xE2\x80\x93";  // –:–
constexpr Millis kMinute = 60'000;
constexpr Millis kDay = 24 * 60 * kMinute;
constexpr long long kMostDays = 9999;  // a countdown's days shown at most (4 digits reserved)

struct Words {
  std::array<std::string_view, 12> months;
  std::array<std::string_view, 7> weekdays;  // Monday first
  std::string_view now;
  // Countdown units, singular and plural, and how the phrase wraps them.
  std::string_view second, seconds, minute, minutes, hour, hours, day, days;
  std::string_view before, after;  // "noch " + ... / ... + " to go"
  bool day_dot;                    // "29. Mai 2015" against "29 May 2015"
};

constexpr Words kGerman = {
    {"Januar", "Februar", "M\xC3\xA4rz", "April", "Mai", "Juni", "Juli", "August", "September",
     "Oktober", "November", "Dezember"},
    {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"},
    "jetzt",
    "Sekunde",
    "Sekunden",
    "Minute",
    "Minuten",
    "Stunde",
    "Stunden",
    "Tag",
    "Tage",
    "noch ",
    "",
    true};

constexpr Words kEnglish = {
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    "now",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "",
    " to go",
    false};

const Words& WordsFor(std::string_view lang) {
  const bool german = lang.size() >= 2 && (lang[0] == 'd' || lang[0] == 'D') &&
                      (lang[1] == 'e' || lang[1] == 'E') && (lang.size() == 2 || lang[2] == '-');
  return german ? kGerman : kEnglish;
}

std::string Two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n % 100);
  return buf;
}

std::string Count(long long n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Floor division: real times before 1970 still tick on whole minutes.
Millis FloorDiv(Millis a, Millis b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
Millis CeilDiv(Millis a, Millis b) { return -FloorDiv(-a, b); }

// The countdown at `remaining` ms: its phrase without the wrapping words, and the remaining
// time at which it next changes (-1: never).
std::string Countdown(Millis remaining, const Words& w, Millis* changes_at_remaining) {
  if (remaining <= 0) {
    *changes_at_remaining = -1;
    return std::string(w.now);
  }
  std::string phrase;
  if (remaining <= kMinute) {  // the last minute, in seconds: 60 ... 1
    const Millis s = CeilDiv(remaining, 1000);
    *changes_at_remaining = (s - 1) * 1000;
    phrase = Count(s, w.second, w.seconds);
  } else {
    const Millis m = CeilDiv(remaining, kMinute);  // 2 or more: "noch 1 Minute" is the seconds'
    if (m < 60) {
      *changes_at_remaining = (m - 1) * kMinute;
      phrase = Count(m, w.minute, w.minutes);
    } else if (m < 24 * 60) {
      *changes_at_remaining = (m - 1) * kMinute;
      phrase = Count(m / 60, w.hour, w.hours);
      if (m % 60 != 0) phrase += " " + Count(m % 60, w.minute, w.minutes);
    } else {  // whole days left
      const Millis d = m / (24 * 60);
      *changes_at_remaining = (d * 24 * 60 - 1) * kMinute;
      phrase = Count(std::min<Millis>(d, kMostDays), w.day, w.days);
    }
  }
  return std::string(w.before) + phrase + std::string(w.after);
}

std::string DateText(const CivilTime& c, const Words& w) {
  return std::to_string(c.day) + (w.day_dot ? ". " : " ") +
         std::string(w.months[static_cast<std::size_t>(c.month - 1)]) + " " +
         std::to_string(c.year);
}

bool ParseOne(std::string_view inside, Field* field, std::string* error) {
  if (inside == "time") {
    field->kind = FieldKind::kTime;
  } else if (inside == "time:seconds") {
    field->kind = FieldKind::kTimeSeconds;
  } else if (inside == "date") {
    field->kind = FieldKind::kDate;
  } else if (inside == "weekday") {
    field->kind = FieldKind::kWeekday;
  } else if (inside == "until" || inside.starts_with("until ")) {
    field->kind = FieldKind::kUntil;
    std::string_view moment = inside.substr(5);
    while (!moment.empty() && moment.front() == ' ') moment.remove_prefix(1);
    while (!moment.empty() && moment.back() == ' ') moment.remove_suffix(1);
    if (moment.empty()) {
      *error = "{until} needs a moment, e.g. {until 2015-05-29T10:00}";
      return false;
    }
    std::string why;
    if (!ParseIsoDateTime(moment, &field->until, &why)) {
      *error = "{" + EchoForUser(inside) + "}: " + why;
      return false;
    }
  } else {
    *error = "unknown field {" + EchoForUser(inside) + "} (" + std::string(kKnown) + ")";
    return false;
  }
  return true;
}

}  // namespace

bool MayHaveFields(std::string_view text) {
  return text.find_first_of("{}") != std::string_view::npos;
}

std::string EscapeBraces(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

bool ParseFields(std::string_view text, std::vector<TextPart>* parts, std::string* error) {
  parts->clear();
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        literal += '}';
        ++i;
        continue;
      }
      *error = "a '}' without its '{' (write }} for a literal brace)";
      return false;
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    const std::size_t close = text.find('}', i + 1);
    const std::size_t open = text.find('{', i + 1);
    if (close == std::string_view::npos) {
      *error = "a '{' without its '}' (write {{ for a literal brace)";
      return false;
    }
    if (open < close) {
      *error = "a '{' inside a field (write {{ for a literal brace)";
      return false;
    }
    Field field;
    if (!ParseOne(text.substr(i + 1, close - i - 1), &field, error)) return false;
    if (!literal.empty()) parts->push_back({std::move(literal), std::nullopt});
    literal.clear();
    parts->push_back({"", field});
    i = close;
  }
  if (!literal.empty()) parts->push_back({std::move(literal), std::nullopt});
  return true;
}

Millis UntilMoment(const Field& field, const TimeZone& zone) {
  const IsoDateTime& u = field.until;
  if (!u.offset_minutes) return zone.FromLocal(u.civil);
  CivilTime c = u.civil;
  const Millis local = DaysFromCivil(c.year, c.month, c.day) * kDay +
                       ((c.hour * 60LL + c.minute) * 60 + c.second) * 1000 + c.millis;
  return local - *u.offset_minutes * kMinute;
}

std::string FormatField(const Field& field, const WallTime& wall, const TimeZone& zone,
                        std::string_view lang) {
  const Words& w = WordsFor(lang);
  if (!wall.trusted) {
    return std::string(field.kind == FieldKind::kTime || field.kind == FieldKind::kTimeSeconds
                           ? kTimeDash
                           : kDash);
  }
  if (field.kind == FieldKind::kUntil) {
    Millis unused = 0;
    return Countdown(UntilMoment(field, zone) - wall.real_ms, w, &unused);
  }
  const LocalTime t = zone.ToLocal(wall.real_ms);
  switch (field.kind) {
    case FieldKind::kTime:
      return Two(t.civil.hour) + ":" + Two(t.civil.minute);
    case FieldKind::kTimeSeconds:
      return Two(t.civil.hour) + ":" + Two(t.civil.minute) + ":" + Two(t.civil.second);
    case FieldKind::kDate:
      return DateText(t.civil, w);
    case FieldKind::kWeekday:
      return std::string(w.weekdays[static_cast<std::size_t>(t.weekday)]);
    case FieldKind::kUntil:
      break;
  }
  return {};
}

Millis NextFieldChange(const Field& field, const WallTime& wall, const TimeZone& zone) {
  if (!wall.trusted) return -1;
  const Millis now = wall.real_ms;
  switch (field.kind) {
    case FieldKind::kTime:
    case FieldKind::kTimeSeconds: {
      // Zones' offsets are whole minutes today (LMT of the 19th century aside): the local
      // minute and second turn with the real one.
      const LocalTime t = zone.ToLocal(now);
      const Millis into_second = t.civil.millis;
      if (field.kind == FieldKind::kTimeSeconds) return now - into_second + 1000;
      return now - into_second - t.civil.second * 1000LL + kMinute;
    }
    case FieldKind::kDate:
    case FieldKind::kWeekday: {
      const LocalTime t = zone.ToLocal(now);
      CivilTime next = CivilFromDays(DaysFromCivil(t.civil.year, t.civil.month, t.civil.day) + 1);
      const Millis midnight = zone.FromLocal(next);
      return midnight > now ? midnight : now + kMinute;  // a zone that never reaches it: retry
    }
    case FieldKind::kUntil: {
      const Millis moment = UntilMoment(field, zone);
      Millis at_remaining = -1;
      Countdown(moment - now, kEnglish, &at_remaining);
      return at_remaining < 0 ? -1 : moment - at_remaining;
    }
  }
  return -1;
}

std::vector<std::string> FieldShapes(const Field& field, std::string_view lang, char digit) {
  const Words& w = WordsFor(lang);
  const std::string d2(2, digit);
  const std::string d4(4, digit);
  std::vector<std::string> out;
  switch (field.kind) {
    case FieldKind::kTime:
      out = {d2 + ":" + d2, std::string(kTimeDash)};
      break;
    case FieldKind::kTimeSeconds:
      out = {d2 + ":" + d2 + ":" + d2, std::string(kTimeDash)};
      break;
    case FieldKind::kDate:
      for (std::string_view month : w.months) {
        out.push_back(d2 + (w.day_dot ? ". " : " ") + std::string(month) + " " + d4);
      }
      out.emplace_back(kDash);
      break;
    case FieldKind::kWeekday:
      for (std::string_view day : w.weekdays) out.emplace_back(day);
      out.emplace_back(kDash);
      break;
    case FieldKind::kUntil: {
      const std::string before(w.before), after(w.after);
      const auto unit = [&](const std::string& n, std::string_view u) {
        return n + " " + std::string(u);
      };
      out = {std::string(w.now),
             before + unit(d2, w.seconds) + after,
             before + unit(d2, w.minutes) + after,
             before + unit(d2, w.hours) + " " + unit(d2, w.minutes) + after,
             before + unit(std::string(1, digit), w.hour) + " " + unit(d2, w.minutes) + after,
             before + unit(d2, w.hours) + " " + unit(std::string(1, digit), w.minute) + after,
             before + unit(d4, w.days) + after,
             before + unit(std::string(1, digit), w.day) + after,
             std::string(kDash)};
      break;
    }
  }
  return out;
}

}  // namespace kiosk
