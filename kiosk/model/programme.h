// A conference programme from the schedule.json that frab and pretalx export (the c3voc
// schedule format: https://c3voc.de/wiki/schedule), and what runs now and next in a room.
// Pure: JSON text and the real time in, plain data out; every input is treated as hostile
// (bounded size, bounded number of events, wrong types and missing fields named by their
// JSON path).
//
//   {"schedule": {"version": "1.0", "conference": {"title": "...", "time_zone_name":
//     "Europe/Berlin", "rooms": [{"name": "Saal 1"}, ...], "days": [{"index": 1, "date":
//     "2026-06-12", "day_start": "...", "day_end": "...", "rooms": {"Saal 1": [event, ...]}}]}}}
//   event: {"guid", "id", "date": "2026-06-12T10:15:00+02:00", "start": "10:15",
//     "duration": "00:45", "room", "title", "subtitle", "type", "persons": [{"public_name"
//     or "name"}], ...}
//
// An event's "date" (ISO 8601, with its offset) is when it starts; without a usable one,
// its day's "date" and its "start" in the conference's time_zone_name (a "start" before the
// day's day_start is on the next calendar day: a talk after midnight). The room is the key
// it is listed under in the day's "rooms" (its own "room" field is ignored).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clock_sync.h"  // Millis
#include "diagnostics.h"
#include "file_system.h"
#include "local_time.h"

namespace kiosk {

struct ProgrammeEvent {
  Millis start = 0;      // real time, ms since the Unix epoch
  Millis end = 0;        // start + duration
  std::size_t room = 0;  // index into Programme::rooms
  std::string title;
  std::string subtitle;
  std::string type;  // "talk", "workshop", ...; may be empty
  std::vector<std::string> speakers;
  bool operator==(const ProgrammeEvent&) const = default;
};

struct Programme {
  std::string title;      // conference.title
  std::string acronym;    // conference.acronym
  std::string time_zone;  // conference.time_zone_name, "" if none
  // conference.rooms in their order, then any room only a day lists, as first seen.
  std::vector<std::string> rooms;
  std::vector<ProgrammeEvent> events;  // by start, then room, then as listed
  // Every event's start and end, sorted, each once: the moments what runs changes.
  std::vector<Millis> changes;
  bool operator==(const Programme&) const = default;

  // The index of `room` in rooms, or nothing.
  std::optional<std::size_t> Room(std::string_view room) const;
};

// Parses schedule JSON. `file` names it in messages; `zone` places times that carry no
// offset when the schedule names no time_zone_name (or one the system does not know: a
// warning). Errors and warnings go to *diagnostics with the JSON path they concern
// ("schedule.conference.days[0].rooms.Saal 1[2].duration"); returns nothing on errors.
std::optional<Programme> ParseProgramme(std::string_view json_text, const std::string& file,
                                        const TimeZone& zone, std::vector<Diagnostic>* diagnostics);

// Reads `path` through `fs` (a regular file of at most config::kMaxScheduleBytes), then
// ParseProgramme.
std::optional<Programme> LoadProgramme(const std::string& path, const FileSystem& fs,
                                       const TimeZone& zone, std::vector<Diagnostic>* diagnostics);

// What runs in one room at a moment: the events under way (several if they overlap, none in
// a break) and the next to begin there (all that begin at that same moment), maybe days
// later; indices into Programme::events, in order.
struct RoomNow {
  std::size_t room = 0;
  std::vector<std::size_t> now;
  std::vector<std::size_t> next;
  bool operator==(const RoomNow&) const = default;
};
RoomNow NowNext(const Programme& programme, std::size_t room, Millis real_ms);
// Every room at a glance, in the programme's room order (the foyer).
std::vector<RoomNow> Overview(const Programme& programme, Millis real_ms);
// The next moment after `real_ms` at which an event begins or ends (what NowNext says
// changes then); nothing once the last has ended.
std::optional<Millis> NextChange(const Programme& programme, Millis real_ms);

// "01:30", "0:45", "1:30:00" (hours:minutes[:seconds]): milliseconds, or nothing.
std::optional<Millis> ParseScheduleDuration(std::string_view text);

}  // namespace kiosk
