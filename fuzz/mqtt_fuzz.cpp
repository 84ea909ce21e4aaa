// libFuzzer target: any bytes as an MQTT message (the topic up to the first newline, the
// payload after it) through HandleMqttMessage, and as the config file and KIOSK_MQTT.
// Whatever comes in, an error is printable and bounded, and the state that carries it is
// valid JSON. Build with -DKIOSK_FUZZ=ON (clang); see .ci/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "mqtt.h"
#include "utf8.h"

namespace {

// What may reach a log, the state topic or a Home Assistant sensor: valid UTF-8 without
// control or bidi characters.
bool PrintableForUser(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = kiosk::DecodeNext(s, &i);
    if (c == 0xFFFD && s.substr(start, i - start) != "\xEF\xBF\xBD") return false;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069)) {
      return false;
    }
  }
  return true;
}

void Require(bool ok) {
  if (!ok) __builtin_trap();
}

kiosk::MqttConfig Config() {
  kiosk::MqttConfig c;
  c.host = "broker";
  c.id = "lobby";
  c.groups = {"hall", "foyer"};
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static const kiosk::MqttConfig config = Config();

  // The message. The first byte's low bit says retained, so both paths get inputs.
  const std::size_t newline = input.find('\n');
  const std::string_view topic = input.substr(0, newline);
  const std::string_view payload =
      newline == input.npos ? std::string_view() : input.substr(newline + 1);
  const bool retained = size > 0 && (data[0] & 1);
  const kiosk::MqttInbound in = kiosk::HandleMqttMessage(config, topic, payload, 13, retained);
  using Kind = kiosk::MqttInbound::Kind;
  Require(in.kind == Kind::kRejected ? !in.error.empty() : in.error.empty());
  Require(PrintableForUser(in.error));
  Require(kiosk::DecodeUtf8(in.error).size() <= kiosk::kMqttErrorChars);
  if (in.kind == Kind::kCommand) Require(in.action.command != kiosk::Command::kNone);
  if (in.kind == Kind::kPlaylist) Require(in.playlist == payload && !payload.empty());
  if (in.kind == Kind::kCommand || in.kind == Kind::kDiscovery || in.kind == Kind::kRejected) {
    Require(in.playlist.empty());
  }
  kiosk::MqttPlaylists playlists;
  playlists.Update(in);
  Require((playlists.current() != nullptr) == (in.kind == Kind::kPlaylist));

  kiosk::MqttStateExtras extras;
  extras.mqtt_error = in.error;
  kiosk::ShowStatus status;
  status.errors = {std::string(payload)};
  const std::string state = kiosk::MqttStatePayload(status, extras);
  Require(nlohmann::json::accept(state));

  // The config file: errors printable, and a password never repeated.
  kiosk::MqttConfig parsed;
  std::vector<std::string> errors;
  const bool ok = kiosk::ParseMqttConfig(input, "fuzz.conf", &parsed, &errors);
  Require(ok == errors.empty());
  for (const std::string& e : errors) {
    Require(PrintableForUser(e));
    Require(e.size() < 2048);
  }
  if (ok) {
    Require(parsed.id.empty() || kiosk::ValidMqttScreenId(parsed.id));
    for (const std::string& g : parsed.groups) Require(kiosk::ValidMqttId(g));
    Require(parsed.port >= 1 && parsed.port <= 65535);
  }

  // KIOSK_MQTT.
  kiosk::MqttConfig from_url;
  std::string url_error;
  if (kiosk::ParseMqttUrl(input, &from_url, &url_error)) {
    Require(!from_url.host.empty() && from_url.port >= 1 && from_url.port <= 65535);
  } else {
    Require(PrintableForUser(url_error));
    Require(input.find('@') == input.npos || url_error.find('@') == std::string::npos);
  }
  Require(kiosk::ValidMqttScreenId(kiosk::MqttIdFromHostName(input)));
  return 0;
}
