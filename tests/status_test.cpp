#include "status.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using kiosk::DrawTimes;
using kiosk::ShowStatus;
using kiosk::StatusReply;

TEST_CASE("Status: every field, slide 1-based, as one line of JSON") {
  DrawTimes times;
  for (int i = 1; i <= 100; ++i) times.Add(i);
  ShowStatus s;
  s.slide = 2;
  s.count = 13;
  s.shown = 12;
  s.paused = true;
  s.black = false;
  s.playlist = "/srv/p.json";
  s.version = 4;
  s.mtime = 1764648000;
  s.size = 5120;
  s.errors = {"/srv/p.json: error: slides[2].duration: must be a number"};
  s.uptime_ms = 61'234;
  s.draw_times = &times;
  CHECK(
      StatusReply(s) ==
      R"({"ok":true,"slide":3,"count":13,"shown":12,"idle":false,"paused":true,"black":false,"error_screen":false,)"
      R"("playlist":{"path":"/srv/p.json","version":4,"mtime":1764648000,"size":5120},)"
      R"("errors":["/srv/p.json: error: slides[2].duration: must be a number"],"sync":"off",)"
      R"("uptime_s":61.2,"frame_ms":{"frames":100,"last":100.0,"p50":50.0,"p99":99.0,"max":100.0}})");
}

TEST_CASE("Status: no frames yet, and a path that is not UTF-8 is still JSON") {
  ShowStatus s;
  s.count = 1;
  s.playlist = "/tmp/\xff.json";
  const auto j = nlohmann::json::parse(StatusReply(s));
  CHECK(j["slide"] == 1);
  CHECK(j["playlist"]["path"] == "/tmp/\xEF\xBF\xBD.json");
  CHECK(j["frame_ms"]["frames"] == 0);
  CHECK(j["frame_ms"]["p99"] == 0.0);
  CHECK(j["errors"].empty());
}

TEST_CASE("DrawTimes keeps the last frames only") {
  DrawTimes t;
  for (int i = 0; i < 1000; ++i) t.Add(i < 900 ? 1000.0 : 1.0);
  CHECK(t.count() == DrawTimes::kKept);
  CHECK(t.Max() == 1000.0);  // 20 of the 120 kept are old
  for (int i = 0; i < 20; ++i) t.Add(1.0);
  CHECK(t.Max() == 1.0);
  CHECK(t.last() == 1.0);
}
