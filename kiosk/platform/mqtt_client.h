// The MQTT connection (libmosquitto) on a thread of its own: bytes in and out, nothing of
// what they mean (that is show/mqtt.h's). The show's loop never waits on the network:
//
//  - Start returns at once; the thread resolves the broker's name and connects (a broker
//    down at boot never delays the first frame), and after a lost or refused connection
//    tries again after 1 s, 2 s, 4 s ... up to 60 s (back to 1 s after a connection that
//    lasted 10 s: two screens with one id, which take the connection from each other at
//    once, back off too).
//  - Clean session: the broker keeps nothing of ours between connections. After every
//    connect the thread subscribes again, so retained messages (playlists) arrive again,
//    and commands sent while the screen was away are not replayed hours later.
//  - QoS 1 for the subscriptions and for what kiosk publishes (state, availability,
//    discovery, all retained); the last will (`offline`, retained, QoS 1) is set before
//    every connect, `online` is published right after it.
//  - Incoming messages wait in a bounded queue for Take (the loop is woken by `wake`);
//    when the loop does not take them, newer ones are dropped and counted.
//  - Publish only queues (libmosquitto's threaded mode): it never writes to the socket.
//  - Errors (refused: not authorised; TLS verification; name resolution) are logged once
//    per change, without credentials, and kept for the state topic (error()).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct mosquitto;
struct mosquitto_message;

namespace kiosk {

struct MqttClientSettings {
  std::string host;
  int port = 1883;
  bool tls = false;
  std::string ca_file;  // empty with tls: the system's store (/etc/ssl/certs)
  std::string cert_file;
  std::string key_file;
  bool tls_insecure = false;  // do not check the broker's host name against its certificate
  std::string username;
  std::string password;  // never logged
  std::string client_id;
  int keepalive_s = 30;
  std::string will_topic;  // availability: "offline" as the will, "online" after connect
  std::vector<std::string> subscriptions;
  // Published (QoS 1) after every connect, after `online` (Home Assistant discovery).
  std::vector<std::pair<std::string, std::string>> on_connect;  // retained topic, payload
  // Messages waiting for Take, and their bytes: more are dropped (and counted). A payload
  // over the protocol's limit still reaches Take whole, for its error to say its size.
  std::size_t max_queued = 32;
  std::size_t max_queued_bytes = 8 * 1024 * 1024;
};

class MqttClient {
 public:
  struct Inbound {
    std::string topic;
    std::string payload;
    bool retained = false;
  };

  // Starts the thread; nothing only if libmosquitto refuses the settings (*error).
  static std::unique_ptr<MqttClient> Start(MqttClientSettings settings, std::function<void()> wake,
                                           std::string* error);
  // Publishes `offline` (waits at most ~0.5 s for it), disconnects, joins the thread.
  ~MqttClient();
  MqttClient(const MqttClient&) = delete;
  MqttClient& operator=(const MqttClient&) = delete;

  // The messages that came since the last call, in order.
  std::vector<Inbound> Take();
  // Queues a message (QoS 1); dropped when not connected (the state is sent on connect).
  void Publish(const std::string& topic, const std::string& payload, bool retain);

  bool connected() const { return connected_.load(); }
  // How many connections were made so far: a new one means publish the state again.
  long connects() const { return connects_.load(); }
  // Messages dropped because the loop did not take them.
  long dropped() const { return dropped_.load(); }
  // Why the last connection failed or ended, "" while connected.
  std::string error() const;

 private:
  MqttClient() = default;
  void Run();
  bool Configure(std::string* error);
  void SetError(std::string error);
  void OnConnect(int rc);
  void OnDisconnect(int rc);
  void OnMessage(const mosquitto_message& m);
  void OnLog(int level, const char* text);
  // Sleeps `ms` unless stopped; false if stopped.
  bool Sleep(int ms);

  MqttClientSettings settings_;
  std::function<void()> wake_;
  mosquitto* mosq_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> connected_{false};
  std::atomic<long> connects_{0};
  std::atomic<long> dropped_{0};
  mutable std::mutex mutex_;  // guards queue_, error_, stop_wait_
  std::condition_variable stop_wait_;
  std::deque<Inbound> queue_;
  std::size_t queued_bytes_ = 0;
  bool woken_ = false;          // a wake-up is pending (not again until Take)
  std::string error_;           // for error()
  std::string logged_ = "-";    // the last error logged ("": connected); the thread's only
  std::string tls_error_;       // libmosquitto's last TLS/OpenSSL log line (the thread's only)
  std::string pending_reason_;  // why this connection failed, from a callback (the thread's)
};

// The password in `path`: a regular file of at most 1 KiB (its first line, without the
// line end), readable by nobody but its owner and group. False with *error, which names
// the file and never contains what it holds.
bool ReadMqttPasswordFile(const std::string& path, std::string* password, std::string* error);

}  // namespace kiosk
