#include "playlist_time.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "playlist.h"
#include "wall_clock.h"

namespace kiosk {
namespace {

using nlohmann::json;

std::string Quoted(std::string_view s) { return "\"" + EchoForUser(s) + "\""; }

std::string Kind(const json& v) {
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  if (v.is_boolean()) return "true or false";
  if (v.is_null()) return "null";
  return "a number";
}

// "2015-05-29" (the whole day) or "2015-05-29T18:00", no offset: local time.
bool Moment(const json& v, const std::string& path, IsoDateTime* out,
            std::vector<TimeProblem>* problems) {
  const std::string must =
      "must be a date such as \"2015-05-29\" or a local time such as \"2015-05-29T18:00\"";
  if (!v.is_string()) {
    problems->push_back({path, must + ", not " + Kind(v)});
    return false;
  }
  std::string error;
  const std::string& s = v.get_ref<const std::string&>();
  if (!ParseIsoDateTime(s, out, &error)) {
    problems->push_back({path, must + ", not " + Quoted(s) + " (" + error + ")"});
    return false;
  }
  if (out->offset_minutes) {
    problems->push_back({path, "has an offset (" + Quoted(s) +
                                   "): write the local time of the playlist's \"timezone\""});
    return false;
  }
  return true;
}

bool Date(std::string_view s, const std::string& path, long long* day,
          std::vector<TimeProblem>* problems) {
  IsoDateTime iso;
  std::string error;
  if (!ParseIsoDateTime(s, &iso, &error) || iso.has_time || iso.offset_minutes) {
    problems->push_back({path,
                         "must be a date such as \"2015-05-29\" or a range such as "
                         "\"2015-05-29/2015-05-31\", not " +
                             Quoted(s) + (error.empty() ? "" : " (" + error + ")")});
    return false;
  }
  *day = DaysFromCivil(iso.civil.year, iso.civil.month, iso.civil.day);
  return true;
}

template <typename Each>
void ArrayOf(const json& when, std::string_view key, const std::string& path, const char* example,
             std::vector<TimeProblem>* problems, Each each) {
  auto it = when.find(key);
  if (it == when.end()) return;
  const std::string p = path + "." + std::string(key);
  if (!it->is_array()) {
    problems->push_back(
        {p, "must be an array of strings such as " + std::string(example) + ", not " + Kind(*it)});
    return;
  }
  if (it->empty()) {
    problems->push_back({p,
                         "is empty: the slide would never show (leave the key out for "
                         "\"any\")"});
    return;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& e = (*it)[i];
    const std::string ep = p + "[" + std::to_string(i) + "]";
    if (!e.is_string()) {
      problems->push_back(
          {ep, "must be a string such as " + std::string(example) + ", not " + Kind(e)});
      continue;
    }
    each(e.get_ref<const std::string&>(), ep);
  }
}

}  // namespace

void ParseTimezone(const json& value, std::string* out, std::vector<TimeProblem>* problems) {
  if (!value.is_string()) {
    problems->push_back(
        {"timezone", "must be a time zone name such as \"Europe/Berlin\", not " + Kind(value)});
    return;
  }
  const std::string& name = value.get_ref<const std::string&>();
  std::string error;
  if (!TimeZone::Named(name, &error)) {
    problems->push_back({"timezone", "unknown time zone " + Quoted(name) +
                                         ": use an IANA name such as \"Europe/Berlin\""});
    return;
  }
  *out = name;
}

void ParseWhen(const json& value, const std::string& path, TimeRule* out,
               std::vector<TimeProblem>* problems) {
  if (!value.is_object()) {
    problems->push_back({path,
                         "must be an object such as {\"weekdays\": [\"sat\"], \"times\": "
                         "[\"09:00-12:00\"]}, not " +
                             Kind(value)});
    return;
  }
  IsoDateTime from;
  IsoDateTime until;
  const bool has_from =
      value.contains("from") && Moment(value["from"], path + ".from", &from, problems);
  const bool has_until =
      value.contains("until") && Moment(value["until"], path + ".until", &until, problems);
  if (has_from) out->from = from.civil;
  if (has_until) {
    // A date alone means the whole day: until the next midnight.
    CivilTime end = until.civil;
    if (!until.has_time) {
      end = CivilFromDays(DaysFromCivil(end.year, end.month, end.day) + 1);
    }
    out->until = end;
  }
  if (has_from && has_until && !(*out->from < *out->until)) {
    problems->push_back({path + ".until", "ends before it starts (\"from\" is later)"});
  }
  ArrayOf(value, "dates", path, "\"2015-05-29\" or \"2015-05-29/2015-05-31\"", problems,
          [&](const std::string& s, const std::string& p) {
            const auto slash = s.find('/');
            DayRange r;
            if (slash == std::string::npos) {
              if (Date(s, p, &r.first, problems)) {
                r.last = r.first;
                out->days.push_back(r);
              }
              return;
            }
            if (!Date(s.substr(0, slash), p, &r.first, problems) ||
                !Date(s.substr(slash + 1), p, &r.last, problems)) {
              return;
            }
            if (r.last < r.first) {
              problems->push_back({p, "ends before it starts (" + Quoted(s) + ")"});
              return;
            }
            out->days.push_back(r);
          });
  if (value.contains("weekdays")) out->weekdays = 0;
  ArrayOf(value, "weekdays", path, "\"sat\", \"mon-fri\" or \"Samstag\"", problems,
          [&](const std::string& s, const std::string& p) {
            const auto dash = s.find('-');
            const int a = WeekdayFromName(s.substr(0, dash));
            const int b = dash == std::string::npos ? a : WeekdayFromName(s.substr(dash + 1));
            if (a < 0 || b < 0) {
              problems->push_back({p, "unknown weekday " + Quoted(s) +
                                          ": use mon ... sun, monday ... sunday, mo ... so or "
                                          "montag ... sonntag, or a range such as \"mon-fri\""});
              return;
            }
            for (int d = a;; d = (d + 1) % 7) {
              out->weekdays = static_cast<std::uint8_t>(out->weekdays | (1u << d));
              if (d == b) break;
            }
          });
  if (value.contains("weekdays") && out->weekdays == 0) out->weekdays = 0x7f;  // reported
  ArrayOf(value, "times", path, "\"09:00-12:00\" or \"22:00-02:00\"", problems,
          [&](const std::string& s, const std::string& p) {
            const auto dash = s.find('-');
            TimeWindow w;
            std::string error;
            if (dash == std::string::npos || !ParseClockTime(s.substr(0, dash), &w.start, &error) ||
                !ParseClockTime(s.substr(dash + 1), &w.end, &error)) {
              problems->push_back({p,
                                   "must be a window such as \"09:00-12:00\" (or across "
                                   "midnight \"22:00-02:00\"), not " +
                                       Quoted(s) + (error.empty() ? "" : " (" + error + ")")});
              return;
            }
            if (w.start == 1440) w.start = 0;
            if (w.start == w.end || (w.start == 0 && w.end == 0)) {
              problems->push_back({p, "is empty: it ends when it starts (" + Quoted(s) +
                                          "); a whole day is \"00:00-24:00\""});
              return;
            }
            out->times.push_back(w);
          });
}

TimeZone PlaylistZone(const Playlist& playlist) {
  if (!playlist.timezone.empty()) {
    std::string error;
    if (auto zone = TimeZone::Named(playlist.timezone, &error)) return *zone;
  }
  return TimeZone::System();
}

}  // namespace kiosk

namespace kiosk {

std::vector<bool> EligibleSlides(const Playlist& playlist, const WallTime& wall,
                                 const TimeZone& zone) {
  std::vector<bool> out(playlist.slides.size());
  const bool all = !wall.trusted || Eligible(playlist.when, wall.real_ms, zone);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const TimeRule& rule = playlist.slides[i].when;
    out[i] = all && (rule.always() || (wall.trusted && Eligible(rule, wall.real_ms, zone)));
  }
  return out;
}

Millis NextEligibilityEdge(const Playlist& playlist, const WallTime& wall, const TimeZone& zone) {
  if (!wall.trusted) return -1;
  std::vector<const TimeRule*> rules;
  rules.push_back(&playlist.when);
  for (const Slide& s : playlist.slides) rules.push_back(&s.when);
  return NextEdge(rules, wall.real_ms, zone);
}

std::optional<std::vector<bool>> EligibilityWatch::Check(const Playlist& playlist,
                                                         long long version, const WallTime& wall) {
  if (version == version_ && wall.trusted == trusted_ && wall.real_ms >= at_ &&
      (next_edge_ < 0 || wall.real_ms < next_edge_)) {
    return std::nullopt;
  }
  const TimeZone zone = PlaylistZone(playlist);
  version_ = version;
  at_ = wall.real_ms;
  trusted_ = wall.trusted;
  next_edge_ = NextEligibilityEdge(playlist, wall, zone);
  return EligibleSlides(playlist, wall, zone);
}

bool MomentFor(const std::string& at, const Playlist& playlist, Millis* real_ms,
               std::string* error) {
  if (at.empty()) {
    *real_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    return true;
  }
  return ResolveAt(at, PlaylistZone(playlist), real_ms, error);
}

}  // namespace kiosk
