#include "clock_trust.h"

#include <doctest/doctest.h>

namespace kiosk {
namespace {

TEST_CASE("clock trust: the rules in their order") {
  std::string why;
  ClockFacts f;
  CHECK_FALSE(ClockTrusted(f, &why));  // nothing known: a Pi without a clock battery
  CHECK(why.find("no time-sync service and no real-time clock") != std::string::npos);
  f.rtc = true;
  CHECK(ClockTrusted(f, &why));  // no service, but a battery-backed clock
  f.sync_service = true;
  CHECK_FALSE(ClockTrusted(f, &why));  // a service runs: wait for it
  f.kernel_synced = true;
  f.kernel_maxerror_us = 16'000'000;  // the kernel's "unknown"
  CHECK_FALSE(ClockTrusted(f, &why));
  f.kernel_maxerror_us = 200'000;  // chrony or ntpd synchronised it
  CHECK(ClockTrusted(f, &why));
  f.kernel_synced = false;
  f.timesyncd_synced = true;
  CHECK(ClockTrusted(f, &why));
  CHECK(why.find("timesyncd") != std::string::npos);
  f.env = false;  // the override wins either way
  CHECK_FALSE(ClockTrusted(f, &why));
  f = {};
  f.env = true;
  CHECK(ClockTrusted(f, &why));
}

}  // namespace
}  // namespace kiosk
