#include "programme.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "config.h"
#include "json_keys.h"

namespace kiosk {
namespace {

using nlohmann::json;

constexpr Millis kMinuteMs = 60'000;
constexpr Millis kDayMs = 86'400'000;

// Collects the diagnostics of one schedule file, at most kMaxDiagnostics of them (a file
// of 5000 broken events must not flood the log), and counts the errors.
class Reporter {
 public:
  static constexpr std::size_t kMaxDiagnostics = 30;

  Reporter(const std::string& file, std::vector<Diagnostic>* out) : file_(file), out_(out) {}
  ~Reporter() {
    if (dropped_ > 0) {
      out_->push_back({Severity::kError, file_, 0, 0, "",
                       "and " + CountOf(dropped_, "more problem", "more problems")});
    }
  }
  Reporter(const Reporter&) = delete;
  Reporter& operator=(const Reporter&) = delete;

  void Error(const std::string& path, std::string message) {
    ++errors_;
    Add(Severity::kError, path, std::move(message));
  }
  void Warn(const std::string& path, std::string message) {
    Add(Severity::kWarning, path, std::move(message));
  }
  std::size_t errors() const { return errors_; }

 private:
  void Add(Severity severity, const std::string& path, std::string message) {
    if (shown_ >= kMaxDiagnostics) {
      ++dropped_;
      return;
    }
    ++shown_;
    out_->push_back({severity, file_, 0, 0, path, std::move(message)});
  }

  const std::string& file_;
  std::vector<Diagnostic>* out_;
  std::size_t errors_ = 0;
  std::size_t shown_ = 0;
  std::size_t dropped_ = 0;
};

// A string member: nothing if absent (or null, when `null_ok`); an error if of another type.
std::optional<std::string> StringAt(Reporter& r, const json& obj, const std::string& path,
                                    const char* key, bool null_ok = true) {
  const auto it = obj.find(key);
  if (it == obj.end() || (null_ok && it->is_null())) return std::nullopt;
  if (!it->is_string()) {
    r.Error(path + "." + key, "must be a string, not " + JsonTypeName(*it));
    return std::nullopt;
  }
  std::string s = it->get<std::string>();
  if (s.find('\0') != std::string::npos) {
    r.Error(path + "." + key, "must not contain a NUL character (\\u0000)");
    return std::nullopt;
  }
  return s;
}

struct DayContext {
  std::optional<CivilTime> date;  // the day's "date"
  int day_start_minutes = 0;      // the day's day_start, local time of day (0: midnight)
};

// The speakers of "persons": frab's "public_name", pretalx's "name".
std::vector<std::string> Speakers(Reporter& r, const json& event, const std::string& path) {
  std::vector<std::string> speakers;
  const auto persons = event.find("persons");
  if (persons == event.end() || persons->is_null()) return speakers;
  if (!persons->is_array()) {
    r.Error(path + ".persons", "must be an array of persons, not " + JsonTypeName(*persons));
    return speakers;
  }
  for (std::size_t i = 0; i < persons->size(); ++i) {
    const json& p = (*persons)[i];
    const std::string at = path + ".persons[" + std::to_string(i) + "]";
    if (p.is_string()) {  // seen in hand-made files: a plain name
      if (!p.get_ref<const std::string&>().empty()) speakers.push_back(p.get<std::string>());
      continue;
    }
    if (!p.is_object()) {
      r.Error(at, "must be an object with a \"public_name\" or \"name\", not " + JsonTypeName(p));
      continue;
    }
    std::optional<std::string> name = StringAt(r, p, at, "public_name");
    if (!name || name->empty()) name = StringAt(r, p, at, "name");
    if (name && !name->empty()) speakers.push_back(std::move(*name));
  }
  return speakers;
}

// The real time of a date-time: by its offset, or in `zone` without one.
Millis RealTime(const IsoDateTime& iso, const TimeZone& zone) {
  if (!iso.offset_minutes) return zone.FromLocal(iso.civil);
  const CivilTime& c = iso.civil;
  return DaysFromCivil(c.year, c.month, c.day) * kDayMs + c.hour * 3'600'000LL +
         c.minute * kMinuteMs + c.second * 1000LL - *iso.offset_minutes * kMinuteMs;
}

// When the event starts: its "date" with its offset, else its day's date and "start".
std::optional<Millis> EventStart(Reporter& r, const json& event, const std::string& path,
                                 const DayContext& day, const TimeZone& zone) {
  const std::optional<std::string> date = StringAt(r, event, path, "date");
  if (date && !date->empty()) {
    IsoDateTime iso;
    std::string error;
    if (!ParseIsoDateTime(*date, &iso, &error)) {
      r.Error(path + ".date", error);
      return std::nullopt;
    }
    if (!iso.has_time) {
      r.Error(path + ".date", "\"" + *date + "\" has no time (like 2026-06-12T10:15:00+02:00)");
      return std::nullopt;
    }
    return RealTime(iso, zone);
  }
  const std::optional<std::string> start = StringAt(r, event, path, "start");
  if (!start) {
    r.Error(path, "needs a \"date\" (2026-06-12T10:15:00+02:00) or a \"start\" (10:15)");
    return std::nullopt;
  }
  int minutes = 0;
  std::string error;
  // "10:15", or a date-time some exporters write here.
  IsoDateTime iso;
  if (ParseIsoDateTime(*start, &iso, nullptr) && iso.has_time) return RealTime(iso, zone);
  if (!ParseClockTime(*start, &minutes, &error) || minutes >= 24 * 60) {
    r.Error(path + ".start", "\"" + *start + "\" is not a time of day like 10:15");
    return std::nullopt;
  }
  if (!day.date) {
    r.Error(path, "has no \"date\", and its day has no \"date\" for its \"start\"");
    return std::nullopt;
  }
  // A start before the day's day_start is after midnight: the next calendar day.
  const long long days = DaysFromCivil(day.date->year, day.date->month, day.date->day) +
                         (minutes < day.day_start_minutes ? 1 : 0);
  CivilTime c = CivilFromDays(days);
  c.hour = minutes / 60;
  c.minute = minutes % 60;
  return zone.FromLocal(c);
}

class Parser {
 public:
  Parser(Reporter& r, const TimeZone& zone) : r_(r), zone_(zone) {}

  std::optional<Programme> Parse(const json& root) {
    if (!root.is_object()) {
      r_.Error("(top level)", "must be an object with a \"schedule\", not " + JsonTypeName(root));
      return std::nullopt;
    }
    const auto schedule = root.find("schedule");
    if (schedule == root.end() || !schedule->is_object()) {
      r_.Error("schedule", schedule == root.end()
                               ? "missing: not a frab/pretalx schedule.json"
                               : "must be an object, not " + JsonTypeName(*schedule));
      return std::nullopt;
    }
    const auto conference = schedule->find("conference");
    if (conference == schedule->end() || !conference->is_object()) {
      r_.Error("schedule.conference", conference == schedule->end()
                                          ? "missing"
                                          : "must be an object, not " + JsonTypeName(*conference));
      return std::nullopt;
    }
    const std::string path = "schedule.conference";
    p_.title = StringAt(r_, *conference, path, "title").value_or("");
    p_.acronym = StringAt(r_, *conference, path, "acronym").value_or("");
    if (std::optional<std::string> tz = StringAt(r_, *conference, path, "time_zone_name");
        tz && !tz->empty()) {
      std::string error;
      if (std::optional<TimeZone> named = TimeZone::Named(*tz, &error)) {
        zone_ = *named;
        p_.time_zone = *tz;
      } else {
        r_.Warn(path + ".time_zone_name",
                error + "; times without an offset are read in " + zone_.name());
      }
    }
    Rooms(*conference, path);
    const auto days = conference->find("days");
    if (days == conference->end() || !days->is_array()) {
      r_.Error(path + ".days", days == conference->end()
                                   ? "missing: the schedule needs a \"days\" array"
                                   : "must be an array of days, not " + JsonTypeName(*days));
      return std::nullopt;
    }
    for (std::size_t i = 0; i < days->size() && !too_many_; ++i) {
      Day((*days)[i], path + ".days[" + std::to_string(i) + "]");
    }
    if (r_.errors() > 0) return std::nullopt;
    Finish();
    return std::move(p_);
  }

 private:
  std::size_t RoomIndex(const std::string& name) {
    if (std::optional<std::size_t> i = p_.Room(name)) return *i;
    p_.rooms.push_back(name);
    return p_.rooms.size() - 1;
  }

  void Rooms(const json& conference, const std::string& path) {
    const auto rooms = conference.find("rooms");
    if (rooms == conference.end() || rooms->is_null()) return;
    if (!rooms->is_array()) {
      r_.Error(path + ".rooms", "must be an array of rooms, not " + JsonTypeName(*rooms));
      return;
    }
    for (std::size_t i = 0; i < rooms->size(); ++i) {
      const json& room = (*rooms)[i];
      const std::string at = path + ".rooms[" + std::to_string(i) + "]";
      if (!room.is_object()) {
        r_.Error(at, "must be an object with a \"name\", not " + JsonTypeName(room));
        continue;
      }
      std::optional<std::string> name = StringAt(r_, room, at, "name", false);
      if (!name || name->empty()) {
        if (!room.contains("name")) r_.Error(at, "needs a \"name\"");
        continue;
      }
      if (p_.rooms.size() >= static_cast<std::size_t>(config::kMaxProgrammeRooms)) {
        r_.Error(path + ".rooms",
                 "more than " + std::to_string(config::kMaxProgrammeRooms) + " rooms, the limit");
        return;
      }
      RoomIndex(*name);
    }
  }

  void Day(const json& day, const std::string& path) {
    if (!day.is_object()) {
      r_.Error(path, "must be an object, not " + JsonTypeName(day));
      return;
    }
    DayContext context;
    if (std::optional<std::string> date = StringAt(r_, day, path, "date")) {
      IsoDateTime iso;
      std::string error;
      if (ParseIsoDateTime(*date, &iso, &error)) {
        context.date = iso.civil;
      } else {
        r_.Error(path + ".date", error);
      }
    }
    if (std::optional<std::string> start = StringAt(r_, day, path, "day_start")) {
      IsoDateTime iso;
      if (ParseIsoDateTime(*start, &iso, nullptr) && iso.has_time) {
        context.day_start_minutes = iso.civil.hour * 60 + iso.civil.minute;
      }
    }
    const auto rooms = day.find("rooms");
    if (rooms == day.end() || rooms->is_null()) return;  // a day without talks
    if (!rooms->is_object()) {
      r_.Error(path + ".rooms",
               "must be an object of rooms (\"Saal 1\": [events]), not " + JsonTypeName(*rooms));
      return;
    }
    for (const auto& [name, events] : rooms->items()) {
      const std::string at = path + ".rooms." + EchoForUser(name);
      if (!events.is_array()) {
        r_.Error(at, "must be an array of events, not " + JsonTypeName(events));
        continue;
      }
      if (events.empty()) continue;
      if (!p_.Room(name) &&
          p_.rooms.size() >= static_cast<std::size_t>(config::kMaxProgrammeRooms)) {
        r_.Error(at,
                 "more than " + std::to_string(config::kMaxProgrammeRooms) + " rooms, the limit");
        continue;
      }
      const std::size_t room = RoomIndex(name);
      for (std::size_t i = 0; i < events.size(); ++i) {
        if (p_.events.size() >= static_cast<std::size_t>(config::kMaxProgrammeEvents)) {
          r_.Error(at, "more than " + std::to_string(config::kMaxProgrammeEvents) +
                           " events in the schedule, the limit");
          too_many_ = true;
          return;
        }
        Event(events[i], at + "[" + std::to_string(i) + "]", context, room);
      }
    }
  }

  void Event(const json& event, const std::string& path, const DayContext& day, std::size_t room) {
    if (!event.is_object()) {
      r_.Error(path, "must be an event (an object), not " + JsonTypeName(event));
      return;
    }
    const std::size_t before = r_.errors();
    ProgrammeEvent e;
    e.room = room;
    std::optional<std::string> title = StringAt(r_, event, path, "title", false);
    if (!title && !event.contains("title")) r_.Error(path, "needs a \"title\"");
    e.title = title.value_or("");
    e.subtitle = StringAt(r_, event, path, "subtitle").value_or("");
    e.type = StringAt(r_, event, path, "type").value_or("");
    e.speakers = Speakers(r_, event, path);
    const std::optional<Millis> start = EventStart(r_, event, path, day, zone_);
    std::optional<Millis> duration;
    if (std::optional<std::string> d = StringAt(r_, event, path, "duration", false)) {
      duration = ParseScheduleDuration(*d);
      if (!duration) {
        r_.Error(path + ".duration",
                 "\"" + *d + "\" is not a duration like 00:45 or 1:30:00 (hours:minutes, up to " +
                     std::to_string(config::kMaxProgrammeEventHours) + " hours)");
      }
    } else if (!event.contains("duration")) {
      r_.Error(path, "needs a \"duration\" (like 00:45)");
    }
    if (r_.errors() != before || !start || !duration) return;
    e.start = *start;
    e.end = *start + *duration;
    p_.events.push_back(std::move(e));
  }

  void Finish() {
    std::stable_sort(p_.events.begin(), p_.events.end(),
                     [](const ProgrammeEvent& a, const ProgrammeEvent& b) {
                       return a.start != b.start ? a.start < b.start : a.room < b.room;
                     });
    p_.changes.reserve(p_.events.size() * 2);
    for (const ProgrammeEvent& e : p_.events) {
      p_.changes.push_back(e.start);
      p_.changes.push_back(e.end);
    }
    std::sort(p_.changes.begin(), p_.changes.end());
    p_.changes.erase(std::unique(p_.changes.begin(), p_.changes.end()), p_.changes.end());
  }

  Reporter& r_;
  TimeZone zone_;
  Programme p_;
  bool too_many_ = false;
};

}  // namespace

std::optional<std::size_t> Programme::Room(std::string_view room) const {
  for (std::size_t i = 0; i < rooms.size(); ++i) {
    if (rooms[i] == room) return i;
  }
  return std::nullopt;
}

std::optional<Millis> ParseScheduleDuration(std::string_view text) {
  long long parts[3] = {0, 0, 0};
  std::size_t count = 0;
  std::size_t digits = 0;
  for (char ch : text) {
    if (ch >= '0' && ch <= '9') {
      if (++digits > 4) return std::nullopt;
      parts[count] = parts[count] * 10 + (ch - '0');
    } else if (ch == ':' && digits > 0 && count < 2) {
      // minutes and seconds have exactly two digits
      ++count;
      digits = 0;
    } else {
      return std::nullopt;
    }
    if (count > 0 && digits > 2) return std::nullopt;
  }
  if (count == 0 || digits != 2 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  const Millis ms = parts[0] * 3'600'000 + parts[1] * kMinuteMs + parts[2] * 1000;
  if (ms > config::kMaxProgrammeEventHours * 3'600'000LL) return std::nullopt;
  return ms;
}

std::optional<Programme> ParseProgramme(std::string_view json_text, const std::string& file,
                                        const TimeZone& zone,
                                        std::vector<Diagnostic>* diagnostics) {
  auto syntax_error = [&](std::size_t offset, std::string message) {
    Diagnostic d{Severity::kError, file, 0, 0, "", std::move(message)};
    LineColumnAt(json_text, offset, &d.line, &d.column);
    diagnostics->push_back(std::move(d));
    return std::nullopt;
  };
  if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return syntax_error(json_text.size(),
                        "the file is empty: a schedule.json needs {\"schedule\": ...}");
  }
  if (const auto nul = json_text.find('\0'); nul != std::string_view::npos) {
    return syntax_error(nul, "a NUL byte: this is not a text file");
  }
  json root;
  try {
    root = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    if (const auto colon = what.find(": ", what.find("parse error")); colon != std::string::npos) {
      what.erase(0, colon + 2);
    }
    if (const auto last = what.find("; last read:"); last != std::string::npos) what.erase(last);
    if (what.find("UTF-8") != std::string::npos) what = "not valid UTF-8 text";
    return syntax_error(e.byte > 0 ? e.byte - 1 : 0, "not valid JSON: " + what);
  } catch (const json::exception&) {
    return syntax_error(0, "not valid JSON (a number too large?)");
  }
  Reporter reporter(file, diagnostics);
  // Exporters do not write them; a hand edit of the first would do nothing.
  for (const std::string& key : FindDuplicateKeys(json_text, 5)) {
    reporter.Warn(key, "given more than once: only the last counts");
  }
  return Parser(reporter, zone).Parse(root);
}

std::optional<Programme> LoadProgramme(const std::string& path, const FileSystem& fs,
                                       const TimeZone& zone, std::vector<Diagnostic>* diagnostics) {
  std::string text;
  std::string error;
  if (!fs.ReadFile(path, config::kMaxScheduleBytes, &text, &error)) {
    diagnostics->push_back({Severity::kError, path, 0, 0, "", "cannot read: " + error});
    return std::nullopt;
  }
  return ParseProgramme(text, path, zone, diagnostics);
}

RoomNow NowNext(const Programme& programme, std::size_t room, Millis real_ms) {
  RoomNow r;
  r.room = room;
  for (std::size_t i = 0; i < programme.events.size(); ++i) {
    const ProgrammeEvent& e = programme.events[i];
    if (e.room != room) continue;
    if (e.start <= real_ms) {
      if (real_ms < e.end) r.now.push_back(i);
    } else if (r.next.empty() || programme.events[r.next.front()].start == e.start) {
      r.next.push_back(i);
    } else {
      break;  // by start: every later event begins after the next
    }
  }
  return r;
}

std::vector<RoomNow> Overview(const Programme& programme, Millis real_ms) {
  std::vector<RoomNow> rooms(programme.rooms.size());
  for (std::size_t room = 0; room < rooms.size(); ++room) rooms[room].room = room;
  for (std::size_t i = 0; i < programme.events.size(); ++i) {
    const ProgrammeEvent& e = programme.events[i];
    RoomNow& r = rooms[e.room];
    if (e.start <= real_ms) {
      if (real_ms < e.end) r.now.push_back(i);
    } else if (r.next.empty() || programme.events[r.next.front()].start == e.start) {
      r.next.push_back(i);
    }
  }
  return rooms;
}

std::optional<Millis> NextChange(const Programme& programme, Millis real_ms) {
  const auto it = std::upper_bound(programme.changes.begin(), programme.changes.end(), real_ms);
  if (it == programme.changes.end()) return std::nullopt;
  return *it;
}

}  // namespace kiosk
