// The fleet protocol without a broker: the config file, KIOSK_MQTT, topics, what each
// incoming message asks for, the state payload and Home Assistant discovery.
#include "mqtt.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config.h"
#include "utf8.h"

using kiosk::Action;
using kiosk::Command;
using kiosk::HandleMqttMessage;
using kiosk::MqttConfig;
using kiosk::MqttInbound;
using kiosk::ParseMqttConfig;
using kiosk::ParseMqttUrl;
using Kind = kiosk::MqttInbound::Kind;
using nlohmann::json;

namespace {

constexpr std::size_t kSlides = 13;

MqttConfig Lobby() {
  MqttConfig c;
  c.host = "broker";
  c.id = "lobby";
  c.groups = {"hall", "foyer"};
  return c;
}

MqttConfig GoodConfig(std::string_view text) {
  MqttConfig c;
  std::vector<std::string> errors;
  CAPTURE(text);
  CHECK(ParseMqttConfig(text, "/etc/kiosk/mqtt.conf", &c, &errors));
  CHECK(errors.empty());
  return c;
}

// The one error of a bad config; *out stays as it was.
std::string BadConfig(std::string_view text) {
  MqttConfig c;
  c.host = "unchanged";
  std::vector<std::string> errors;
  CAPTURE(text);
  CHECK_FALSE(ParseMqttConfig(text, "/etc/kiosk/mqtt.conf", &c, &errors));
  CHECK(c.host == "unchanged");
  REQUIRE(errors.size() == 1);
  return errors[0];
}

std::string BadUrl(std::string_view url) {
  MqttConfig c;
  std::string error;
  CAPTURE(url);
  CHECK_FALSE(ParseMqttUrl(url, &c, &error));
  CHECK(c.host.empty());
  return error;
}

MqttInbound In(std::string_view topic, std::string_view payload, bool retained = false) {
  return HandleMqttMessage(Lobby(), topic, payload, kSlides, retained);
}

Action CommandFrom(std::string_view topic, std::string_view payload) {
  const MqttInbound in = In(topic, payload);
  CAPTURE(topic);
  CAPTURE(payload);
  CHECK(in.kind == Kind::kCommand);
  CHECK(in.error.empty());
  return in.action;
}

std::string Rejection(std::string_view topic, std::string_view payload, bool retained = false) {
  const MqttInbound in = In(topic, payload, retained);
  CAPTURE(topic);
  CAPTURE(payload);
  CHECK(in.kind == Kind::kRejected);
  CHECK(in.action == Action());
  CHECK(in.playlist.empty());
  return in.error;
}

}  // namespace

TEST_CASE("MQTT config: every key") {
  const MqttConfig c = GoodConfig(
      "# the fleet\n"
      "host = broker.example.org\n"
      "port=8884\n"
      "\n"
      "  tls = true  \r\n"
      "ca_file = /etc/kiosk/ca.pem\n"
      "cert_file = /etc/kiosk/client.pem\n"
      "key_file = /etc/kiosk/client.key\n"
      "tls_insecure = no\n"
      "username = screen-lobby\n"
      "password_file = /etc/kiosk/mqtt.password\n"
      "id = lobby-1\n"
      "groups = hall, foyer ,hall\n"
      "discovery_prefix = ha/discovery\n"
      "keepalive = 60\n");
  CHECK(c.host == "broker.example.org");
  CHECK(c.port == 8884);
  CHECK(c.tls);
  CHECK(c.ca_file == "/etc/kiosk/ca.pem");
  CHECK(c.cert_file == "/etc/kiosk/client.pem");
  CHECK(c.key_file == "/etc/kiosk/client.key");
  CHECK_FALSE(c.tls_insecure);
  CHECK(c.username == "screen-lobby");
  CHECK(c.password_file == "/etc/kiosk/mqtt.password");
  CHECK(c.id == "lobby-1");
  CHECK(c.groups == std::vector<std::string>{"hall", "foyer"});
  CHECK(c.discovery_prefix == "ha/discovery");
  CHECK(c.keepalive_s == 60);
  CHECK(kiosk::MqttConfigKeys().size() == 13);
}

TEST_CASE("MQTT config: defaults, an empty file, IPv6, discovery off") {
  const MqttConfig empty = GoodConfig("");
  CHECK(empty.host.empty());
  CHECK(empty.port == 1883);
  CHECK(empty.discovery_prefix == "homeassistant");
  CHECK(empty.keepalive_s == 30);
  CHECK(GoodConfig("host = [::1]").host == "::1");
  CHECK(GoodConfig("host = fd00::2").host == "fd00::2");
  CHECK(GoodConfig("discovery_prefix =").discovery_prefix.empty());
  CHECK(GoodConfig("groups =").groups.empty());
  CHECK(GoodConfig("\xEF\xBB\xBFhost = b\r\n").host == "b");
  // What the file does not give stays as it was (KIOSK_MQTT's host, say).
  MqttConfig base;
  base.host = "from-env";
  std::vector<std::string> errors;
  CHECK(ParseMqttConfig("id = lobby", "f", &base, &errors));
  CHECK(base.host == "from-env");
  CHECK(base.id == "lobby");
}

TEST_CASE("MQTT config: errors name the file and line, repeat values escaped") {
  CHECK(BadConfig("host = b\nprot = 1883\n") ==
        "/etc/kiosk/mqtt.conf:2: unknown key \"prot\" (keys: host, port, tls, ca_file, cert_file, "
        "key_file, tls_insecure, username, password_file, id, groups, discovery_prefix, "
        "keepalive)");
  CHECK(BadConfig("port = 99999") ==
        "/etc/kiosk/mqtt.conf:1: port: \"99999\" is not a port (1 to 65535)");
  CHECK(BadConfig("port = 0") == "/etc/kiosk/mqtt.conf:1: port: \"0\" is not a port (1 to 65535)");
  CHECK(BadConfig("port = 18 83") ==
        "/etc/kiosk/mqtt.conf:1: port: \"18 83\" is not a port (1 to 65535)");
  CHECK(BadConfig("id = lobby/1") ==
        "/etc/kiosk/mqtt.conf:1: id: \"lobby/1\" is not a screen id (1 to 64 of A-Z a-z 0-9 _ -, "
        "not \"all\" or \"group\")");
  CHECK(BadConfig("id = all").find("is not a screen id") != std::string::npos);
  CHECK(BadConfig("id = \x1b[2Jx") ==
        "/etc/kiosk/mqtt.conf:1: id: \"\\x1b[2Jx\" is not a screen id (1 to 64 of A-Z a-z 0-9 _ -, "
        "not \"all\" or \"group\")");
  CHECK(BadConfig("groups = hall, +") ==
        "/etc/kiosk/mqtt.conf:1: groups: \"+\" is not a group name (1 to 64 of A-Z a-z 0-9 _ -)");
  CHECK(BadConfig("groups = hall,,foyer").find("\"\" is not a group name") != std::string::npos);
  CHECK(BadConfig("host = a\nhost = b") ==
        "/etc/kiosk/mqtt.conf:2: host: given twice (first on line 1)");
  CHECK(BadConfig("host = mqtt://broker:1883") ==
        "/etc/kiosk/mqtt.conf:1: host: \"mqtt://broker:1883\" is a URL: give the host name here, "
        "and port and tls apart");
  CHECK(BadConfig("tls = maybe") == "/etc/kiosk/mqtt.conf:1: tls: \"maybe\" is not true or false");
  CHECK(BadConfig("keepalive = 2") ==
        "/etc/kiosk/mqtt.conf:1: keepalive: \"2\" is not a number of seconds (5 to 65535)");
  CHECK(BadConfig("tls = true\nca_file = ca.pem") ==
        "/etc/kiosk/mqtt.conf:2: ca_file: \"ca.pem\" is not an absolute path");
  CHECK(BadConfig("discovery_prefix = home/#") ==
        "/etc/kiosk/mqtt.conf:1: discovery_prefix: \"home/#\" is not a topic prefix (levels of A-Z "
        "a-z 0-9 _ -, e.g. homeassistant; empty turns discovery off)");
  CHECK(BadConfig("\n\nca_file = /ca.pem") ==
        "/etc/kiosk/mqtt.conf:3: ca_file: TLS is off (add \"tls = true\")");
  CHECK(BadConfig("tls = true\ncert_file = /c.pem") ==
        "/etc/kiosk/mqtt.conf:2: cert_file and key_file go together (a client certificate and its "
        "key)");
  CHECK(BadConfig("password_file = /p") ==
        "/etc/kiosk/mqtt.conf:1: password_file: needs a username");
  // A long value is cut.
  CHECK(BadConfig("port = " + std::string(500, '9')).size() < 200);
}

TEST_CASE("MQTT config: a password is refused and never repeated") {
  const std::string secret = "hunter2-correct-horse";
  for (const std::string& text :
       {"password = " + secret, "username = u\npassword=" + secret, secret, secret + " = x",
        "passwrod = " + secret, "Password = " + secret, " = " + secret}) {
    CAPTURE(text);
    MqttConfig c;
    std::vector<std::string> errors;
    CHECK_FALSE(ParseMqttConfig(text, "mqtt.conf", &c, &errors));
    REQUIRE_FALSE(errors.empty());
    for (const std::string& e : errors) CHECK(e.find("hunter2") == std::string::npos);
  }
  CHECK(BadConfig("password = x") ==
        "/etc/kiosk/mqtt.conf:1: password: not in this file: use password_file (a file only the "
        "kiosk user can read, holding the password)");
  CHECK(BadConfig("just some words") == "/etc/kiosk/mqtt.conf:1: expected \"key = value\"");
}

TEST_CASE("MQTT config: every problem, and a file of junk stops early") {
  MqttConfig c;
  std::vector<std::string> errors;
  CHECK_FALSE(ParseMqttConfig("port = x\nid = /\nfoo = 1\n", "f", &c, &errors));
  CHECK(errors.size() == 3);
  errors.clear();
  std::string junk;
  for (int i = 0; i < 10000; ++i) junk += "junk\n";
  CHECK_FALSE(ParseMqttConfig(junk, "f", &c, &errors));
  CHECK(errors.size() == 21);
  CHECK(errors.back() == "f: too many problems, stopped reading");
}

TEST_CASE("KIOSK_MQTT URLs") {
  MqttConfig c;
  std::string error;
  CHECK(ParseMqttUrl("mqtt://broker:1884", &c, &error));
  CHECK(c.host == "broker");
  CHECK(c.port == 1884);
  CHECK_FALSE(c.tls);
  CHECK(ParseMqttUrl("mqtts://broker.example.org", &c, &error));
  CHECK(c.host == "broker.example.org");
  CHECK(c.port == 8883);
  CHECK(c.tls);
  CHECK(ParseMqttUrl("mqtt://192.168.1.5/", &c, &error));
  CHECK(c.host == "192.168.1.5");
  CHECK(c.port == 1883);
  CHECK_FALSE(c.tls);
  CHECK(ParseMqttUrl("mqtt://[::1]:1883", &c, &error));
  CHECK(c.host == "::1");
  CHECK(c.port == 1883);
  CHECK(ParseMqttUrl("mqtts://[fd00::5]", &c, &error));
  CHECK(c.host == "fd00::5");
  CHECK(c.port == 8883);

  CHECK(BadUrl("tcp://broker:1883") ==
        "\"tcp://broker:1883\" is not an MQTT URL: use mqtt://HOST:PORT or "
        "mqtts://HOST:PORT");
  CHECK(BadUrl("broker:1883").find("is not an MQTT URL") != std::string::npos);
  CHECK(BadUrl("mqtt://broker:99999") ==
        "\"mqtt://broker:99999\": the port must be a number from 1 to 65535");
  CHECK(BadUrl("mqtt://broker:").find("the port must be") != std::string::npos);
  CHECK(BadUrl("mqtt://broker:0").find("the port must be") != std::string::npos);
  CHECK(BadUrl("mqtt://").find("no valid host") != std::string::npos);
  CHECK(BadUrl("mqtt://:1883").find("no valid host") != std::string::npos);
  CHECK(BadUrl("mqtt://::1:1883").find("goes in brackets") != std::string::npos);
  CHECK(BadUrl("mqtt://[::1").find("no ']'") != std::string::npos);
  CHECK(BadUrl("mqtt://[::1]x").find("expected ':PORT'") != std::string::npos);
  CHECK(BadUrl("mqtt://broker/kiosk").find("no path") != std::string::npos);
  CHECK(BadUrl("mqtt://bro ker").find("no valid host") != std::string::npos);
  CHECK(BadUrl("mqtt://\x1b]0;x\x07").find("\\x1b") != std::string::npos);
  // Credentials are never repeated.
  const std::string error_with_login = BadUrl("mqtt://admin:hunter2@broker:1883");
  CHECK(error_with_login ==
        "no user or password in the URL: put username and password_file in the config "
        "file");
  CHECK(error_with_login.find("hunter2") == std::string::npos);
}

TEST_CASE("MQTT ids and host names") {
  CHECK(kiosk::ValidMqttId("lobby"));
  CHECK(kiosk::ValidMqttId("A-z_09"));
  CHECK(kiosk::ValidMqttId(std::string(64, 'a')));
  CHECK_FALSE(kiosk::ValidMqttId(std::string(65, 'a')));
  for (const char* bad : {"", "a/b", "+", "#", "a b", "é", "a.b", "$SYS"}) {
    CAPTURE(bad);
    CHECK_FALSE(kiosk::ValidMqttId(bad));
  }
  CHECK(kiosk::ValidMqttId("all"));              // a group may be called "all" ...
  CHECK_FALSE(kiosk::ValidMqttScreenId("all"));  // ... a screen may not
  CHECK_FALSE(kiosk::ValidMqttScreenId("group"));
  CHECK(kiosk::MqttIdFromHostName("raspberrypi") == "raspberrypi");
  CHECK(kiosk::MqttIdFromHostName("pi.local") == "pi-local");
  CHECK(kiosk::MqttIdFromHostName("Bühne 2") == "B-hne-2");
  CHECK(kiosk::MqttIdFromHostName("") == "kiosk");
  CHECK(kiosk::MqttIdFromHostName("all") == "kiosk-all");
  CHECK(kiosk::MqttIdFromHostName(std::string(100, 'x')) == std::string(64, 'x'));
  CHECK(kiosk::ValidMqttScreenId(kiosk::MqttIdFromHostName("a/b+#\xff")));
}

TEST_CASE("MQTT subscriptions: commands, playlists, Home Assistant's status") {
  CHECK(kiosk::MqttSubscriptions(Lobby()) ==
        std::vector<std::string>{"kiosk/lobby/cmd", "kiosk/group/hall/cmd", "kiosk/group/foyer/cmd",
                                 "kiosk/all/cmd", "kiosk/all/playlist", "kiosk/group/hall/playlist",
                                 "kiosk/group/foyer/playlist", "kiosk/lobby/playlist",
                                 "homeassistant/status"});
  MqttConfig quiet = Lobby();
  quiet.groups.clear();
  quiet.discovery_prefix.clear();
  CHECK(kiosk::MqttSubscriptions(quiet) ==
        std::vector<std::string>{"kiosk/lobby/cmd", "kiosk/all/cmd", "kiosk/all/playlist",
                                 "kiosk/lobby/playlist"});
  CHECK(kiosk::MqttStateTopic(Lobby()) == "kiosk/lobby/state");
  CHECK(kiosk::MqttAvailabilityTopic(Lobby()) == "kiosk/lobby/availability");
}

TEST_CASE("MQTT commands: the control socket's, as JSON and as words, on every command topic") {
  for (const char* topic :
       {"kiosk/lobby/cmd", "kiosk/group/hall/cmd", "kiosk/group/foyer/cmd", "kiosk/all/cmd"}) {
    CHECK(CommandFrom(topic, "next") == Action(Command::kNext));
    CHECK(CommandFrom(topic, "{\"cmd\": \"prev\"}") == Action(Command::kPrevious));
  }
  CHECK(CommandFrom("kiosk/all/cmd", "next\n") == Action(Command::kNext));
  CHECK(CommandFrom("kiosk/all/cmd", " \r\n{\"cmd\":\n \"pause\"}\r\n") == Action(Command::kPause));
  CHECK(CommandFrom("kiosk/all/cmd", "goto 3") == Action(Command::kJump, 2));
  CHECK(CommandFrom("kiosk/all/cmd", "{\"cmd\": \"goto\", \"slide\": 13}") ==
        Action(Command::kJump, 12));
  CHECK(CommandFrom("kiosk/all/cmd", "black") == Action(Command::kBlack));
  CHECK(CommandFrom("kiosk/all/cmd", "resume") == Action(Command::kResume));
  CHECK(CommandFrom("kiosk/all/cmd", "reload") == Action(Command::kReload));
  CHECK(CommandFrom("kiosk/all/cmd", "clear") == Action(Command::kClearAnnouncement));
  Action announce(Command::kAnnounce);
  announce.text = "Workshop 3 jetzt in Raum B";
  announce.for_ms = 30000;
  CHECK(CommandFrom("kiosk/lobby/cmd",
                    R"({"cmd": "announce", "text": "Workshop 3 jetzt in Raum B", "for": 30})") ==
        announce);
  announce.for_ms = -1;
  CHECK(CommandFrom("kiosk/lobby/cmd", "announce Workshop 3 jetzt in Raum B") == announce);
}

TEST_CASE("MQTT commands: bad ones are rejected with an escaped, bounded error") {
  CHECK(Rejection("kiosk/all/cmd", "nxet") == "kiosk/all/cmd: unknown command \"nxet\"");
  CHECK(Rejection("kiosk/lobby/cmd", "{\"cmd\": 3}") ==
        "kiosk/lobby/cmd: \"cmd\" must be a string");
  CHECK(Rejection("kiosk/lobby/cmd", "{\"cmd\": \"next\"") ==
        "kiosk/lobby/cmd: invalid JSON at byte 15");
  CHECK(Rejection("kiosk/lobby/cmd", "{\"cmd\": \"goto\", \"slide\": \"3\"}") ==
        "kiosk/lobby/cmd: goto: \"slide\" must be a slide number from 1 to 13");
  CHECK(Rejection("kiosk/lobby/cmd", "goto 14") ==
        "kiosk/lobby/cmd: goto: \"slide\" must be a slide number from 1 to 13");
  CHECK(Rejection("kiosk/lobby/cmd", R"({"cmd": "announce", "text": ["a"]})") ==
        "kiosk/lobby/cmd: announce: \"text\" must be a string");
  CHECK(Rejection("kiosk/lobby/cmd", "[1, 2]") ==
        "kiosk/lobby/cmd: expected a JSON object such as {\"cmd\": \"next\"}");
  CHECK(Rejection("kiosk/lobby/cmd", "   ") == "kiosk/lobby/cmd: empty request");
  CHECK(Rejection("kiosk/all/cmd", "next\xff\xfe") == "kiosk/all/cmd: not UTF-8 text");
  CHECK(Rejection("kiosk/all/cmd", std::string("\x89PNG\r\n\x1a\n\0\0", 10)) ==
        "kiosk/all/cmd: not UTF-8 text");
  CHECK(Rejection("kiosk/all/cmd", std::string("next\0\x01", 6)) ==
        "kiosk/all/cmd: binary data (control characters), not a command");
  CHECK(Rejection("kiosk/all/cmd", "\xe2\x80\xaenext") ==
        "kiosk/all/cmd: unknown command \"\\u202enext\"");
  CHECK(Rejection("kiosk/all/cmd", "status") ==
        "kiosk/all/cmd: status: not over MQTT: the state is published on kiosk/lobby/state");
  // Long input is cut: the error goes on the state topic and into a Home Assistant sensor.
  const std::string long_error = Rejection("kiosk/all/cmd", "x" + std::string(100000, 'y'));
  CHECK(kiosk::DecodeUtf8(long_error).size() <= kiosk::kMqttErrorChars);
  CHECK(long_error.starts_with("kiosk/all/cmd: unknown command \"xyyy"));
  const std::string long_text = Rejection(
      "kiosk/all/cmd", "announce " + std::string(kiosk::config::kAnnouncementMaxChars + 1, 'a'));
  CHECK(long_text ==
        "kiosk/all/cmd: announce: \"text\": 1001 characters, more than the limit of 1000");
}

TEST_CASE("MQTT: a payload over the limit is rejected on every topic, before it is read") {
  const std::string huge(kiosk::kMqttMaxPayload + 1, '{');
  CHECK(Rejection("kiosk/all/cmd", huge) ==
        "kiosk/all/cmd: 1048577 bytes, more than the limit of 1048576");
  CHECK(Rejection("kiosk/all/playlist", huge) ==
        "kiosk/all/playlist: 1048577 bytes, more than the limit of 1048576");
  // At the limit, a playlist passes (its validation comes later, like a file's).
  const std::string at_limit(kiosk::kMqttMaxPayload, ' ');
  CHECK(In("kiosk/all/playlist", at_limit).kind == Kind::kPlaylist);
}

TEST_CASE("MQTT: retained and empty commands") {
  // An empty retained message deletes a retained one: nothing to do.
  CHECK(In("kiosk/all/cmd", "").kind == Kind::kIgnore);
  CHECK(In("kiosk/all/cmd", "", true).kind == Kind::kIgnore);
  // A retained command is stale: it would run at every reconnect.
  CHECK(Rejection("kiosk/all/cmd", "next", true) ==
        "kiosk/all/cmd: a retained command is ignored (it would run again at every reconnect): "
        "publish commands without the retain flag");
}

TEST_CASE("MQTT playlists: text, deletion, and the topic's rank") {
  const MqttInbound all = In("kiosk/all/playlist", "{\"slides\": []}");
  CHECK(all.kind == Kind::kPlaylist);
  CHECK(all.playlist == "{\"slides\": []}");
  CHECK(all.topic == "kiosk/all/playlist");
  CHECK(all.rank == 0);
  CHECK(In("kiosk/group/foyer/playlist", "x").rank == 1);
  CHECK(In("kiosk/group/hall/playlist", "x").rank == 2);
  CHECK(In("kiosk/lobby/playlist", "x").rank == 3);
  // Not checked here: a playlist is validated like a file, later.
  CHECK(In("kiosk/lobby/playlist", "\xff\x00 not json").kind == Kind::kPlaylist);
  const MqttInbound deleted = In("kiosk/group/hall/playlist", "", true);
  CHECK(deleted.kind == Kind::kNoPlaylist);
  CHECK(deleted.topic == "kiosk/group/hall/playlist");
  CHECK(deleted.rank == 2);
}

TEST_CASE("MQTT playlists: the screen's own wins over its groups', which win over all's") {
  kiosk::MqttPlaylists p;
  CHECK(p.current() == nullptr);
  CHECK(p.current_topic().empty());
  CHECK(p.Update(In("kiosk/all/playlist", "A")));
  REQUIRE(p.current());
  CHECK(*p.current() == "A");
  CHECK(p.Update(In("kiosk/lobby/playlist", "L")));
  CHECK(*p.current() == "L");
  CHECK(p.current_topic() == "kiosk/lobby/playlist");
  CHECK_FALSE(p.Update(In("kiosk/all/playlist", "A2")));  // kept, not shown
  CHECK_FALSE(p.Update(In("kiosk/group/foyer/playlist", "F")));
  CHECK_FALSE(p.Update(In("kiosk/lobby/playlist", "L")));  // the same again (a reconnect)
  CHECK(p.Update(In("kiosk/lobby/playlist", "L2")));
  CHECK(*p.current() == "L2");
  CHECK(p.Update(In("kiosk/lobby/playlist", "")));  // deleted: the group's shows
  CHECK(*p.current() == "F");
  CHECK(p.Update(In("kiosk/group/hall/playlist", "H")));  // listed first: wins over foyer
  CHECK(*p.current() == "H");
  CHECK(p.Update(In("kiosk/group/hall/playlist", "")));
  CHECK(p.Update(In("kiosk/group/foyer/playlist", "")));
  CHECK(*p.current() == "A2");
  CHECK_FALSE(p.Update(In("kiosk/group/foyer/playlist", "")));  // nothing there
  CHECK(p.Update(In("kiosk/all/playlist", "")));
  CHECK(p.current() == nullptr);  // the local file
  CHECK_FALSE(p.Update(In("kiosk/all/cmd", "next")));
}

TEST_CASE("MQTT: Home Assistant's status, and topics not ours") {
  CHECK(In("homeassistant/status", "online").kind == Kind::kDiscovery);
  CHECK(In("homeassistant/status", "offline").kind == Kind::kIgnore);
  CHECK(In("homeassistant/status", std::string(kiosk::kMqttMaxPayload + 1, 'x')).kind ==
        Kind::kRejected);
  for (const char* topic : {"kiosk/other/cmd", "kiosk/group/stage/cmd", "kiosk/lobby/state",
                            "kiosk/lobby/cmd/x", "kiosk/lobby", "", "kiosk/all/cmdx",
                            "xkiosk/all/cmd", "kiosk/group/hall/state", "homeassistant/statusx"}) {
    CAPTURE(topic);
    CHECK(In(topic, "next").kind == Kind::kIgnore);
  }
  MqttConfig off = Lobby();
  off.discovery_prefix.clear();
  CHECK(HandleMqttMessage(off, "/status", "online", kSlides).kind == Kind::kIgnore);
  CHECK(HandleMqttMessage(off, "homeassistant/status", "online", kSlides).kind == Kind::kIgnore);
}

TEST_CASE("MQTT state: every field, escaped, without credentials") {
  kiosk::ShowStatus s;
  s.slide = 2;
  s.count = 13;
  s.shown = 12;
  s.paused = true;
  s.version = 4;
  s.playlist = "/srv/kiosk/playlist.json";
  s.errors = {"playlist.json: error: slides[2].duration: \x1b[31m\xff"};
  s.sync = "clock";
  s.uptime_ms = 3605'900;
  kiosk::DrawTimes times;
  times.Add(3.14159);
  s.draw_times = &times;
  kiosk::MqttStateExtras extras;
  extras.temperature_c = 48.34;
  extras.mqtt_error = "kiosk/all/cmd: unknown command \"nxet\"";
  extras.playlist_source = "kiosk/all/playlist";
  const std::string payload = kiosk::MqttStatePayload(s, extras);
  CHECK(
      payload ==
      R"({"slide":3,"count":13,"shown":12,"idle":false,"paused":true,"black":false,"error_screen":false,"version":4,)"
      R"("playlist_source":"kiosk/all/playlist","error_count":1,)"
      R"("errors":["playlist.json: error: slides[2].duration: \\x1b[31m\\xff"],"sync":"clock",)"
      R"("mqtt_error":"kiosk/all/cmd: unknown command \"nxet\"","uptime_s":3605,)"
      R"("frame_ms":{"last":3.14,"p99":3.14},"temperature_c":48.3})");
  CHECK(json::parse(payload)["slide"] == 3);
  // No temperature when it is not readable; no slide with no slides.
  extras.temperature_c = -1000;
  s.count = 0;
  const json j = json::parse(kiosk::MqttStatePayload(s, extras));
  CHECK_FALSE(j.contains("temperature_c"));
  CHECK(j["slide"] == 0);
  extras.temperature_c = std::nan("");
  CHECK_FALSE(json::parse(kiosk::MqttStatePayload(s, extras)).contains("temperature_c"));
  // The path of the local file is not published.
  CHECK(payload.find("/srv/kiosk") == std::string::npos);
}

TEST_CASE("MQTT state: errors and the MQTT error are bounded") {
  kiosk::ShowStatus s;
  s.errors.assign(50, std::string(5000, 'e'));
  kiosk::MqttStateExtras extras;
  extras.mqtt_error = std::string(5000, 'm');
  const json j = json::parse(kiosk::MqttStatePayload(s, extras));
  CHECK(j["error_count"] == 50);
  CHECK(j["errors"].size() == 10);
  CHECK(j["mqtt_error"].get<std::string>().size() < 1000);
  CHECK(kiosk::MqttStatePayload(s, extras).size() < 10000);
}

TEST_CASE("MQTT state: the change key leaves out what changes all the time") {
  kiosk::ShowStatus s;
  s.count = 13;
  kiosk::MqttStateExtras extras;
  const std::string key = kiosk::MqttStateChangeKey(s, extras);
  s.uptime_ms += 5000;
  extras.temperature_c = 50;
  kiosk::DrawTimes times;
  times.Add(7);
  s.draw_times = &times;
  CHECK(kiosk::MqttStateChangeKey(s, extras) == key);
  s.slide = 1;
  CHECK(kiosk::MqttStateChangeKey(s, extras) != key);
}

namespace {

// The value_json fields a Home Assistant template reads.
std::vector<std::string> TemplateFields(const std::string& text) {
  std::vector<std::string> fields;
  const std::string marker = "value_json.";
  for (std::size_t at = text.find(marker); at != std::string::npos;
       at = text.find(marker, at + 1)) {
    std::size_t end = at + marker.size();
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
      ++end;
    }
    fields.push_back(text.substr(at + marker.size(), end - at - marker.size()));
  }
  return fields;
}

}  // namespace

TEST_CASE("Home Assistant discovery: what Home Assistant requires, consistent with the topics") {
  const MqttConfig config = Lobby();
  const std::vector<kiosk::MqttMessage> messages = kiosk::MqttDiscoveryMessages(config, "0.1.0");
  REQUIRE(messages.size() == 12);
  const std::vector<std::string> subscribed = kiosk::MqttSubscriptions(config);
  // Every field the state can carry (temperature is left out when not readable).
  kiosk::ShowStatus status;
  kiosk::MqttStateExtras extras;
  extras.temperature_c = 40;
  const json state = json::parse(kiosk::MqttStatePayload(status, extras));
  std::set<std::string> unique_ids;
  std::set<std::string> topics;
  std::set<std::string> components;
  for (const kiosk::MqttMessage& m : messages) {
    CAPTURE(m.topic);
    CAPTURE(m.payload);
    CHECK(m.retain);
    // <prefix>/<component>/<node_id>/<object_id>/config, each level a valid id.
    const std::string prefix = "homeassistant/";
    REQUIRE(m.topic.starts_with(prefix));
    REQUIRE(m.topic.ends_with("/config"));
    std::vector<std::string> levels;
    std::string rest = m.topic.substr(prefix.size());
    for (std::size_t slash; (slash = rest.find('/')) != std::string::npos;
         rest.erase(0, slash + 1)) {
      levels.push_back(rest.substr(0, slash));
    }
    REQUIRE(levels.size() == 3);
    for (const std::string& level : levels) CHECK(kiosk::ValidMqttId(level));
    CHECK(levels[1] == "kiosk_lobby");
    const std::string& component = levels[0];
    components.insert(component);
    CHECK(topics.insert(m.topic).second);

    const json j = json::parse(m.payload);
    CHECK(j["name"].is_string());
    REQUIRE(j["unique_id"].is_string());
    CHECK(j["unique_id"].get<std::string>().starts_with("kiosk_lobby_"));
    CHECK(unique_ids.insert(j["unique_id"].get<std::string>()).second);
    // The device: identifiers a non-empty list, the same for every entity.
    REQUIRE(j["device"].is_object());
    CHECK(j["device"]["identifiers"] == json::array({"kiosk_lobby"}));
    for (const char* key : {"name", "model", "manufacturer", "sw_version"}) {
      CHECK(j["device"][key].is_string());
    }
    CHECK(j["device"]["sw_version"] == "0.1.0");
    CHECK(j["availability_topic"] == kiosk::MqttAvailabilityTopic(config));
    CHECK(j["payload_available"] == "online");
    CHECK(j["payload_not_available"] == "offline");
    if (j.contains("entity_category")) {
      // Sensors may only be diagnostic; nothing else is allowed.
      CHECK((j["entity_category"] == "diagnostic" ||
             (j["entity_category"] == "config" && component != "sensor")));
    }
    // What each component must have, and that kiosk does what it sends.
    if (component == "button" || component == "switch" || component == "text") {
      REQUIRE(j["command_topic"].is_string());
      const std::string command_topic = j["command_topic"];
      CHECK(std::find(subscribed.begin(), subscribed.end(), command_topic) != subscribed.end());
      std::vector<std::string> payloads;
      if (component == "button") payloads = {j["payload_press"]};
      if (component == "switch") payloads = {j["payload_on"], j["payload_off"]};
      if (component == "text") {
        CHECK(j["command_template"].get<std::string>().find("| tojson") != std::string::npos);
        CHECK(j["min"] == 1);
        CHECK(j["max"] <= 255);  // Home Assistant's most for a text
        CHECK(j["max"] <= kiosk::config::kAnnouncementMaxChars);
        // What the template renders: the JSON announce.
        payloads = {json{{"cmd", "announce"}, {"text", "Raum \"B\" \u00fc"}}.dump()};
      }
      for (const std::string& payload : payloads) {
        CAPTURE(payload);
        const MqttInbound in = HandleMqttMessage(config, command_topic, payload, kSlides);
        CHECK(in.kind == Kind::kCommand);
      }
    } else {
      CHECK(component == "sensor");
    }
    if (component == "switch" || component == "sensor") {
      CHECK(j["state_topic"] == kiosk::MqttStateTopic(config));
      REQUIRE(j["value_template"].is_string());
      const std::vector<std::string> fields = TemplateFields(j["value_template"]);
      CHECK_FALSE(fields.empty());
      for (const std::string& field : fields) {
        CAPTURE(field);
        CHECK(state.contains(field));
      }
    }
    if (component == "switch") {
      CHECK(j["state_on"] == "ON");
      CHECK(j["state_off"] == "OFF");
    }
  }
  CHECK(components == std::set<std::string>{"button", "sensor", "switch", "text"});
  // The buttons and switches the issue asks for.
  for (const char* id : {"kiosk_lobby_next", "kiosk_lobby_previous", "kiosk_lobby_paused",
                         "kiosk_lobby_black", "kiosk_lobby_slide", "kiosk_lobby_announcement",
                         "kiosk_lobby_errors", "kiosk_lobby_uptime"}) {
    CHECK(unique_ids.count(id) == 1);
  }
}

TEST_CASE("Home Assistant discovery: stable, per screen, off without a prefix") {
  MqttConfig a = Lobby();
  MqttConfig b = Lobby();
  b.id = "stage";
  b.discovery_prefix = "ha/disc";
  const auto first = kiosk::MqttDiscoveryMessages(a, "0.1.0");
  CHECK(kiosk::MqttDiscoveryMessages(a, "0.1.0") == first);
  const auto other = kiosk::MqttDiscoveryMessages(b, "0.1.0");
  REQUIRE(other.size() == first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(other[i].topic.starts_with("ha/disc/"));
    CHECK(json::parse(other[i].payload)["unique_id"] != json::parse(first[i].payload)["unique_id"]);
  }
  // A new version changes the device's sw_version only, not the ids.
  const auto newer = kiosk::MqttDiscoveryMessages(a, "0.2.0\x1b");
  CHECK(json::parse(newer[0].payload)["unique_id"] == json::parse(first[0].payload)["unique_id"]);
  CHECK(json::parse(newer[0].payload)["device"]["sw_version"] == "0.2.0\\x1b");
  a.discovery_prefix.clear();
  CHECK(kiosk::MqttDiscoveryMessages(a, "0.1.0").empty());
}

TEST_CASE("README's \"Topics and payloads\" has every topic, config key and entity") {
  std::ifstream in(KIOSK_SOURCE_DIR "/README.md");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string readme = ss.str();
  for (std::string_view key : kiosk::MqttConfigKeys()) {
    const std::string row = "| `" + std::string(key) + "` |";
    CAPTURE(row);
    CHECK(readme.find(row) != std::string::npos);
  }
  MqttConfig config;
  config.id = "<id>";
  config.groups = {"<g>"};
  std::vector<std::string> topics = kiosk::MqttSubscriptions(config);
  topics.push_back(kiosk::MqttStateTopic(config));
  topics.push_back(kiosk::MqttAvailabilityTopic(config));
  for (const std::string& topic : topics) {
    const std::string row = "| `" + topic + "` |";
    CAPTURE(row);
    CHECK(readme.find(row) != std::string::npos);
  }
  for (const kiosk::MqttMessage& m : kiosk::MqttDiscoveryMessages(Lobby(), "1")) {
    const std::string name = json::parse(m.payload)["name"];
    CAPTURE(name);
    CHECK(readme.find(name) != std::string::npos);
  }
  CHECK(readme.find("| MQTT message | at most 1 MiB") != std::string::npos);
  CHECK(kiosk::kMqttMaxPayload == 1024 * 1024);
}
