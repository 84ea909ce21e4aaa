#include "fields.h"

#include <doctest/doctest.h>

namespace kiosk {
namespace {

Millis Utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return TimeZone::Utc().FromLocal({y, mo, d, h, mi, s, 0});
}

TimeZone Berlin() {
  std::string error;
  auto zone = TimeZone::Named("Europe/Berlin", &error);
  REQUIRE_MESSAGE(zone, error);
  return *zone;
}

Field Parse1(std::string_view text) {
  std::vector<TextPart> parts;
  std::string error;
  REQUIRE_MESSAGE(ParseFields(text, &parts, &error), error);
  REQUIRE(parts.size() == 1);
  REQUIRE(parts[0].field);
  return *parts[0].field;
}

std::string At(std::string_view text, Millis real, std::string_view lang = "de") {
  return FormatField(Parse1(text), WallTime{real, true}, Berlin(), lang);
}

TEST_CASE("fields: a text splits into literals and fields; doubled braces are literal") {
  std::vector<TextPart> parts;
  std::string error;
  REQUIRE(ParseFields("Es ist {time} Uhr {{wirklich}}", &parts, &error));
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].literal == "Es ist ");
  CHECK(parts[1].field->kind == FieldKind::kTime);
  CHECK(parts[2].literal == " Uhr {wirklich}");
  REQUIRE(
      ParseFields("{weekday}{date}{time:seconds}{until 2015-05-29T10:00+02:00}", &parts, &error));
  REQUIRE(parts.size() == 4);
  CHECK(parts[3].field->kind == FieldKind::kUntil);
  CHECK(parts[3].field->until.offset_minutes == 120);
  CHECK(ParseFields("", &parts, &error));
  CHECK(parts.empty());
  CHECK(EscapeBraces("a{b}c") == "a{{b}}c");
  CHECK_FALSE(MayHaveFields("no braces"));
}

TEST_CASE("fields: errors name what is wrong") {
  const struct {
    std::string_view text;
    std::string_view error;
  } cases[] = {
      {"{tiem}",
       "unknown field {tiem} (known: {time}, {time:seconds}, {date}, {weekday}, {until "
       "2015-05-29T10:00})"},
      {"{until}", "{until} needs a moment, e.g. {until 2015-05-29T10:00}"},
      {"{until 2015-02-29T10:00}", "{until 2015-02-29T10:00}: "},
      {"{until 2015-05-29T25:00}", "{until 2015-05-29T25:00}: "},
      {"a } b", "a '}' without its '{' (write }} for a literal brace)"},
      {"a { b", "a '{' without its '}' (write {{ for a literal brace)"},
      {"{time {date}}", "a '{' inside a field (write {{ for a literal brace)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    std::vector<TextPart> parts;
    std::string error;
    CHECK_FALSE(ParseFields(c.text, &parts, &error));
    CHECK(error.starts_with(c.error));
  }
}

TEST_CASE("fields: time, date and weekday in German and English, in the playlist's zone") {
  const Millis t = Utc(2015, 5, 29, 8, 5, 30);  // 10:05:30 in Berlin (summer time)
  CHECK(At("{time}", t) == "10:05");
  CHECK(At("{time:seconds}", t) == "10:05:30");
  CHECK(At("{date}", t) == "29. Mai 2015");
  CHECK(At("{date}", t, "en") == "29 May 2015");
  CHECK(At("{date}", t, "de-AT") == "29. Mai 2015");
  CHECK(At("{weekday}", t) == "Freitag");
  CHECK(At("{weekday}", t, "en-GB") == "Friday");
  CHECK(At("{date}", Utc(2015, 3, 1, 12, 0)) == "1. M\xC3\xA4rz 2015");
  // Midnight: the date and weekday change with Berlin's day, not UTC's.
  CHECK(At("{weekday}", Utc(2015, 5, 29, 21, 59, 59)) == "Freitag");
  CHECK(At("{weekday}", Utc(2015, 5, 29, 22, 0)) == "Samstag");
  CHECK(At("{time}", Utc(2015, 5, 29, 22, 0)) == "00:00");
}

TEST_CASE("fields: an untrusted clock shows dashes and never wakes the show") {
  const WallTime wall{Utc(2015, 5, 29, 8, 5), false};
  CHECK(FormatField(Parse1("{time}"), wall, Berlin(), "de") == "\xE2\x80\x93:\xE2\x80\x93");
  CHECK(FormatField(Parse1("{date}"), wall, Berlin(), "de") == "\xE2\x80\x93");
  CHECK(FormatField(Parse1("{until 2015-05-29T12:00}"), wall, Berlin(), "de") == "\xE2\x80\x93");
  CHECK(NextFieldChange(Parse1("{time}"), wall, Berlin()) == -1);
}

TEST_CASE("fields: {time} ticks on the minute, {time:seconds} on the second") {
  const Field time = Parse1("{time}");
  const Millis t = Utc(2015, 5, 29, 9, 59, 12) + 345;
  CHECK(NextFieldChange(time, {t, true}, Berlin()) == Utc(2015, 5, 29, 10, 0));
  CHECK(NextFieldChange(time, {Utc(2015, 5, 29, 10, 0), true}, Berlin()) ==
        Utc(2015, 5, 29, 10, 1));
  CHECK(NextFieldChange(Parse1("{time:seconds}"), {t, true}, Berlin()) ==
        Utc(2015, 5, 29, 9, 59, 13));
  // Just before the tick the value is the old one, at the tick the new one.
  CHECK(At("{time}", Utc(2015, 5, 29, 9, 59, 59) + 999) == "11:59");
  CHECK(At("{time}", Utc(2015, 5, 29, 10, 0)) == "12:00");
}

TEST_CASE("fields: {time} through the summer-time changes in Europe/Berlin") {
  const Field time = Parse1("{time}");
  // 29 March 2015: 01:59 CET is followed by 03:00 CEST one minute later.
  const Millis before = Utc(2015, 3, 29, 0, 59);
  CHECK(At("{time}", before) == "01:59");
  const Millis next = NextFieldChange(time, {before, true}, Berlin());
  CHECK(next == Utc(2015, 3, 29, 1, 0));
  CHECK(At("{time}", next) == "03:00");
  // 25 October 2015: 02:59 CEST is followed by 02:00 CET.
  CHECK(At("{time}", Utc(2015, 10, 25, 0, 59)) == "02:59");
  CHECK(At("{time}", Utc(2015, 10, 25, 1, 0)) == "02:00");
  // The date changes at local midnight, 23 hours after the one before on the short day.
  const Field date = Parse1("{date}");
  CHECK(NextFieldChange(date, {Utc(2015, 3, 28, 23, 30), true}, Berlin()) ==
        Utc(2015, 3, 29, 22, 0));
  CHECK(NextFieldChange(date, {Utc(2015, 3, 29, 12, 0), true}, Berlin()) ==
        Utc(2015, 3, 29, 22, 0));
  CHECK(NextFieldChange(date, {Utc(2015, 3, 28, 12, 0), true}, Berlin()) ==
        Utc(2015, 3, 28, 23, 0));
}

TEST_CASE("fields: 29 February") {
  CHECK(At("{date}", Utc(2016, 2, 29, 12, 0)) == "29. Februar 2016");
  CHECK(At("{weekday}", Utc(2016, 2, 29, 12, 0), "en") == "Monday");
  const Millis next = NextFieldChange(Parse1("{date}"), {Utc(2016, 2, 29, 12, 0), true}, Berlin());
  CHECK(next == Utc(2016, 2, 29, 23, 0));
  CHECK(At("{date}", next) == "1. M\xC3\xA4rz 2016");
}

TEST_CASE("fields: a countdown in minutes, hours and days, seconds in its last minute") {
  const Field until = Parse1("{until 2015-05-29T10:00}");  // 08:00 UTC
  const Millis moment = Utc(2015, 5, 29, 8, 0);
  const auto de = [&](Millis before) {
    return FormatField(until, {moment - before, true}, Berlin(), "de");
  };
  const auto en = [&](Millis before) {
    return FormatField(until, {moment - before, true}, Berlin(), "en");
  };
  const auto next = [&](Millis before) {
    return NextFieldChange(until, {moment - before, true}, Berlin());
  };
  constexpr Millis s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;
  CHECK(de(12 * m) == "noch 12 Minuten");
  CHECK(en(12 * m) == "12 minutes to go");
  CHECK(de(11 * m + 30 * s) == "noch 12 Minuten");  // never fewer than are left
  CHECK(next(11 * m + 30 * s) == moment - 11 * m);
  CHECK(de(2 * h + 5 * m) == "noch 2 Stunden 5 Minuten");
  CHECK(de(1 * h + 1 * m) == "noch 1 Stunde 1 Minute");
  CHECK(en(1 * h) == "1 hour to go");
  CHECK(de(3 * d + 2 * h) == "noch 3 Tage");
  CHECK(de(1 * d) == "noch 1 Tag");
  CHECK(next(1 * d) == moment - (d - m));
  CHECK(de(d - m) == "noch 23 Stunden 59 Minuten");
  // The last minute, in seconds.
  CHECK(de(m + 1) == "noch 2 Minuten");
  CHECK(next(m + 1) == moment - m);
  CHECK(de(m) == "noch 60 Sekunden");
  CHECK(de(45 * s) == "noch 45 Sekunden");
  CHECK(next(45 * s) == moment - 44 * s);
  CHECK(de(500) == "noch 1 Sekunde");
  CHECK(en(500) == "1 second to go");
  CHECK(next(500) == moment);
  // At and after the moment: "jetzt", and no more changes.
  CHECK(de(0) == "jetzt");
  CHECK(en(-5 * h) == "now");
  CHECK(next(0) == -1);
}

TEST_CASE("fields: every value fits one of its shapes' lengths") {
  // The layout reserves the widest shape; with equal-width digits a value is never wider.
  const Millis t = Utc(2015, 9, 30, 7, 5);
  for (std::string_view text : {"{time}", "{date}", "{weekday}", "{until 2015-12-24T18:00}"}) {
    for (std::string_view lang : {"de", "en"}) {
      const Field f = Parse1(text);
      const std::string value = FormatField(f, {t, true}, Berlin(), lang);
      std::size_t longest = 0;
      for (const std::string& shape : FieldShapes(f, lang, '8')) {
        longest = std::max(longest, shape.size());
      }
      CAPTURE(value);
      CHECK(value.size() <= longest);
    }
  }
}

}  // namespace
}  // namespace kiosk

#include "playlist.h"

namespace kiosk {
namespace {

TEST_CASE("fields: --check names the text with a bad field") {
  const LoadResult r = ParsePlaylist(
      R"({"announcement": "Es ist {time", "slides": [{"text": "gut {time}"},
          {"title": "{date}", "text": "Uhr: {tiem}"}, {"kicker": "{until 2015-02-30}", "text": "x"}]})",
      "p.json");
  CHECK_FALSE(r.playlist);
  std::vector<std::string> errors;
  for (const Diagnostic& d : r.diagnostics) errors.push_back(d.path + ": " + d.message);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == "announcement: a '{' without its '}' (write {{ for a literal brace)");
  CHECK(errors[1] ==
        "slides[1].text: unknown field {tiem} (known: {time}, {time:seconds}, {date}, {weekday}, "
        "{until 2015-05-29T10:00})");
  CHECK(errors[2].starts_with("slides[2].kicker: {until 2015-02-30}: "));
}

}  // namespace
}  // namespace kiosk
