#include "programme.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "config.h"

namespace kiosk {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/tests/data/programme/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A real time from ISO text with an offset (the tests' fake clock).
Millis At(const char* iso) {
  IsoDateTime t;
  REQUIRE(ParseIsoDateTime(iso, &t, nullptr));
  REQUIRE(t.offset_minutes);
  const CivilTime& c = t.civil;
  return DaysFromCivil(c.year, c.month, c.day) * 86'400'000 + c.hour * 3'600'000LL +
         c.minute * 60'000LL - *t.offset_minutes * 60'000LL;
}

Programme Hafen() {
  std::vector<Diagnostic> d;
  std::optional<Programme> p =
      ParseProgramme(Fixture("hafen.json"), "hafen.json", TimeZone::Utc(), &d);
  for (const Diagnostic& x : d) INFO(FormatDiagnostic(x));
  REQUIRE(d.empty());
  REQUIRE(p);
  return *p;
}

// The titles of events by index.
std::vector<std::string> Titles(const Programme& p, const std::vector<std::size_t>& events) {
  std::vector<std::string> titles;
  for (std::size_t i : events) titles.push_back(p.events[i].title);
  return titles;
}

std::vector<std::string> Errors(std::string_view json) {
  std::vector<Diagnostic> d;
  const auto p = ParseProgramme(json, "s.json", TimeZone::Utc(), &d);
  std::vector<std::string> lines;
  for (const Diagnostic& x : d) lines.push_back(FormatDiagnostic(x));
  if (!p) CHECK(HasErrors(d));
  return lines;
}

std::string Schedule(const std::string& events, const std::string& extra = "") {
  return R"({"schedule": {"version": "1", "conference": {"title": "T", )" + extra +
         R"("days": [{"index": 1, "date": "2026-06-12", "rooms": {"Saal 1": [)" + events +
         "]}}]}}}";
}

}  // namespace

TEST_CASE("programme: the fixture's rooms, events, speakers and times") {
  const Programme p = Hafen();
  CHECK(p.title == "Hafenkonferenz 2026");
  CHECK(p.time_zone == "Europe/Berlin");
  CHECK(p.rooms == std::vector<std::string>{"Saal 1", "Saal 2", "Foyer"});
  REQUIRE(p.events.size() == 11);
  const ProgrammeEvent& first = p.events[0];
  CHECK(first.title == "Eröffnung und Grußworte");
  CHECK(first.start == At("2026-06-12T09:00+02:00"));
  CHECK(first.end == At("2026-06-12T09:30+02:00"));
  CHECK(first.speakers == std::vector<std::string>{"Aylin Özdemir"});
  // pretalx's "name", frab's "public_name"; a missing "persons" is no speakers.
  const auto plenum = p.events.back();
  CHECK(plenum.title == "Abschlussplenum");
  CHECK(plenum.speakers == std::vector<std::string>{"Jonas Weiß", "Fatma Yılmaz"});
  for (const ProgrammeEvent& e : p.events) {
    if (e.title == "Gesundheitsversorgung für Geflüchtete") CHECK(e.speakers.empty());
    // "date" in UTC ("Z") is authoritative; the room is the key it is listed under.
    if (e.title == "Wohnungssuche mit Duldung") {
      CHECK(e.start == At("2026-06-12T14:00+02:00"));
      CHECK(p.rooms[e.room] == "Saal 2");
    }
    // No "date": the day's date and "start" in time_zone_name; before day_start (08:00),
    // so after midnight.
    if (e.title == "Spätschicht: Lieder aus der Heimat") {
      CHECK(e.start == At("2026-06-13T01:00+02:00"));
    }
    // "1:30:00"
    if (e.title == "Förderanträge schreiben") CHECK(e.end - e.start == 90 * 60'000);
  }
}

TEST_CASE("programme: now and next through a whole conference day (fake clock)") {
  const Programme p = Hafen();
  const std::size_t saal1 = *p.Room("Saal 1");
  struct Row {
    const char* at;
    std::vector<std::string> now;
    std::vector<std::string> next;
  };
  const Row rows[] = {
      {"2026-06-12T07:00+02:00", {}, {"Eröffnung und Grußworte"}},
      {"2026-06-12T09:00+02:00", {"Eröffnung und Grußworte"}, {p.events[1].title}},
      {"2026-06-12T09:29+02:00", {"Eröffnung und Grußworte"}, {p.events[1].title}},
      {"2026-06-12T09:30+02:00", {p.events[1].title}, {"Sprachförderung für Erwachsene"}},
      {"2026-06-12T10:45+02:00", {}, {"Sprachförderung für Erwachsene"}},  // a break
      // Overlapping talks in one room: both run.
      {"2026-06-12T11:35+02:00",
       {"Sprachförderung für Erwachsene", "Offene Fragerunde zur Sprachförderung"},
       {"Förderanträge schreiben"}},
      {"2026-06-12T11:50+02:00",
       {"Offene Fragerunde zur Sprachförderung"},
       {"Förderanträge schreiben"}},
      {"2026-06-12T14:29+02:00",
       {"Förderanträge schreiben"},
       {"Nachtcafé: Geschichten über Grenzen"}},
      {"2026-06-12T14:30+02:00", {}, {"Nachtcafé: Geschichten über Grenzen"}},
      // Across midnight.
      {"2026-06-12T23:59+02:00", {"Nachtcafé: Geschichten über Grenzen"}, {"Abschlussplenum"}},
      {"2026-06-13T00:15+02:00", {"Nachtcafé: Geschichten über Grenzen"}, {"Abschlussplenum"}},
      // A day without talks: the next is two days on.
      {"2026-06-13T12:00+02:00", {}, {"Abschlussplenum"}},
      {"2026-06-14T10:30+02:00", {"Abschlussplenum"}, {}},
      {"2026-06-14T11:00+02:00", {}, {}},  // it is over
  };
  for (const Row& row : rows) {
    CAPTURE(row.at);
    const RoomNow r = NowNext(p, saal1, At(row.at));
    CHECK(Titles(p, r.now) == row.now);
    CHECK(Titles(p, r.next) == row.next);
  }
  // Every minute of the day: the foyer's view agrees with each room's.
  for (Millis t = At("2026-06-12T06:00+02:00"); t < At("2026-06-13T06:00+02:00"); t += 60'000) {
    const std::vector<RoomNow> all = Overview(p, t);
    REQUIRE(all.size() == 3);
    for (std::size_t room = 0; room < 3; ++room) CHECK(all[room] == NowNext(p, room, t));
  }
}

TEST_CASE("programme: the next change is the next start or end") {
  const Programme p = Hafen();
  CHECK(NextChange(p, At("2026-06-12T07:00+02:00")) == At("2026-06-12T09:00+02:00"));
  CHECK(NextChange(p, At("2026-06-12T09:00+02:00")) == At("2026-06-12T09:30+02:00"));
  CHECK(NextChange(p, At("2026-06-12T11:40+02:00")) == At("2026-06-12T11:45+02:00"));
  CHECK(NextChange(p, At("2026-06-13T12:00+02:00")) == At("2026-06-14T10:00+02:00"));
  CHECK(!NextChange(p, At("2026-06-14T11:00+02:00")));
  // Walking from change to change visits each once, and NowNext changes only there.
  Millis t = At("2026-06-12T00:00+02:00");
  int steps = 0;
  while (std::optional<Millis> next = NextChange(p, t)) {
    CHECK(*next > t);
    CHECK(Overview(p, *next - 1) == Overview(p, t));
    t = *next;
    ++steps;
  }
  CHECK(steps == static_cast<int>(p.changes.size()));
}

TEST_CASE("programme: durations") {
  CHECK(ParseScheduleDuration("00:45") == 45 * 60'000);
  CHECK(ParseScheduleDuration("0:45") == 45 * 60'000);
  CHECK(ParseScheduleDuration("01:30") == 90 * 60'000);
  CHECK(ParseScheduleDuration("1:30:00") == 90 * 60'000);
  CHECK(ParseScheduleDuration("100:00") == 100 * 3'600'000LL);
  for (const char* bad : {"", ":", "90", "1:5", "1:60", "1:30:", "1:30:0", "1:30:60", "a:bc",
                          "-1:00", "1:00:00:00", "99999:00", "169:00", " 1:00"}) {
    CAPTURE(bad);
    CHECK(!ParseScheduleDuration(bad));
  }
}

TEST_CASE("programme: offsets and zones") {
  // With an offset: that moment; without: in time_zone_name; without that: the zone given.
  std::vector<Diagnostic> d;
  auto p = ParseProgramme(
      Schedule(R"({"title": "A", "date": "2026-06-12T10:00:00-04:00", "duration": "00:30"},
                 {"title": "B", "date": "2026-06-12T10:00:00", "duration": "00:30"},
                 {"title": "C", "start": "10:00", "duration": "00:30"})",
               R"("time_zone_name": "Europe/Berlin", )"),
      "s.json", TimeZone::Utc(), &d);
  REQUIRE(p);
  CHECK(d.empty());
  CHECK(p->events[0].title == "B");
  CHECK(p->events[0].start == At("2026-06-12T10:00+02:00"));
  CHECK(p->events[1].start == At("2026-06-12T10:00+02:00"));
  CHECK(p->events[2].start == At("2026-06-12T10:00-04:00"));
  d.clear();
  p = ParseProgramme(Schedule(R"({"title": "C", "start": "10:00", "duration": "00:30"})",
                              R"("time_zone_name": "Mars/Olympus", )"),
                     "s.json", TimeZone::Utc(), &d);
  REQUIRE(p);
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::kWarning);
  CHECK(d[0].path == "schedule.conference.time_zone_name");
  CHECK(p->events[0].start == At("2026-06-12T10:00+00:00"));
}

TEST_CASE("programme: a broken file names every problem by its path") {
  const std::vector<std::string> errors = Errors(Fixture("broken.json"));
  const std::vector<std::string> expected = {
      "s.json: error: schedule.conference.rooms[1]: must be an object with a \"name\", not a "
      "string",
      "s.json: error: schedule.conference.days[0].rooms.Saal 1[0]: needs a \"duration\" (like "
      "00:45)",
      "s.json: error: schedule.conference.days[0].rooms.Saal 1[1].duration: \"90 Minuten\" is not "
      "a duration like 00:45 or 1:30:00 (hours:minutes, up to 168 hours)",
      "s.json: error: schedule.conference.days[0].rooms.Saal 1[2].title: must be a string, not a "
      "number",
      "s.json: error: schedule.conference.days[0].rooms.Saal 1[3].date: "
      "\"2026-06-12T25:00:00+02:00\": no such time of day (00:00 to 23:59)",
      "s.json: error: schedule.conference.days[0].rooms.Saal 1[4].persons: must be an array of "
      "persons, not a string",
      "s.json: error: schedule.conference.days[0].rooms.Saal 2: must be an array of events, not an "
      "object",
  };
  CHECK(errors == expected);
}

TEST_CASE("programme: hostile input") {
  CHECK(Errors("") ==
        std::vector<std::string>{"s.json:1:1: error: the file is empty: a schedule.json needs "
                                 "{\"schedule\": ...}"});
  CHECK(Errors("[1, 2]") ==
        std::vector<std::string>{"s.json: error: (top level): must be an object with a "
                                 "\"schedule\", not an array"});
  CHECK(Errors("{\"schedule\": {\"conference\": {}}}") ==
        std::vector<std::string>{"s.json: error: schedule.conference.days: missing: the schedule "
                                 "needs a \"days\" array"});
  CHECK(Errors("{\"slides\": []}") ==
        std::vector<std::string>{
            "s.json: error: schedule: missing: not a frab/pretalx schedule.json"});
  const auto syntax = Errors("{\"schedule\": {\n  \"conference\": {,}}}");
  REQUIRE(syntax.size() == 1);
  CHECK(syntax[0].rfind("s.json:2:18: error: not valid JSON: ", 0) == 0);
  // Missing dates and starts, and wrong types at every level.
  CHECK(Errors(Schedule(R"({"title": "X", "duration": "00:30"})")) ==
        std::vector<std::string>{"s.json: error: schedule.conference.days[0].rooms.Saal 1[0]: "
                                 "needs a \"date\" (2026-06-12T10:15:00+02:00) or a \"start\" "
                                 "(10:15)"});
  CHECK(
      Errors(Schedule(R"({"title": "X", "start": "25:00", "duration": "00:30"})")) ==
      std::vector<std::string>{"s.json: error: schedule.conference.days[0].rooms.Saal 1[0].start: "
                               "\"25:00\" is not a time of day like 10:15"});
  CHECK(Errors(Schedule("7")) ==
        std::vector<std::string>{"s.json: error: schedule.conference.days[0].rooms.Saal 1[0]: "
                                 "must be an event (an object), not a number"});
  CHECK(Errors(Schedule("", R"("days": 3, )")).size() == 1);  // a duplicate key: the last wins
  // A day with rooms: null or {} is a day without talks.
  std::vector<Diagnostic> d;
  auto p = ParseProgramme(
      R"({"schedule": {"conference": {"days": [{"date": "2026-06-13", "rooms": null}, {"rooms": {}}]}}})",
      "s.json", TimeZone::Utc(), &d);
  REQUIRE(p);
  CHECK(p->events.empty());
  CHECK(!NextChange(*p, 0));
  CHECK(NowNext(*p, 0, 0).now.empty());
  // At most kMaxProgrammeEvents events.
  std::string many;
  for (int i = 0; i <= config::kMaxProgrammeEvents; ++i) {
    many += std::string(i ? "," : "") + R"({"title": "x", "start": "10:00", "duration": "00:10"})";
  }
  const auto too_many = Errors(Schedule(many));
  REQUIRE(!too_many.empty());
  CHECK(too_many[0] ==
        "s.json: error: schedule.conference.days[0].rooms.Saal 1: more than 5000 "
        "events in the schedule, the limit");
  // Many broken events: the first 30 problems, then how many more.
  std::string broken;
  for (int i = 0; i < 100; ++i) broken += std::string(i ? "," : "") + "1";
  const auto flood = Errors(Schedule(broken));
  REQUIRE(flood.size() == 31);
  CHECK(flood.back() == "s.json: error: and 70 more problems");
}

}  // namespace kiosk

namespace kiosk {

// Not a fuzzer, but its cheap cousin: the fixture cut short and with bytes changed, a few
// thousand times, never crashes and never gives a programme that breaks the invariants.
TEST_CASE("programme: damaged copies of the fixture") {
  const std::string good = Fixture("hafen.json");
  unsigned seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) & 0xffffu;
  };
  const char kBytes[] = {'"', ':', ',', '{', '}', '[', ']', '0', '9', 'x', '\\', ' ', '\xc3'};
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = good;
    if (i % 3 == 0) text.resize(next() * text.size() / 0x10000);
    for (unsigned n = next() % 4 + 1; n > 0 && !text.empty(); --n) {
      text[next() * text.size() / 0x10000] = kBytes[next() % sizeof kBytes];
    }
    std::vector<Diagnostic> d;
    const std::optional<Programme> p = ParseProgramme(text, "s.json", TimeZone::Utc(), &d);
    CHECK(p.has_value() != HasErrors(d));
    CHECK(d.size() <= 31);
    if (!p) continue;
    ++parsed;
    for (std::size_t e = 0; e < p->events.size(); ++e) {
      CHECK(p->events[e].room < p->rooms.size());
      CHECK(p->events[e].end >= p->events[e].start);
      if (e > 0) CHECK(p->events[e - 1].start <= p->events[e].start);
    }
    CHECK(std::is_sorted(p->changes.begin(), p->changes.end()));
    for (std::size_t room = 0; room < p->rooms.size(); ++room) {
      NowNext(*p, room, p->events.empty() ? 0 : p->events.front().start);
    }
  }
  CHECK(parsed > 100);  // some damage leaves a valid schedule (a changed title)
  MESSAGE(parsed << " of 3000 damaged copies still parsed");
}

}  // namespace kiosk
