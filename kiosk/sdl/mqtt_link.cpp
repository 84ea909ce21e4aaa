#include "mqtt_link.h"

#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <utility>

#include "config.h"
#include "content.h"
#include "file_system.h"
#ifdef KIOSK_HAVE_MQTT
#include "mqtt_client.h"
#endif

namespace kiosk {
namespace {

#ifdef KIOSK_HAVE_MQTT
// The SoC's temperature in °C, if the kernel tells it; below -273 if not.
double Temperature() {
  std::string text;
  std::string error;
  if (!ReadRegularFile("/sys/class/thermal/thermal_zone0/temp", 4096, &text, &error)) {
    return -1000;
  }
  char* end = nullptr;
  const long milli = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str()) return -1000;
  return static_cast<double>(milli) / 1000.0;
}
#endif

std::string HostName() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

}  // namespace

bool MqttConfigFromEnvironment(const std::function<const char*(const char*)>& getenv,
                               MqttConfig* config, std::vector<std::string>* errors) {
  *config = MqttConfig();
  const char* file = getenv("KIOSK_MQTT_CONFIG");
  const char* url = getenv("KIOSK_MQTT");
  const char* id = getenv("KIOSK_ID");
  if (file && *file) {
    std::string text;
    std::string error;
    if (!ReadRegularFile(file, config::kMqttConfigMaxBytes, &text, &error)) {
      errors->push_back(std::string(file) + ": " + error);
      return false;
    }
    if (!ParseMqttConfig(text, file, config, errors)) return false;
  }
  if (url && *url) {
    std::string error;
    if (!ParseMqttUrl(url, config, &error)) {
      errors->push_back("KIOSK_MQTT: " + error);
      return false;
    }
  }
  if (id && *id) {
    if (!ValidMqttId(id)) {
      errors->push_back("KIOSK_ID: not a usable id (1 to 64 of A-Z a-z 0-9 _ -)");
      return false;
    }
    config->id = id;
  }
  if (config->id.empty()) config->id = MqttIdFromHostName(HostName());
  return true;
}

MqttLink::MqttLink(MqttConfig config, Seams seams)
    : config_(std::move(config)), seams_(std::move(seams)) {}

MqttLink::~MqttLink() = default;

std::unique_ptr<MqttLink> MqttLink::FromEnvironment(Seams seams) {
  MqttConfig config;
  std::vector<std::string> errors;
  if (!MqttConfigFromEnvironment(std::getenv, &config, &errors)) {
    for (const std::string& e : errors) seams.log(e);
    seams.log("MQTT is off: its configuration has errors");
    return nullptr;
  }
  if (config.host.empty()) return nullptr;
#ifndef KIOSK_HAVE_MQTT
  seams.log(
      "MQTT is configured (KIOSK_MQTT or KIOSK_MQTT_CONFIG), but this kiosk was built "
      "without it (cmake -DKIOSK_MQTT=OFF): MQTT is off");
  return nullptr;
#else
  MqttClientSettings s;
  s.host = config.host;
  s.port = config.port;
  s.tls = config.tls;
  s.ca_file = config.ca_file;
  s.cert_file = config.cert_file;
  s.key_file = config.key_file;
  s.tls_insecure = config.tls_insecure;
  s.username = config.username;
  if (!config.password_file.empty()) {
    std::string error;
    if (!ReadMqttPasswordFile(config.password_file, &s.password, &error)) {
      seams.log(error);
      seams.log("MQTT is off: no password");
      return nullptr;
    }
  }
  s.client_id = "kiosk-" + config.id;
  s.keepalive_s = config.keepalive_s;
  s.will_topic = MqttAvailabilityTopic(config);
  s.subscriptions = MqttSubscriptions(config);
  for (const MqttMessage& m : MqttDiscoveryMessages(config, KIOSK_VERSION)) {
    s.on_connect.emplace_back(m.topic, m.payload);
  }
  s.max_queued = config::kMqttMaxQueued;
  s.max_queued_bytes = 4 * kMqttMaxPayload;
  if (config.tls && config.tls_insecure) {
    seams.log(
        "mqtt: tls_insecure: the broker's host name is not checked against its "
        "certificate");
  }
  std::unique_ptr<MqttLink> link(new MqttLink(std::move(config), std::move(seams)));
  std::string error;
  link->client_ = MqttClient::Start(std::move(s), link->seams_.wake, &error);
  if (!link->client_) {
    link->seams_.log(error);
    return nullptr;
  }
  link->seams_.log("mqtt: screen " + link->config_.id + ", broker " + link->config_.host + ":" +
                   std::to_string(link->config_.port) + (link->config_.tls ? " (TLS)" : ""));
  return link;
#endif
}

void MqttLink::Reject(const std::string& topic, const std::vector<std::string>& problems) {
  mqtt_error_ = topic + ": playlist rejected (" + std::to_string(problems.size()) +
                (problems.size() == 1 ? " problem" : " problems") +
                ", in \"errors\"); the last good playlist keeps showing";
  seams_.log("mqtt: " + mqtt_error_);
  changed_ = true;
}

void MqttLink::Push(const MqttInbound& in) {
  MqttPlaylists with = playlists_;
  const bool changes = with.Update(in);
  if (with.current_topic() != in.topic) {
    // A playlist of a higher rank shows: this one is only checked, and kept for later.
    std::vector<std::string> problems;
    if (LoadContentText(in.playlist, in.topic, seams_.content.path(), &problems)) {
      seams_.log("mqtt: a playlist on " + in.topic + " (" + std::to_string(in.playlist.size()) +
                 " bytes): kept; the one on " + with.current_topic() + " shows");
      playlists_ = std::move(with);
    } else {
      Reject(in.topic, problems);
    }
    return;
  }
  // The same again (a reconnect delivers the retained one again): nothing to do, unless
  // the errors of a rejected one are to be cleared.
  if (!changes && seams_.content.problems().empty()) return;
  const std::optional<PushedPlaylist> before = seams_.source.in_use();
  seams_.log("mqtt: a playlist on " + in.topic + " (" + std::to_string(in.playlist.size()) +
             " bytes)");
  seams_.source.Use(PushedPlaylist{in.topic, in.playlist});
  seams_.content.Reload();
  if (!seams_.content.problems().empty()) {
    seams_.source.Use(before);
    // The errors stay in "errors" (problems()) until the next load succeeds.
    Reject(in.topic, seams_.content.problems());
    return;
  }
  playlists_ = std::move(with);
  mqtt_error_.clear();
  changed_ = true;
}

void MqttLink::Unpush(const MqttInbound& in) {
  if (!playlists_.Update(in)) return;  // not the one that shows
  const std::string* next = playlists_.current();
  seams_.log("mqtt: the playlist on " + in.topic + " was removed: showing " +
             (next ? "the one on " + playlists_.current_topic()
                   : "the playlist file " + seams_.content.path()));
  seams_.source.Use(
      next ? std::optional<PushedPlaylist>(PushedPlaylist{playlists_.current_topic(), *next})
           : std::nullopt);
  seams_.content.Reload();
  changed_ = true;
}

void MqttLink::Handle(const MqttInbound& in) {
  switch (in.kind) {
    case MqttInbound::Kind::kIgnore:
      break;
    case MqttInbound::Kind::kCommand:
      seams_.apply(in.action);
      break;
    case MqttInbound::Kind::kPlaylist:
      Push(in);
      break;
    case MqttInbound::Kind::kNoPlaylist:
      Unpush(in);
      break;
    case MqttInbound::Kind::kDiscovery:
#ifdef KIOSK_HAVE_MQTT
      for (const MqttMessage& m : MqttDiscoveryMessages(config_, KIOSK_VERSION)) {
        client_->Publish(m.topic, m.payload, m.retain);
      }
#endif
      break;
    case MqttInbound::Kind::kRejected:
      mqtt_error_ = in.error;
      seams_.log("mqtt: " + in.error);  // it names the topic
      changed_ = true;
      break;
  }
}

void MqttLink::TakeMessages() {
#ifdef KIOSK_HAVE_MQTT
  for (const MqttClient::Inbound& in : client_->Take()) {
    Handle(HandleMqttMessage(config_, in.topic, in.payload, seams_.status().count, in.retained));
  }
#endif
}

void MqttLink::PublishState() {
#ifdef KIOSK_HAVE_MQTT
  const Millis now = seams_.now();
  const bool reconnected = client_->connects() != connects_;
  if (!client_->connected()) return;
  const ShowStatus status = seams_.status();
  MqttStateExtras extras;
  extras.mqtt_error = mqtt_error_;
  extras.playlist_source = seams_.source.in_use() ? seams_.source.in_use()->topic : "file";
  std::string key = MqttStateChangeKey(status, extras);
  if (key != state_key_) changed_ = true;
  const bool due = reconnected || published_ < 0 ||
                   (changed_ && now - published_ >= config::kMqttStateMinMs) ||
                   now - published_ >= config::kMqttHeartbeatMs;
  if (!due) return;
  extras.temperature_c = Temperature();
  client_->Publish(MqttStateTopic(config_), MqttStatePayload(status, extras), true);
  connects_ = client_->connects();
  state_key_ = std::move(key);
  published_ = now;
  changed_ = false;
#endif
}

Millis MqttLink::TimeToDue() const {
#ifdef KIOSK_HAVE_MQTT
  if (!client_->connected() || published_ < 0) return -1;
  const Millis now = seams_.now();
  const Millis heartbeat = published_ + config::kMqttHeartbeatMs - now;
  if (!changed_) return std::max<Millis>(0, heartbeat);
  return std::max<Millis>(0, published_ + config::kMqttStateMinMs - now);
#else
  return -1;
#endif
}

}  // namespace kiosk
