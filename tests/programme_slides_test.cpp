#include "programme_slides.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "fake_file_system.h"

namespace kiosk {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/tests/data/programme/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

Millis At(const char* iso) {
  IsoDateTime t;
  REQUIRE(ParseIsoDateTime(iso, &t, nullptr));
  REQUIRE(t.offset_minutes);
  const CivilTime& c = t.civil;
  return DaysFromCivil(c.year, c.month, c.day) * 86'400'000 + c.hour * 3'600'000LL +
         c.minute * 60'000LL - *t.offset_minutes * 60'000LL;
}

WallTime Wall(const char* iso) { return {At(iso), true}; }

std::shared_ptr<const Programme> Hafen() {
  std::vector<Diagnostic> d;
  auto p = ParseProgramme(Fixture("hafen.json"), "hafen.json", TimeZone::Utc(), &d);
  REQUIRE(p);
  return std::make_shared<const Programme>(std::move(*p));
}

Playlist ProgrammePlaylist(const std::string& lang = "de") {
  LoadResult r = ParsePlaylist(R"({"lang": ")" + lang + R"(", "slides": [{"title": "Willkommen"},
         {"programme": {"file": "hafen.json", "room": "Saal 1"}},
         {"programme": "hafen.json"}, {"programme": {"file": "hafen.json", "room": "*"}}]})",
                               "/show/p.json");
  for (const Diagnostic& d : r.diagnostics) INFO(FormatDiagnostic(d));
  REQUIRE(r.playlist);
  return *r.playlist;
}

ProgrammeText Room(const char* room, const char* at, const std::string& lang = "de") {
  static const auto hafen = Hafen();
  return ProgrammeSlideText(hafen.get(), {"/show/hafen.json", room}, lang, "", Wall(at));
}

}  // namespace

TEST_CASE("programme slides: the playlist's \"programme\" key") {
  const Playlist p = ProgrammePlaylist();
  REQUIRE(p.slides[1].programme);
  CHECK(p.slides[1].programme->file == "/show/hafen.json");  // beside the playlist
  CHECK(p.slides[1].programme->room == "Saal 1");
  CHECK(p.slides[2].programme->room.empty());
  CHECK(p.slides[3].programme->room.empty());  // "*"
  CHECK(ProgrammeFiles(p) == std::vector<std::string>{"/show/hafen.json"});
  const std::pair<const char*, const char*> bad[] = {
      {R"({"programme": 3})",
       "p.json: error: slides[0].programme: must be a schedule file name or {\"file\", \"room\"}, "
       "not a number"},
      {R"({"programme": {"room": "Saal 1"}})",
       "p.json: error: slides[0].programme: needs a \"file\" (the schedule.json that frab or "
       "pretalx export)"},
      {R"({"programme": ""})",
       "p.json: error: slides[0].programme: must name a schedule file (like \"schedule.json\"), "
       "not \"\""},
      {R"({"programme": {"file": "s.json", "room": 1}})",
       "p.json: error: slides[0].programme.room: must be a string, not a number"},
      {R"({"programme": {"file": "s.json", "rom": "Saal 1"}})",
       "p.json: warning: slides[0].programme.rom: unknown key, ignored (did you mean \"room\"?)"},
  };
  for (const auto& [slide, message] : bad) {
    CAPTURE(slide);
    LoadResult r = ParsePlaylist(std::string(R"({"slides": [)") + slide + "]}", "p.json");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(FormatDiagnostic(r.diagnostics[0]) == message);
  }
}

TEST_CASE("programme slides: one room now and next (German)") {
  ProgrammeText t = Room("Saal 1", "2026-06-12T09:40+02:00");
  CHECK(t.kicker == "Hafenkonferenz 2026");
  CHECK(t.title == "Saal 1");
  CHECK(t.text ==
        "Jetzt · 09:30–10:30\n"
        "**Bürgerbeteiligung in Mecklenburg-Vorpommern: Erfahrungen aus zehn Jahren Zusammenarbeit "
        "der Migrantenselbstorganisationen mit den Landkreisen**\n"
        "Ein Werkstattbericht\n"
        "Dr. Małgorzata Kowalczyk, Tobias Grünewald\n\n"
        "Als Nächstes · 11:00–11:45\n"
        "**Sprachförderung für Erwachsene**\n"
        "Samira Haddad");
  // A break, then the next talk the same day.
  CHECK(Room("Saal 1", "2026-06-12T10:40+02:00").text ==
        "Jetzt\n**Pause**\n\nAls Nächstes · 11:00–11:45\n**Sprachförderung für Erwachsene**\n"
        "Samira Haddad");
  // Two talks overlap: both are now.
  CHECK(Room("Saal 1", "2026-06-12T11:35+02:00").text ==
        "Jetzt · 11:00–11:45\n**Sprachförderung für Erwachsene**\nSamira Haddad\n\n"
        "Jetzt · 11:30–12:00\n**Offene Fragerunde zur Sprachförderung**\nJörg Schäfer\n\n"
        "Als Nächstes · 13:00–14:30\n**Förderanträge schreiben**\nWerkstatt\nLeyla Aksoy");
  // Across midnight; the next is two days later, on a day after a day without talks.
  CHECK(Room("Saal 1", "2026-06-12T23:45+02:00").text ==
        "Jetzt · 23:30–00:30\n**Nachtcafé: Geschichten über Grenzen**\nNour Al-Khatib\n\n"
        "Als Nächstes · So 14.6. 10:00–11:00\n**Abschlussplenum**\nJonas Weiß, Fatma Yılmaz");
  CHECK(Room("Saal 1", "2026-06-13T00:10+02:00").text ==
        "Jetzt · 23:30–00:30\n**Nachtcafé: Geschichten über Grenzen**\nNour Al-Khatib\n\n"
        "Als Nächstes · Morgen 10:00–11:00\n**Abschlussplenum**\nJonas Weiß, Fatma Yılmaz");
  CHECK(Room("Saal 1", "2026-06-13T18:00+02:00").text ==
        "Als Nächstes · Morgen 10:00–11:00\n**Abschlussplenum**\nJonas Weiß, Fatma Yılmaz");
  CHECK(Room("Saal 1", "2026-06-14T12:00+02:00").text ==
        "Das Programm in diesem Raum ist zu Ende.");
  // No speakers.
  CHECK(Room("Saal 2", "2026-06-12T10:00+02:00").text ==
        "Jetzt · 10:00–10:45\n**Gesundheitsversorgung für Geflüchtete**\n\n"
        "Als Nächstes · 14:00–14:45\n**Wohnungssuche mit Duldung**");
}

TEST_CASE("programme slides: English") {
  CHECK(Room("Saal 1", "2026-06-12T10:40+02:00", "en-GB").text ==
        "Now\n**Break**\n\nNext · 11:00–11:45\n**Sprachförderung für Erwachsene**\nSamira "
        "Haddad");
  CHECK(
      Room("Saal 1", "2026-06-12T23:45+02:00", "en").text.find("Next · Sun 14 Jun 10:00–11:00\n") !=
      std::string::npos);
  CHECK(Room("Saal 1", "2026-06-13T18:00+02:00", "en").text.find("Next · Tomorrow 10:00") !=
        std::string::npos);
}

TEST_CASE("programme slides: the foyer, every room at a glance") {
  const ProgrammeText t = Room("", "2026-06-12T12:10+02:00");
  CHECK(t.kicker == "Hafenkonferenz 2026");
  CHECK(t.title == "Jetzt und als Nächstes");
  CHECK(t.text ==
        "**Saal 1**\nJetzt: Pause\nAls Nächstes 13:00: Förderanträge schreiben\n\n"
        "**Saal 2**\nJetzt: Pause\nAls Nächstes 14:00: Wohnungssuche mit Duldung\n\n"
        "**Foyer**\nJetzt 12:00–13:00: Mittagessen");
}

TEST_CASE("programme slides: an untrusted clock shows nothing time-bound") {
  const auto hafen = Hafen();
  const ProgrammeText t = ProgrammeSlideText(hafen.get(), {"f", "Saal 1"}, "de", "",
                                             {At("2026-06-12T09:40+02:00"), false});
  CHECK(t == ProgrammeText{"Hafenkonferenz 2026", "Saal 1", ""});
  // A schedule that could not be read: the room's name only.
  CHECK(ProgrammeSlideText(nullptr, {"f", "Saal 1"}, "de", "", Wall("2026-06-12T09:40+02:00")) ==
        ProgrammeText{"", "Saal 1", ""});
  CHECK(ProgrammeSlideText(nullptr, {"f", ""}, "en", "", Wall("2026-06-12T09:40+02:00")) ==
        ProgrammeText{"", "Programme", ""});
  Playlist p = ProgrammePlaylist();
  CHECK(!NextProgrammeChange(p, {{"/show/hafen.json", hafen}},
                             {At("2026-06-12T09:40+02:00"), false}));
}

TEST_CASE("programme slides: expanded through a whole day, changing only at the next change") {
  Playlist p = ProgrammePlaylist();
  const Programmes programmes = {{"/show/hafen.json", Hafen()}};
  WallTime wall = Wall("2026-06-12T06:00+02:00");
  CHECK(ExpandProgramme(&p, programmes, wall));
  CHECK(p.slides[0].title == "Willkommen");
  CHECK(!ExpandProgramme(&p, programmes, wall));  // the same moment: nothing new
  int changes = 0;
  const Millis end = At("2026-06-13T06:00+02:00");
  std::optional<Millis> due = NextProgrammeChange(p, programmes, wall);
  for (wall.real_ms += 60'000; wall.real_ms < end; wall.real_ms += 60'000) {
    const bool changed = ExpandProgramme(&p, programmes, wall);
    const bool was_due = due && wall.real_ms >= *due;
    // Every change of text falls at a change NextProgrammeChange announced (each talk's
    // start and end here is on a full minute).
    if (changed) CHECK(was_due);
    if (was_due) due = NextProgrammeChange(p, programmes, wall);
    changes += changed;
  }
  CHECK(changes > 10);
  // Midnight: "Morgen" becomes today.
  CHECK(NextProgrammeChange(p, programmes, Wall("2026-06-13T18:00+02:00")) ==
        At("2026-06-14T00:00+02:00"));
}

TEST_CASE("programme slides: loading, an unknown room lists the known ones") {
  FakeFileSystem fs;
  fs.Create("/show/hafen.json", Fixture("hafen.json"));
  LoadResult r = ParsePlaylist(
      R"({"slides": [{"programme": {"file": "hafen.json", "room": "Saal 3"}}]})", "/show/p.json");
  REQUIRE(r.playlist);
  std::vector<Diagnostic> d;
  const Programmes programmes = LoadProgrammes(*r.playlist, fs, &d);
  CHECK(programmes.size() == 1);
  REQUIRE(d.size() == 1);
  CHECK(FormatDiagnostic(d[0]) ==
        "/show/p.json: error: slides[0].programme.room: \"Saal 3\" is not a room of "
        "/show/hafen.json; its rooms: \"Saal 1\", \"Saal 2\", \"Foyer\"");
  d.clear();
  fs.Create("/show/hafen.json", Fixture("broken.json"));
  CHECK(LoadProgrammes(*r.playlist, fs, &d).empty());
  CHECK(d.size() == 7);
}

TEST_CASE("programme slides: hostile titles stay one plain line, bounded") {
  Programme p;
  p.title = "T";
  p.rooms = {"R"};
  ProgrammeEvent e;
  e.start = 0;
  e.end = 3'600'000;
  e.title = "a **bold** try\nwith a break\u2028and {time} " + std::string(400, 'x');
  p.events = {e};
  const ProgrammeText t = ProgrammeSlideText(&p, {"f", "R"}, "de", "UTC", {1000, true});
  CHECK(t.text.find("a ∗∗bold∗∗ try with a break and {{time}} xxx") != std::string::npos);
  CHECK(t.text.find("x…") != std::string::npos);
  CHECK(t.text.find("\n", t.text.find("a ∗")) == std::string::npos);
}

TEST_CASE("programme slides: the words the hyphenation patterns are asked about") {
  // None without a programme: a playlist without one has only its own words (e2e.reload
  // counts their hyphenation points).
  CHECK(ProgrammeWords({}).empty());
  const std::string words = ProgrammeWords({{"f", Hafen()}});
  for (const char* word : {"Jetzt", "Nächstes", "Morgen", "Migrantenselbstorganisationen",
                           "Grünewald", "Werkstattbericht", "Foyer"}) {
    CHECK(words.find(word) != std::string::npos);
  }
}

}  // namespace kiosk
