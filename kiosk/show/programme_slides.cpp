#include "programme_slides.h"

#include <algorithm>
#include <cstdio>

#include "config.h"

namespace kiosk {
namespace {

struct Words {
  const char* now;
  const char* next;
  const char* brk;
  const char* tomorrow;
  const char* ended;
  const char* room_ended;
  const char* overview;
  const char* programme;
  const char* weekdays[7];
  const char* months[12];
};

constexpr Words kGerman = {
    "Jetzt",
    "Als Nächstes",
    "Pause",
    "Morgen",
    "Das Programm in diesem Raum ist zu Ende.",
    "zu Ende",
    "Jetzt und als Nächstes",
    "Programm",
    {"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"},
    {"1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "11.", "12."}};
constexpr Words kEnglish = {
    "Now",
    "Next",
    "Break",
    "Tomorrow",
    "The programme in this room has ended.",
    "ended",
    "Now and next",
    "Programme",
    {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"},
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}};

const Words& WordsFor(const std::string& lang) {
  return lang.size() >= 2 && (lang[0] == 'e' || lang[0] == 'E') &&
                 (lang[1] == 'n' || lang[1] == 'N')
             ? kEnglish
             : kGerman;
}

TimeZone ZoneOf(const Programme* programme, const std::string& playlist_zone) {
  for (const std::string* name : {programme ? &programme->time_zone : nullptr, &playlist_zone}) {
    if (!name || name->empty()) continue;
    if (std::optional<TimeZone> zone = TimeZone::Named(*name, nullptr)) return *zone;
  }
  return TimeZone::System();
}

// One line of a schedule's text as slide text: line breaks and other controls become
// spaces, an asterisk cannot switch to bold (it shows as U+2217), a brace cannot start a
// live field ("{" is written "{{", as slide text writes a literal brace), and it is cut to `max`
// code points with "…".
std::string Plain(const std::string& s, std::size_t max = config::kMaxProgrammeTitleChars) {
  std::string out;
  out.reserve(std::min(s.size(), max * 4));
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80 && ++chars > max) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + "…";
    }
    if (b < 0x20 || b == 0x7f) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    // U+2028 / U+2029 (line and paragraph separators) break lines in slide text.
    if (b == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += ' ';
      i += 2;
      continue;
    }
    if (s[i] == '*') {
      out += "∗";  // U+2217: "**" would switch bold on or off
      continue;
    }
    if (s[i] == '{' || s[i] == '}') {
      out += s[i];  // doubled: a literal brace, not a live field ({time}) of slide text
    }
    out += s[i];
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Clock(const LocalTime& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.civil.hour % 100, t.civil.minute % 100);
  return buf;
}

long long DayOf(const LocalTime& t) {
  return DaysFromCivil(t.civil.year, t.civil.month, t.civil.day);
}

// "10:15–11:00", with "Morgen" or "Fr 12.6." before it when it is not today.
// An event under way gets no day: it began yesterday only when it runs past midnight.
std::string When(const ProgrammeEvent& e, const TimeZone& zone, Millis now, const Words& w,
                 bool english, bool with_end) {
  const LocalTime start = zone.ToLocal(e.start);
  const LocalTime today = zone.ToLocal(now);
  std::string day;
  const long long days = e.start <= now ? 0 : DayOf(start) - DayOf(today);
  if (days == 1) {
    day = std::string(w.tomorrow) + " ";
  } else if (days != 0) {
    char buf[48];
    if (english) {
      std::snprintf(buf, sizeof buf, "%s %d %s ", w.weekdays[start.weekday % 7],
                    start.civil.day % 100, w.months[(start.civil.month + 11) % 12]);
    } else {
      std::snprintf(buf, sizeof buf, "%s %d.%s ", w.weekdays[start.weekday % 7],
                    start.civil.day % 100, w.months[(start.civil.month + 11) % 12]);
    }
    day = buf;
  }
  std::string s = day + Clock(start);
  if (with_end && e.end > e.start) s += "–" + Clock(zone.ToLocal(e.end));
  return s;
}

std::string Speakers(const ProgrammeEvent& e) {
  std::string s;
  for (const std::string& name : e.speakers) s += (s.empty() ? "" : ", ") + Plain(name, 80);
  return Plain(s, 300);
}

// Keeps slide text within the playlist's limit, cut after a whole paragraph.
void Bound(std::string* text) {
  std::size_t chars = 0;
  std::size_t last_paragraph = 0;
  for (std::size_t i = 0; i < text->size(); ++i) {
    if (text->compare(i, 2, "\n\n") == 0) last_paragraph = i;
    if ((static_cast<unsigned char>((*text)[i]) & 0xC0) != 0x80 &&
        ++chars > static_cast<std::size_t>(config::kMaxTextChars) - 2) {
      text->resize(last_paragraph);
      *text += "\n…";
      return;
    }
  }
}

std::string RoomText(const Programme& p, std::size_t room, const TimeZone& zone, Millis now,
                     const Words& w, bool english) {
  const RoomNow r = NowNext(p, room, now);
  std::string text;
  auto block = [&](const char* heading, const ProgrammeEvent& e) {
    if (!text.empty()) text += "\n\n";
    // The title in bold: what a passer-by reads first.
    text += std::string(heading) + " · " + When(e, zone, now, w, english, true) + "\n**" +
            Plain(e.title) + "**";
    if (!e.subtitle.empty()) text += "\n" + Plain(e.subtitle);
    if (!e.speakers.empty()) text += "\n" + Speakers(e);
  };
  for (std::size_t i : r.now) block(w.now, p.events[i]);
  if (r.now.empty() && !r.next.empty() &&
      DayOf(zone.ToLocal(p.events[r.next.front()].start)) == DayOf(zone.ToLocal(now))) {
    text += std::string(w.now) + "\n**" + w.brk + "**";
  }
  for (std::size_t i : r.next) block(w.next, p.events[i]);
  if (r.now.empty() && r.next.empty()) text = w.ended;
  return text;
}

std::string OverviewText(const Programme& p, const TimeZone& zone, Millis now, const Words& w,
                         bool english) {
  std::vector<bool> used(p.rooms.size());
  for (const ProgrammeEvent& e : p.events) used[e.room] = true;
  std::string text;
  for (const RoomNow& r : Overview(p, now)) {
    if (!used[r.room]) continue;  // a room without any event
    if (!text.empty()) text += "\n\n";
    text += "**" + Plain(p.rooms[r.room], 80) + "**";
    for (std::size_t i : r.now) {
      text += std::string("\n") + w.now + " " + When(p.events[i], zone, now, w, english, true) +
              ": " + Plain(p.events[i].title);
    }
    if (r.now.empty() && !r.next.empty()) text += std::string("\n") + w.now + ": " + w.brk;
    for (std::size_t i : r.next) {
      text += std::string("\n") + w.next + " " + When(p.events[i], zone, now, w, english, false) +
              ": " + Plain(p.events[i].title);
    }
    if (r.now.empty() && r.next.empty()) text += std::string("\n") + w.room_ended;
  }
  Bound(&text);
  return text;
}

}  // namespace

std::vector<std::string> ProgrammeFiles(const Playlist& playlist) {
  std::vector<std::string> files;
  for (const Slide& slide : playlist.slides) {
    if (slide.programme &&
        std::find(files.begin(), files.end(), slide.programme->file) == files.end()) {
      files.push_back(slide.programme->file);
    }
  }
  return files;
}

Programmes LoadProgrammes(const Playlist& playlist, const FileSystem& fs,
                          std::vector<Diagnostic>* diagnostics) {
  Programmes programmes;
  const TimeZone zone = ZoneOf(nullptr, playlist.timezone);
  for (const std::string& file : ProgrammeFiles(playlist)) {
    if (std::optional<Programme> p = LoadProgramme(file, fs, zone, diagnostics)) {
      programmes[file] = std::make_shared<const Programme>(std::move(*p));
    }
  }
  for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
    const std::optional<ProgrammeRef>& ref = playlist.slides[i].programme;
    if (!ref || ref->room.empty()) continue;
    const auto it = programmes.find(ref->file);
    if (it == programmes.end() || it->second->Room(ref->room)) continue;
    std::string known;
    for (const std::string& room : it->second->rooms) {
      known += (known.empty() ? "\"" : ", \"") + EchoForUser(room) + "\"";
    }
    diagnostics->push_back(
        {Severity::kError, playlist.path, 0, 0, "slides[" + std::to_string(i) + "].programme.room",
         "\"" + EchoForUser(ref->room) + "\" is not a room of " +
             EchoForUser(ref->file, kEchoChars, Elide::kMiddle) +
             (known.empty() ? std::string(" (it has no rooms)") : "; its rooms: " + known)});
  }
  return programmes;
}

ProgrammeText ProgrammeSlideText(const Programme* programme, const ProgrammeRef& ref,
                                 const std::string& lang, const std::string& playlist_zone,
                                 WallTime wall) {
  const Words& w = WordsFor(lang);
  const bool english = &w == &kEnglish;
  ProgrammeText t;
  t.title = ref.room.empty() ? w.programme : Plain(ref.room, 80);
  if (!programme) return t;
  t.kicker = Plain(programme->title.empty() ? programme->acronym : programme->title, 120);
  if (!wall.trusted) return t;
  const TimeZone zone = ZoneOf(programme, playlist_zone);
  if (ref.room.empty()) {
    t.title = w.overview;
    t.text = OverviewText(*programme, zone, wall.real_ms, w, english);
  } else if (std::optional<std::size_t> room = programme->Room(ref.room)) {
    t.text = RoomText(*programme, *room, zone, wall.real_ms, w, english);
  }
  return t;
}

bool ExpandProgramme(Playlist* playlist, const Programmes& programmes, WallTime wall) {
  bool changed = false;
  for (Slide& slide : playlist->slides) {
    if (!slide.programme) continue;
    const auto it = programmes.find(slide.programme->file);
    ProgrammeText t =
        ProgrammeSlideText(it == programmes.end() ? nullptr : it->second.get(), *slide.programme,
                           playlist->lang, playlist->timezone, wall);
    if (t.kicker == slide.kicker && t.title == slide.title && t.text == slide.text) continue;
    slide.kicker = std::move(t.kicker);
    slide.title = std::move(t.title);
    slide.text = std::move(t.text);
    changed = true;
  }
  return changed;
}

std::optional<Millis> NextProgrammeChange(const Playlist& playlist, const Programmes& programmes,
                                          WallTime wall) {
  if (!wall.trusted) return std::nullopt;
  std::optional<Millis> next;
  for (const std::string& file : ProgrammeFiles(playlist)) {
    const auto it = programmes.find(file);
    if (it == programmes.end()) continue;
    std::optional<Millis> change = NextChange(*it->second, wall.real_ms);
    if (!change) continue;
    // Midnight in the programme's zone: "Morgen 10:00" becomes "10:00".
    const TimeZone zone = ZoneOf(it->second.get(), playlist.timezone);
    const LocalTime local = zone.ToLocal(wall.real_ms);
    const Millis midnight = zone.FromLocal(
        CivilFromDays(DaysFromCivil(local.civil.year, local.civil.month, local.civil.day) + 1));
    if (midnight > wall.real_ms && midnight < *change) change = midnight;
    if (!next || *change < *next) next = change;
  }
  return next;
}

std::string ProgrammeWords(const Programmes& programmes) {
  std::string words;
  if (programmes.empty()) return words;  // the playlist's own words are all there are
  for (const Words* w : {&kGerman, &kEnglish}) {
    for (const char* s : {w->now, w->next, w->brk, w->tomorrow, w->ended, w->room_ended,
                          w->overview, w->programme}) {
      words += std::string(s) + "\n";
    }
  }
  for (const auto& [file, p] : programmes) {
    words += Plain(p->title, 120) + "\n";
    for (const std::string& room : p->rooms) words += Plain(room, 80) + "\n";
    for (const ProgrammeEvent& e : p->events) {
      words += Plain(e.title) + "\n" + Plain(e.subtitle) + "\n" + Speakers(e) + "\n";
    }
  }
  return words;
}

}  // namespace kiosk
