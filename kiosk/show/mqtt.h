// The fleet over MQTT (README "Many screens"), without the network: the configuration,
// the topics, what an incoming message asks for, and what kiosk publishes (state,
// availability, Home Assistant discovery). Pure functions of plain values: the client on
// its own thread (platform/mqtt_client) only moves bytes, and every payload is untrusted
// input that is checked here.
//
// Topics (kiosk/<id>/...):
//   kiosk/<id>/cmd, kiosk/group/<g>/cmd, kiosk/all/cmd   commands, as the control socket's
//   kiosk/<id>/state          retained: the show's state (JSON)
//   kiosk/<id>/availability   retained: "online", or "offline" (also the last will)
//   kiosk/all/playlist, kiosk/group/<g>/playlist, kiosk/<id>/playlist   retained playlists
//   homeassistant/...         discovery; homeassistant/status "online" re-sends it
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "input.h"
#include "status.h"

namespace kiosk {

struct MqttConfig {
  std::string host;  // empty: MQTT is off
  int port = 1883;
  bool tls = false;           // mqtts:// or "tls = true"; verification on unless tls_insecure
  std::string ca_file;        // empty with tls: the system's CA store
  std::string cert_file;      // optional client certificate ...
  std::string key_file;       // ... and its key
  bool tls_insecure = false;  // skip verifying the broker's host name (documented as unsafe)
  std::string username;
  std::string password_file;  // the password is read from this file, never from the config
  std::string id;             // the screen's id in topics; default: the host name
  std::vector<std::string> groups;
  std::string discovery_prefix = "homeassistant";  // "" turns discovery off
  int keepalive_s = 30;
};

// The config file (/etc/kiosk/mqtt.conf): "key = value" lines, '#' comments. Keys the
// file does not give keep *out's values. False with every problem in *errors
// ("FILE:LINE: ...", at most 20), and *out unchanged; never echoes a password.
bool ParseMqttConfig(std::string_view text, const std::string& file, MqttConfig* out,
                     std::vector<std::string>* errors);
// The config file's keys, in the README's order.
std::vector<std::string_view> MqttConfigKeys();
// KIOSK_MQTT=mqtt://HOST:PORT or mqtts://HOST:PORT into host, port and tls (the port
// defaults to 1883 and 8883; an IPv6 address in brackets). False with *error, which does
// not name the variable (the caller puts "KIOSK_MQTT: " in front), and *out unchanged.
bool ParseMqttUrl(std::string_view url, MqttConfig* out, std::string* error);
// An id or group usable as one topic level: 1..64 of [A-Za-z0-9_-].
bool ValidMqttId(std::string_view id);
// A screen's id: a valid id that is not "all" or "group" (kiosk/all/... reaches every
// screen, kiosk/group/... a group's; a screen of that name would read as one of them).
bool ValidMqttScreenId(std::string_view id);
// A host name made into a valid screen id (every other character becomes '-', cut to 64;
// "all" and "group" get "kiosk-" in front); "kiosk" if none is left.
std::string MqttIdFromHostName(std::string_view host_name);

std::string MqttStateTopic(const MqttConfig& config);
std::string MqttAvailabilityTopic(const MqttConfig& config);
// Every topic kiosk subscribes to (commands, playlists, the discovery status). These and
// the others need config.id set (ValidMqttScreenId).
std::vector<std::string> MqttSubscriptions(const MqttConfig& config);

// The most an incoming payload may be (a playlist's size limit); larger is rejected.
inline constexpr std::size_t kMqttMaxPayload = 1024 * 1024;

// What one incoming message asks for.
struct MqttInbound {
  enum class Kind {
    kIgnore,      // not for this screen (or an empty retained message on a command topic)
    kCommand,     // `action`, as from a key or the control socket
    kPlaylist,    // `playlist`: JSON text, to be validated like a file
    kNoPlaylist,  // an empty (retained) playlist: this topic has none; MqttPlaylists says
                  // what shows then (another topic's, else the local file)
    kDiscovery,   // Home Assistant (re)started: send discovery again
    kRejected,    // `error`: for the state topic's "mqtt_error"; nothing else changes
  };
  Kind kind = Kind::kIgnore;
  Action action;
  std::string playlist;
  std::string error;  // escaped, bounded: safe to publish
  // kPlaylist and kNoPlaylist: the topic, and its rank when several playlist topics hold a
  // retained playlist: the screen's own (kiosk/<id>/playlist) wins over its groups', which
  // win over kiosk/all/playlist; among groups, the one listed first in "groups" wins.
  // Higher wins: all 0, group i (0-based in config.groups) groups.size() - i, own
  // groups.size() + 1. MqttPlaylists keeps them and says which one shows.
  std::string topic;
  int rank = 0;
};
// The longest `error`, in characters (EchoForUser cuts it with "…"): under Home
// Assistant's 255 for a sensor's state.
inline constexpr std::size_t kMqttErrorChars = 200;
// `retained`: the broker delivered a message it had kept (the retain flag of an incoming
// message is set only for those, not for live ones). A retained command is stale (it
// would run again at every reconnect): it is rejected, and nothing changes.
MqttInbound HandleMqttMessage(const MqttConfig& config, std::string_view topic,
                              std::string_view payload, std::size_t slide_count);
MqttInbound HandleMqttMessage(const MqttConfig& config, std::string_view topic,
                              std::string_view payload, std::size_t slide_count, bool retained);

// The retained playlists of the topics a screen reads, and which one it shows (the highest
// rank, see MqttInbound::rank): a new one on kiosk/all/playlist does not replace the
// screen's own; deleting the screen's own (an empty retained message) falls back to its
// group's, then to all's, then to the local file.
class MqttPlaylists {
 public:
  // Takes a kPlaylist or kNoPlaylist (others change nothing). True if what shows changed:
  // another topic, or new text on the topic that shows.
  bool Update(const MqttInbound& in);
  // The playlist to show, or nullptr: none, show the local file.
  const std::string* current() const;
  // Its topic ("" with none), for "playlist_source".
  std::string current_topic() const;

 private:
  struct Entry {
    int rank = 0;
    std::string topic;
    std::string text;
  };
  std::vector<Entry> entries_;  // at most one per rank
};

struct MqttMessage {
  std::string topic;
  std::string payload;
  bool retain = false;
  bool operator==(const MqttMessage&) const = default;
};

// What the state topic carries beyond the control socket's status.
struct MqttStateExtras {
  double temperature_c = -1000;          // below -273: not readable, left out
  std::string mqtt_error;                // the last rejected message, "" none
  std::string playlist_source = "file";  // "file" or the topic of a pushed playlist
};
std::string MqttStatePayload(const ShowStatus& status, const MqttStateExtras& extras);
// The state without what changes all the time (uptime, frame times, temperature): publish
// when this changes (and now and then for the rest).
std::string MqttStateChangeKey(const ShowStatus& status, const MqttStateExtras& extras);

// Home Assistant MQTT discovery: one retained config message per entity (buttons next and
// previous, switches paused and black, a sensor for the slide, a text for announcements,
// diagnostic sensors for errors and uptime), all with the device and availability.
std::vector<MqttMessage> MqttDiscoveryMessages(const MqttConfig& config, std::string_view version);

}  // namespace kiosk
