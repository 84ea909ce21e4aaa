// The show's end of MQTT (README "Many screens"): reads the configuration, runs the
// client (platform/mqtt_client), and on the show's loop thread turns what arrives into
// what the keys and the control socket do (Apply), pushed playlists into content, and the
// show's state into the retained state topic. No SDL here: the loop is woken through
// `wake`, and asks TimeToDue how long it may sleep.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content_switcher.h"
#include "input.h"
#include "mqtt.h"
#include "pushed_content.h"
#include "status.h"

namespace kiosk {

#ifdef KIOSK_HAVE_MQTT
class MqttClient;
#endif

// The configuration from the environment: the file KIOSK_MQTT_CONFIG names (the unit's
// /etc/default/kiosk sets it), then KIOSK_MQTT=mqtt[s]://HOST[:PORT] and KIOSK_ID over it;
// the id defaults to the host name. False with *errors if it cannot be used; true with an
// empty host if MQTT is not configured.
bool MqttConfigFromEnvironment(const std::function<const char*(const char*)>& getenv,
                               MqttConfig* config, std::vector<std::string>* errors);

class MqttLink {
 public:
  struct Seams {
    std::function<ShowStatus()> status;  // the show's state, as for `kiosk ctl status`
    std::function<void(const Action&)> apply;
    ContentSwitcher& content;
    PushedContent& source;
    std::function<Millis()> now;
    std::function<void()> wake;  // from the client's thread
    std::function<void(const std::string&)> log;
  };

  // Nothing if MQTT is not configured, cannot be used (logged why), or kiosk was built
  // without it (logged, if configured).
  static std::unique_ptr<MqttLink> FromEnvironment(Seams seams);
  ~MqttLink();
  MqttLink(const MqttLink&) = delete;
  MqttLink& operator=(const MqttLink&) = delete;

  // On the loop's thread, every turn: the messages that came, before the frame is built ...
  void TakeMessages();
  // ... and after it: the state when it changed (at most every kMqttStateMinMs, at once
  // after a connect) and as a heartbeat (kMqttHeartbeatMs).
  void PublishState();
  // How long the loop may sleep before PublishState has something to publish; -1: until woken.
  Millis TimeToDue() const;

 private:
  MqttLink(MqttConfig config, Seams seams);
  void Handle(const MqttInbound& inbound);
  void Push(const MqttInbound& inbound);
  void Unpush(const MqttInbound& inbound);
  void Reject(const std::string& topic, const std::vector<std::string>& problems);

  MqttConfig config_;
  Seams seams_;
  MqttPlaylists playlists_;  // the retained ones that loaded; the highest rank shows
  std::string mqtt_error_;   // the last message rejected, for the state topic
#ifdef KIOSK_HAVE_MQTT
  std::unique_ptr<MqttClient> client_;
  long connects_ = 0;      // the client's connections seen: a new one publishes at once
  std::string state_key_;  // of the state last published
  Millis published_ = -1;  // when the state was last published
#endif
  bool changed_ = false;  // the state differs from the one published
};

}  // namespace kiosk
