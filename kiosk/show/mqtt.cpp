#include "mqtt.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "control.h"
#include "diagnostics.h"
#include "utf8.h"

namespace kiosk {
namespace {

using nlohmann::ordered_json;

// After this many problems a config file is not worth reading on.
constexpr std::size_t kMaxConfigErrors = 20;
// How many of the playlist's problems the state carries (the count says how many in all).
constexpr std::size_t kStateErrors = 10;
constexpr std::size_t kStateErrorChars = 300;
constexpr int kMinKeepalive = 5;  // libmosquitto refuses less
constexpr int kMaxKeepalive = 65535;
constexpr std::size_t kMaxHostBytes = 253;
constexpr std::size_t kMaxPrefixBytes = 128;

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const std::size_t first = s.find_first_not_of(kSpace);
  if (first == s.npos) return {};
  const std::size_t last = s.find_last_not_of(kSpace);
  return s.substr(first, last - first + 1);
}

std::string Quoted(std::string_view text) { return "\"" + EchoForUser(text) + "\""; }

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

// DecodeNext gives U+FFFD for a byte that is not UTF-8: only a real U+FFFD may give it.
bool IsUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = i;
    if (DecodeNext(s, &i) == U'\uFFFD' && s.substr(at, 3) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

bool ParseNumber(std::string_view s, long long min, long long max, long long* out) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != s.npos) return false;
  long long n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  if (n < min || n > max) return false;
  *out = n;
  return true;
}

bool ParsePort(std::string_view s, int* port) {
  long long n = 0;
  if (!ParseNumber(s, 1, 65535, &n)) return false;
  *port = static_cast<int>(n);
  return true;
}

bool ParseBool(std::string_view s, bool* out) {
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  if (lower == "true" || lower == "yes" || lower == "on" || lower == "1") {
    *out = true;
  } else if (lower == "false" || lower == "no" || lower == "off" || lower == "0") {
    *out = false;
  } else {
    return false;
  }
  return true;
}

// A host name or an IP address (an IPv6 one without its brackets).
bool ValidHost(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostBytes) return false;
  const bool ipv6 = host.find(':') != host.npos;
  const std::string_view allowed = ipv6 ? "0123456789abcdefABCDEF:." : "";
  for (char c : host) {
    const bool ok = ipv6 ? allowed.find(c) != allowed.npos
                         : (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                               (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// "homeassistant", or levels of ids ("ha/discovery"); "" is allowed by the caller.
bool ValidPrefix(std::string_view prefix) {
  if (prefix.empty() || prefix.size() > kMaxPrefixBytes) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = prefix.find('/', start);
    if (!ValidMqttId(prefix.substr(start, slash == prefix.npos ? prefix.npos : slash - start))) {
      return false;
    }
    if (slash == prefix.npos) return true;
    start = slash + 1;
  }
}

enum class Key {
  kHost,
  kPort,
  kTls,
  kCaFile,
  kCertFile,
  kKeyFile,
  kTlsInsecure,
  kUsername,
  kPasswordFile,
  kId,
  kGroups,
  kDiscoveryPrefix,
  kKeepalive,
};

struct KeyName {
  std::string_view name;
  Key key;
};

// The one table of config keys (the README's "Topics and payloads" lists them).
constexpr KeyName kKeys[] = {
    {"host", Key::kHost},
    {"port", Key::kPort},
    {"tls", Key::kTls},
    {"ca_file", Key::kCaFile},
    {"cert_file", Key::kCertFile},
    {"key_file", Key::kKeyFile},
    {"tls_insecure", Key::kTlsInsecure},
    {"username", Key::kUsername},
    {"password_file", Key::kPasswordFile},
    {"id", Key::kId},
    {"groups", Key::kGroups},
    {"discovery_prefix", Key::kDiscoveryPrefix},
    {"keepalive", Key::kKeepalive},
};
constexpr std::size_t kKeyCount = sizeof(kKeys) / sizeof(kKeys[0]);

// The table is in the enum's order: a key's enum value is its row.
constexpr bool InEnumOrder() {
  for (std::size_t i = 0; i < kKeyCount; ++i) {
    if (static_cast<std::size_t>(kKeys[i].key) != i) return false;
  }
  return true;
}
static_assert(InEnumOrder());

std::size_t IndexOf(Key key) { return static_cast<std::size_t>(key); }

// A key as a message may repeat it: only what looks like one (lower case and '_', as all
// keys are). A line that is not a key could be a password pasted in the wrong place.
std::string KeyForMessage(std::string_view key) {
  const bool plain = !key.empty() && key.size() <= 32 &&
                     key.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == key.npos;
  return plain ? "\"" + std::string(key) + "\"" : "(not repeated here)";
}

class ConfigParser {
 public:
  ConfigParser(const std::string& file, MqttConfig config, std::vector<std::string>* errors)
      : file_(EchoForUser(file, 200, Elide::kMiddle)), config_(std::move(config)), errors_(errors) {
    lines_.fill(0);
  }

  bool Parse(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a BOM some editors write
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size() && errors_found_ < kMaxConfigErrors) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      ++number;
      Line(number, Trim(text.substr(start, end - start)));
      start = end + 1;
    }
    if (errors_found_ >= kMaxConfigErrors) {
      Error(0, "too many problems, stopped reading");
      return false;
    }
    Finish();
    return errors_found_ == 0;
  }

  const MqttConfig& config() const { return config_; }

 private:
  void Error(int line, const std::string& message) {
    ++errors_found_;
    if (!errors_) return;
    errors_->push_back(line > 0 ? file_ + ":" + std::to_string(line) + ": " + message
                                : file_ + ": " + message);
  }

  void Line(int number, std::string_view line) {
    if (line.empty() || line.front() == '#') return;
    const std::size_t equals = line.find('=');
    if (equals == line.npos) {
      // Not repeated: it could be a password.
      return Error(number, "expected \"key = value\"");
    }
    const std::string_view name = Trim(line.substr(0, equals));
    const std::string_view value = Trim(line.substr(equals + 1));
    if (name == "password" || name == "pass" || name == "passwd") {
      return Error(number, std::string(name) +
                               ": not in this file: use password_file (a file only the kiosk user "
                               "can read, holding the password)");
    }
    const auto known = std::find_if(std::begin(kKeys), std::end(kKeys),
                                    [&](const KeyName& k) { return k.name == name; });
    if (known == std::end(kKeys)) {
      return Error(number, "unknown key " + KeyForMessage(name) + " (keys: " + KeyList() + ")");
    }
    const std::size_t index = IndexOf(known->key);
    if (lines_[index] != 0) {
      return Error(number, std::string(name) + ": given twice (first on line " +
                               std::to_string(lines_[index]) + ")");
    }
    lines_[index] = number;
    Set(number, known->key, name, value);
  }

  static std::string KeyList() {
    std::string list;
    for (const KeyName& k : kKeys) list += (list.empty() ? "" : ", ") + std::string(k.name);
    return list;
  }

  bool Path(int number, std::string_view name, std::string_view value, std::string* out) {
    if (value.empty() || value.front() != '/' || HasControl(value)) {
      Error(number, std::string(name) + ": " + Quoted(value) + " is not an absolute path");
      return false;
    }
    *out = std::string(value);
    return true;
  }

  void Set(int number, Key key, std::string_view name, std::string_view value) {
    const std::string key_name(name);
    switch (key) {
      case Key::kHost: {
        std::string_view host = value;
        if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
          host = host.substr(1, host.size() - 2);
        }
        if (value.find("://") != value.npos) {
          return Error(number, "host: " + Quoted(value) +
                                   " is a URL: give the host name here, and port and tls apart");
        }
        if (!ValidHost(host)) {
          return Error(number, "host: " + Quoted(value) + " is not a host name or IP address");
        }
        config_.host = std::string(host);
        return;
      }
      case Key::kPort:
        if (!ParsePort(value, &config_.port)) {
          Error(number, "port: " + Quoted(value) + " is not a port (1 to 65535)");
        }
        return;
      case Key::kTls:
      case Key::kTlsInsecure: {
        bool b = false;
        if (!ParseBool(value, &b)) {
          return Error(number, key_name + ": " + Quoted(value) + " is not true or false");
        }
        (key == Key::kTls ? config_.tls : config_.tls_insecure) = b;
        return;
      }
      case Key::kCaFile:
        Path(number, name, value, &config_.ca_file);
        return;
      case Key::kCertFile:
        Path(number, name, value, &config_.cert_file);
        return;
      case Key::kKeyFile:
        Path(number, name, value, &config_.key_file);
        return;
      case Key::kPasswordFile:
        Path(number, name, value, &config_.password_file);
        return;
      case Key::kUsername:
        // Not repeated in messages: it is half of a login.
        if (value.empty() || value.size() > 256 || HasControl(value) || !IsUtf8(value)) {
          return Error(number, "username: must be 1 to 256 bytes of UTF-8 text");
        }
        config_.username = std::string(value);
        return;
      case Key::kId:
        if (!ValidMqttScreenId(value)) {
          return Error(number, "id: " + Quoted(value) +
                                   " is not a screen id (1 to 64 of A-Z a-z 0-9 _ -, not "
                                   "\"all\" or \"group\")");
        }
        config_.id = std::string(value);
        return;
      case Key::kGroups: {
        std::vector<std::string> groups;
        std::size_t start = 0;
        while (start <= value.size()) {
          const std::size_t comma = std::min(value.find(',', start), value.size());
          const std::string_view group = Trim(value.substr(start, comma - start));
          start = comma + 1;
          if (group.empty() && value.empty()) break;
          if (!ValidMqttId(group)) {
            return Error(number, "groups: " + Quoted(group) +
                                     " is not a group name (1 to 64 of A-Z a-z 0-9 _ -)");
          }
          if (std::find(groups.begin(), groups.end(), group) == groups.end()) {
            groups.emplace_back(group);
          }
        }
        config_.groups = std::move(groups);
        return;
      }
      case Key::kDiscoveryPrefix:
        if (!value.empty() && !ValidPrefix(value)) {
          return Error(number, "discovery_prefix: " + Quoted(value) +
                                   " is not a topic prefix (levels of A-Z a-z 0-9 _ -, "
                                   "e.g. homeassistant; empty turns discovery off)");
        }
        config_.discovery_prefix = std::string(value);
        return;
      case Key::kKeepalive: {
        long long n = 0;
        if (!ParseNumber(value, kMinKeepalive, kMaxKeepalive, &n)) {
          return Error(number, "keepalive: " + Quoted(value) + " is not a number of seconds (" +
                                   std::to_string(kMinKeepalive) + " to " +
                                   std::to_string(kMaxKeepalive) + ")");
        }
        config_.keepalive_s = static_cast<int>(n);
        return;
      }
    }
  }

  int LineOf(Key key) const { return lines_[IndexOf(key)]; }

  // What only makes sense together.
  void Finish() {
    if (!config_.tls) {
      for (Key key : {Key::kCaFile, Key::kCertFile, Key::kKeyFile, Key::kTlsInsecure}) {
        if (LineOf(key) != 0 && (key != Key::kTlsInsecure || config_.tls_insecure)) {
          Error(LineOf(key),
                std::string(kKeys[IndexOf(key)].name) + ": TLS is off (add \"tls = true\")");
        }
      }
    }
    if (config_.cert_file.empty() != config_.key_file.empty()) {
      Error(LineOf(config_.cert_file.empty() ? Key::kKeyFile : Key::kCertFile),
            "cert_file and key_file go together (a client certificate and its key)");
    }
    if (!config_.password_file.empty() && config_.username.empty()) {
      Error(LineOf(Key::kPasswordFile), "password_file: needs a username");
    }
  }

  std::string file_;
  MqttConfig config_;
  std::vector<std::string>* errors_;
  std::size_t errors_found_ = 0;
  std::array<int, kKeyCount> lines_;  // where each key was given; 0: not given
};

// Which of the topics kiosk reads `topic` is.
struct Route {
  enum class Kind { kNone, kCommand, kPlaylist, kStatus } kind = Kind::kNone;
  int rank = 0;
};

Route RouteOf(const MqttConfig& config, std::string_view topic) {
  const auto is = [&](std::string_view a, std::string_view b, std::string_view c) {
    return topic.size() == a.size() + b.size() + c.size() && topic.starts_with(a) &&
           topic.substr(a.size(), b.size()) == b && topic.ends_with(c);
  };
  const int groups = static_cast<int>(config.groups.size());
  for (const auto& [suffix, kind] :
       {std::pair<std::string_view, Route::Kind>{"/cmd", Route::Kind::kCommand},
        {"/playlist", Route::Kind::kPlaylist}}) {
    if (!config.id.empty() && is("kiosk/", config.id, suffix)) return {kind, groups + 1};
    for (int i = 0; i < groups; ++i) {
      if (is("kiosk/group/", config.groups[static_cast<std::size_t>(i)], suffix)) {
        return {kind, groups - i};
      }
    }
    if (is("kiosk/", "all", suffix)) return {kind, 0};
  }
  if (!config.discovery_prefix.empty() && is(config.discovery_prefix, "", "/status")) {
    return {Route::Kind::kStatus, 0};
  }
  return {};
}

MqttInbound Rejected(std::string_view topic, const std::string& message) {
  MqttInbound in;
  in.kind = MqttInbound::Kind::kRejected;
  in.error = EchoForUser(std::string(topic) + ": " + message, kMqttErrorChars);
  return in;
}

bool Binary(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
  });
}

MqttInbound CommandMessage(const MqttConfig& config, std::string_view topic,
                           std::string_view payload, std::size_t slide_count, bool retained) {
  if (payload.empty()) return {};  // a retained command deleted
  if (retained) {
    return Rejected(topic,
                    "a retained command is ignored (it would run again at every reconnect): "
                    "publish commands without the retain flag");
  }
  if (!IsUtf8(payload)) return Rejected(topic, "not UTF-8 text");
  if (Binary(payload)) return Rejected(topic, "binary data (control characters), not a command");
  ControlRequest request;
  std::string error;
  if (!ParseControlLine(Trim(payload), slide_count, &request, &error)) {
    return Rejected(topic, error);
  }
  if (request.status) {
    return Rejected(topic,
                    "status: not over MQTT: the state is published on " + MqttStateTopic(config));
  }
  MqttInbound in;
  in.kind = MqttInbound::Kind::kCommand;
  in.action = std::move(request.action);
  return in;
}

std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// x to 1/per_unit: 48.34 to 48.3 with 10 (dividing gives the double nearest 48.3).
double Round(double x, double per_unit) { return std::round(x * per_unit) / per_unit; }

ordered_json State(const ShowStatus& s, const MqttStateExtras& extras, bool volatile_fields) {
  ordered_json j;
  j["slide"] = s.count == 0 ? 0 : s.slide + 1;
  j["count"] = s.count;
  j["shown"] = s.shown;
  j["idle"] = s.idle;
  j["paused"] = s.paused;
  j["black"] = s.black;
  j["error_screen"] = s.error_screen;
  j["version"] = s.version;
  j["playlist_source"] = EchoForUser(extras.playlist_source, 200, Elide::kMiddle);
  j["error_count"] = s.errors.size();
  ordered_json errors = ordered_json::array();
  for (std::size_t i = 0; i < s.errors.size() && i < kStateErrors; ++i) {
    errors.push_back(EchoForUser(s.errors[i], kStateErrorChars));
  }
  j["errors"] = std::move(errors);
  j["sync"] = s.sync;
  j["mqtt_error"] = EchoForUser(extras.mqtt_error, kMqttErrorChars);
  if (!volatile_fields) return j;
  j["uptime_s"] = std::max<std::int64_t>(s.uptime_ms, 0) / 1000;
  const DrawTimes none;
  const DrawTimes& t = s.draw_times ? *s.draw_times : none;
  ordered_json frames;
  frames["last"] = Round(t.last(), 100);
  frames["p99"] = Round(t.Percentile(99), 100);
  j["frame_ms"] = std::move(frames);
  if (std::isfinite(extras.temperature_c) && extras.temperature_c >= -273.15) {
    j["temperature_c"] = Round(extras.temperature_c, 10);
  }
  return j;
}

}  // namespace

bool ParseMqttConfig(std::string_view text, const std::string& file, MqttConfig* out,
                     std::vector<std::string>* errors) {
  ConfigParser parser(file, out ? *out : MqttConfig(), errors);
  if (!parser.Parse(text)) return false;
  if (out) *out = parser.config();
  return true;
}

std::vector<std::string_view> MqttConfigKeys() {
  std::vector<std::string_view> keys;
  for (const KeyName& k : kKeys) keys.push_back(k.name);
  return keys;
}

bool ParseMqttUrl(std::string_view url, MqttConfig* out, std::string* error) {
  const auto fail = [&](const std::string& message) {
    if (error) *error = message;
    return false;
  };
  const std::string usage = "use mqtt://HOST:PORT or mqtts://HOST:PORT";
  if (url.find('@') != url.npos) {
    // Not repeated: it holds a user, and perhaps a password.
    return fail("no user or password in the URL: put username and password_file in the " +
                std::string("config file"));
  }
  bool tls = false;
  std::string_view rest;
  if (url.starts_with("mqtt://")) {
    rest = url.substr(7);
  } else if (url.starts_with("mqtts://")) {
    rest = url.substr(8);
    tls = true;
  } else {
    return fail(Quoted(url) + " is not an MQTT URL: " + usage);
  }
  if (rest.ends_with("/")) rest.remove_suffix(1);
  if (rest.find_first_of("/?#") != rest.npos) {
    return fail(Quoted(url) + ": no path or query: " + usage);
  }
  std::string_view host;
  std::string_view port;
  bool has_port = false;
  if (rest.starts_with("[")) {
    const std::size_t close = rest.find(']');
    if (close == rest.npos) return fail(Quoted(url) + ": no ']' after the IPv6 address");
    host = rest.substr(1, close - 1);
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail(Quoted(url) + ": expected ':PORT' after ']'");
      port = after.substr(1);
      has_port = true;
    }
    if (host.find(':') == host.npos) {
      return fail(Quoted(url) + ": brackets are for IPv6 addresses only");
    }
  } else {
    const std::size_t colon = rest.find(':');
    if (colon != rest.npos && rest.find(':', colon + 1) != rest.npos) {
      return fail(Quoted(url) + ": an IPv6 address goes in brackets, e.g. mqtt://[::1]:1883");
    }
    host = rest.substr(0, colon);
    if (colon != rest.npos) {
      port = rest.substr(colon + 1);
      has_port = true;
    }
  }
  if (!ValidHost(host)) return fail(Quoted(url) + ": no valid host name or IP address");
  int port_number = tls ? 8883 : 1883;
  if (has_port && !ParsePort(port, &port_number)) {
    return fail(Quoted(url) + ": the port must be a number from 1 to 65535");
  }
  if (out) {
    out->host = std::string(host);
    out->port = port_number;
    out->tls = tls;
  }
  return true;
}

bool ValidMqttId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

bool ValidMqttScreenId(std::string_view id) {
  return ValidMqttId(id) && id != "all" && id != "group";
}

std::string MqttIdFromHostName(std::string_view host_name) {
  std::string id;
  for (std::size_t i = 0; i < host_name.size() && id.size() < 64;) {
    const char c = host_name[i];
    const std::size_t next = Utf8Next(host_name, i);
    id += ValidMqttId(std::string_view(&c, 1)) && next == i + 1 ? c : '-';
    i = next;
  }
  if (id.empty()) return "kiosk";
  if (!ValidMqttScreenId(id)) id = "kiosk-" + id;
  return id;
}

std::string MqttStateTopic(const MqttConfig& c) { return "kiosk/" + c.id + "/state"; }
std::string MqttAvailabilityTopic(const MqttConfig& c) { return "kiosk/" + c.id + "/availability"; }

std::vector<std::string> MqttSubscriptions(const MqttConfig& config) {
  std::vector<std::string> topics;
  topics.push_back("kiosk/" + config.id + "/cmd");
  for (const std::string& g : config.groups) topics.push_back("kiosk/group/" + g + "/cmd");
  topics.push_back("kiosk/all/cmd");
  topics.push_back("kiosk/all/playlist");
  for (const std::string& g : config.groups) topics.push_back("kiosk/group/" + g + "/playlist");
  topics.push_back("kiosk/" + config.id + "/playlist");
  if (!config.discovery_prefix.empty()) topics.push_back(config.discovery_prefix + "/status");
  return topics;
}

MqttInbound HandleMqttMessage(const MqttConfig& config, std::string_view topic,
                              std::string_view payload, std::size_t slide_count) {
  return HandleMqttMessage(config, topic, payload, slide_count, false);
}

MqttInbound HandleMqttMessage(const MqttConfig& config, std::string_view topic,
                              std::string_view payload, std::size_t slide_count, bool retained) {
  const Route route = RouteOf(config, topic);
  if (route.kind == Route::Kind::kNone) return {};
  if (payload.size() > kMqttMaxPayload) {
    return Rejected(topic, std::to_string(payload.size()) + " bytes, more than the limit of " +
                               std::to_string(kMqttMaxPayload));
  }
  MqttInbound in;
  switch (route.kind) {
    case Route::Kind::kNone:
      break;
    case Route::Kind::kCommand:
      return CommandMessage(config, topic, payload, slide_count, retained);
    case Route::Kind::kPlaylist:
      in.kind = payload.empty() ? MqttInbound::Kind::kNoPlaylist : MqttInbound::Kind::kPlaylist;
      in.playlist = std::string(payload);
      in.topic = std::string(topic);
      in.rank = route.rank;
      break;
    case Route::Kind::kStatus:
      if (Trim(payload) == "online") in.kind = MqttInbound::Kind::kDiscovery;
      break;
  }
  return in;
}

bool MqttPlaylists::Update(const MqttInbound& in) {
  if (in.kind != MqttInbound::Kind::kPlaylist && in.kind != MqttInbound::Kind::kNoPlaylist) {
    return false;
  }
  const auto top_rank = [this] {
    int rank = -1;
    for (const Entry& e : entries_) rank = std::max(rank, e.rank);
    return rank;
  };
  const int before = top_rank();
  const auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& e) { return e.rank == in.rank; });
  bool new_text = false;
  if (in.kind == MqttInbound::Kind::kNoPlaylist) {
    if (it == entries_.end()) return false;
    entries_.erase(it);
  } else if (it == entries_.end()) {
    entries_.push_back({in.rank, in.topic, in.playlist});
  } else {
    if (it->text == in.playlist && it->topic == in.topic) return false;
    it->text = in.playlist;
    it->topic = in.topic;
    new_text = true;
  }
  const int after = top_rank();
  return after != before || (new_text && in.rank == after);
}

const std::string* MqttPlaylists::current() const {
  const Entry* top = nullptr;
  for (const Entry& e : entries_) {
    if (!top || e.rank > top->rank) top = &e;
  }
  return top ? &top->text : nullptr;
}

std::string MqttPlaylists::current_topic() const {
  const Entry* top = nullptr;
  for (const Entry& e : entries_) {
    if (!top || e.rank > top->rank) top = &e;
  }
  return top ? top->topic : std::string();
}

std::string MqttStatePayload(const ShowStatus& status, const MqttStateExtras& extras) {
  return Dump(State(status, extras, true));
}

std::string MqttStateChangeKey(const ShowStatus& status, const MqttStateExtras& extras) {
  return Dump(State(status, extras, false));
}

std::vector<MqttMessage> MqttDiscoveryMessages(const MqttConfig& config, std::string_view version) {
  std::vector<MqttMessage> messages;
  if (config.discovery_prefix.empty() || config.id.empty()) return messages;
  const std::string node = "kiosk_" + config.id;
  const std::string command_topic = "kiosk/" + config.id + "/cmd";
  const std::string state_topic = MqttStateTopic(config);
  ordered_json device;
  device["identifiers"] = ordered_json::array({node});
  device["name"] = "kiosk " + config.id;
  device["model"] = "kiosk slide display";
  device["manufacturer"] = "kiosk";
  device["sw_version"] = EchoForUser(version);
  const auto add = [&](std::string_view component, std::string_view object, std::string_view name,
                       std::string_view icon, ordered_json fields) {
    ordered_json j;
    j["name"] = name;
    j["unique_id"] = node + "_" + std::string(object);
    j["icon"] = icon;
    j["availability_topic"] = MqttAvailabilityTopic(config);
    j["payload_available"] = "online";
    j["payload_not_available"] = "offline";
    j["device"] = device;
    for (auto& [key, value] : fields.items()) j[key] = value;
    messages.push_back({config.discovery_prefix + "/" + std::string(component) + "/" + node + "/" +
                            std::string(object) + "/config",
                        Dump(j), true});
  };
  const auto button = [&](std::string_view press) {
    ordered_json f;
    f["command_topic"] = command_topic;
    f["payload_press"] = press;
    return f;
  };
  add("button", "next", "Next slide", "mdi:skip-next", button("next"));
  add("button", "previous", "Previous slide", "mdi:skip-previous", button("prev"));
  add("button", "clear", "Clear announcement", "mdi:bullhorn-outline", button("clear"));
  ordered_json reload = button("reload");
  reload["entity_category"] = "config";
  add("button", "reload", "Reload playlist", "mdi:reload", reload);
  // A switch compares what value_template gives with state_on/state_off, and sends
  // payload_on/payload_off. "resume" ends a pause and a black screen both.
  const auto toggle = [&](std::string_view on, std::string_view field) {
    ordered_json f;
    f["command_topic"] = command_topic;
    f["payload_on"] = on;
    f["payload_off"] = "resume";
    f["state_topic"] = state_topic;
    f["value_template"] = "{{ 'ON' if value_json." + std::string(field) + " else 'OFF' }}";
    f["state_on"] = "ON";
    f["state_off"] = "OFF";
    return f;
  };
  add("switch", "paused", "Paused", "mdi:pause", toggle("pause", "paused"));
  add("switch", "black", "Black screen", "mdi:monitor-off", toggle("black", "black"));
  ordered_json slide;
  slide["state_topic"] = state_topic;
  slide["value_template"] = "{{ value_json.slide }}";
  add("sensor", "slide", "Slide", "mdi:presentation", slide);
  // Home Assistant renders the template with the text as `value`; tojson escapes it.
  ordered_json text;
  text["command_topic"] = command_topic;
  text["command_template"] = "{{ {'cmd': 'announce', 'text': value} | tojson }}";
  text["min"] = 1;
  text["max"] = 255;
  text["mode"] = "text";
  add("text", "announcement", "Announcement", "mdi:bullhorn", text);
  const auto diagnostic = [&](std::string_view value_template) {
    ordered_json f;
    f["state_topic"] = state_topic;
    f["value_template"] = value_template;
    f["entity_category"] = "diagnostic";
    return f;
  };
  add("sensor", "errors", "Playlist errors", "mdi:alert-circle-outline",
      diagnostic("{{ value_json.error_count }}"));
  ordered_json uptime = diagnostic("{{ value_json.uptime_s }}");
  uptime["device_class"] = "duration";
  uptime["unit_of_measurement"] = "s";
  add("sensor", "uptime", "Uptime", "mdi:timer-outline", uptime);
  add("sensor", "mqtt_error", "Last MQTT error", "mdi:message-alert-outline",
      diagnostic("{{ value_json.mqtt_error if value_json.mqtt_error else 'none' }}"));
  // Left out of the state when not readable: "None" is Home Assistant's "unknown".
  ordered_json temperature =
      diagnostic("{{ value_json.temperature_c if value_json.temperature_c is defined else None }}");
  temperature["device_class"] = "temperature";
  temperature["unit_of_measurement"] = "°C";
  temperature["state_class"] = "measurement";
  add("sensor", "temperature", "Temperature", "mdi:thermometer", temperature);
  return messages;
}

}  // namespace kiosk
