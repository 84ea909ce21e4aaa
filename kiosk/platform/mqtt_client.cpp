#include "mqtt_client.h"

#include <mosquitto.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

#include "file_system.h"
#include "log.h"

namespace kiosk {
namespace {

constexpr int kFirstRetryMs = 1000;
constexpr int kLastRetryMs = 60 * 1000;
constexpr int kStableMs = 10 * 1000;  // a connection that lasted this long was a good one
constexpr int kLoopTimeoutMs = 1000;  // the thread looks at stop_ at least this often
constexpr long long kMaxPasswordBytes = 1024;

MqttClient* Self(void* obj) { return static_cast<MqttClient*>(obj); }

void LibraryInit() {
  static const int once = [] { return mosquitto_lib_init(); }();
  (void)once;
}

}  // namespace

bool ReadMqttPasswordFile(const std::string& path, std::string* password, std::string* error) {
  std::string why;
  UniqueFd fd = OpenRegularFile(path, kMaxPasswordBytes, &why);
  if (!fd) {
    *error = path + ": cannot read the MQTT password: " + why;
    return false;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    *error = path + ": cannot read the MQTT password: " + std::strerror(errno);
    return false;
  }
  if (st.st_mode & (S_IROTH | S_IWOTH)) {
    *error = path + ": the MQTT password file is open to every user (mode 0" +
             std::to_string((st.st_mode >> 6) & 7) + std::to_string((st.st_mode >> 3) & 7) +
             std::to_string(st.st_mode & 7) +
             "): not using it; chmod 0640 it, owned by root, group kiosk";
    return false;
  }
  std::string text;
  if (!ReadOpenFile(fd.get(), kMaxPasswordBytes, &text, &why)) {
    *error = path + ": cannot read the MQTT password: " + why;
    return false;
  }
  text = text.substr(0, text.find_first_of("\r\n"));
  if (text.empty()) {
    *error = path + ": the MQTT password file is empty";
    return false;
  }
  *password = std::move(text);
  return true;
}

std::unique_ptr<MqttClient> MqttClient::Start(MqttClientSettings settings,
                                              std::function<void()> wake, std::string* error) {
  LibraryInit();
  std::unique_ptr<MqttClient> c(new MqttClient());
  c->settings_ = std::move(settings);
  c->wake_ = std::move(wake);
  if (!c->Configure(error)) return nullptr;
  c->thread_ = std::thread([p = c.get()] { p->Run(); });
  return c;
}

bool MqttClient::Configure(std::string* error) {
  const MqttClientSettings& s = settings_;
  mosq_ = mosquitto_new(s.client_id.c_str(), /*clean_session=*/true, this);
  if (!mosq_) {
    *error = std::string("cannot create the MQTT client: ") + std::strerror(errno);
    return false;
  }
  mosquitto_threaded_set(mosq_, true);  // Publish from the show's thread only queues
  mosquitto_connect_callback_set(mosq_,
                                 [](mosquitto*, void* obj, int rc) { Self(obj)->OnConnect(rc); });
  mosquitto_disconnect_callback_set(
      mosq_, [](mosquitto*, void* obj, int rc) { Self(obj)->OnDisconnect(rc); });
  mosquitto_message_callback_set(mosq_, [](mosquitto*, void* obj, const mosquitto_message* m) {
    if (m) Self(obj)->OnMessage(*m);
  });
  mosquitto_log_callback_set(mosq_, [](mosquitto*, void* obj, int level, const char* text) {
    Self(obj)->OnLog(level, text);
  });
  auto check = [error](int rc, const char* what) {
    if (rc == MOSQ_ERR_SUCCESS) return true;
    *error = std::string("MQTT: ") + what + ": " + mosquitto_strerror(rc);
    return false;
  };
  static const char kOffline[] = "offline";
  if (!s.will_topic.empty() && !check(mosquitto_will_set(mosq_, s.will_topic.c_str(),
                                                         sizeof kOffline - 1, kOffline, 1, true),
                                      "the last will")) {
    return false;
  }
  if (!s.username.empty() &&
      !check(mosquitto_username_pw_set(mosq_, s.username.c_str(),
                                       s.password.empty() ? nullptr : s.password.c_str()),
             "username")) {
    return false;
  }
  if (s.tls) {
    const char* ca_file = s.ca_file.empty() ? nullptr : s.ca_file.c_str();
    const char* ca_path = s.ca_file.empty() ? "/etc/ssl/certs" : nullptr;
    const char* cert = s.cert_file.empty() ? nullptr : s.cert_file.c_str();
    const char* key = s.key_file.empty() ? nullptr : s.key_file.c_str();
    if (!check(mosquitto_tls_set(mosq_, ca_file, ca_path, cert, key, nullptr),
               "TLS (ca_file, cert_file, key_file)") ||
        !check(mosquitto_tls_opts_set(mosq_, 1 /* SSL_VERIFY_PEER */, nullptr, nullptr),
               "TLS options") ||
        !check(mosquitto_tls_insecure_set(mosq_, s.tls_insecure), "tls_insecure")) {
      return false;
    }
  }
  return true;
}

MqttClient::~MqttClient() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stop_wait_.notify_all();
  if (connected_) {
    // Queued in this order, written in this order: the broker takes `offline` before the
    // DISCONNECT (after which it sends no will). Publishing also wakes the thread.
    static const char kOffline[] = "offline";
    if (!settings_.will_topic.empty()) {
      mosquitto_publish(mosq_, nullptr, settings_.will_topic.c_str(), sizeof kOffline - 1, kOffline,
                        1, true);
    }
    mosquitto_disconnect(mosq_);
  }
  if (thread_.joinable()) thread_.join();
  if (mosq_) mosquitto_destroy(mosq_);
}

std::vector<MqttClient::Inbound> MqttClient::Take() {
  std::lock_guard lock(mutex_);
  woken_ = false;
  queued_bytes_ = 0;
  std::vector<Inbound> out(std::make_move_iterator(queue_.begin()),
                           std::make_move_iterator(queue_.end()));
  queue_.clear();
  return out;
}

void MqttClient::Publish(const std::string& topic, const std::string& payload, bool retain) {
  if (!connected_) return;
  const int rc = mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                                   payload.data(), 1, retain);
  if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_NO_CONN) {
    Log("mqtt: cannot publish on " + topic + ": " + mosquitto_strerror(rc));
  }
}

std::string MqttClient::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void MqttClient::SetError(std::string error) {
  if (error != logged_) {
    Log(error.empty()
            ? "mqtt: connected to " + settings_.host + ":" + std::to_string(settings_.port) +
                  (settings_.tls ? " (TLS)" : "") + " as " + settings_.client_id
            : "mqtt: " + error);
    logged_ = error;
  }
  {
    std::lock_guard lock(mutex_);
    error_ = std::move(error);
  }
  if (wake_) wake_();  // the state topic says it (once connected again)
}

void MqttClient::OnConnect(int rc) {
  if (rc != 0) {
    // CONNACK refused: "not authorised", "bad user name or password", "identifier rejected".
    std::string why = mosquitto_connack_string(rc);
    while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
    pending_reason_ = settings_.host + ":" + std::to_string(settings_.port) + ": " + why +
                      (rc == 4 || rc == 5 ? " (check username and password_file)" : "");
    return;
  }
  pending_reason_.clear();
  tls_error_.clear();
  connected_ = true;
  ++connects_;
  static const char kOnline[] = "online";
  if (!settings_.will_topic.empty()) {
    mosquitto_publish(mosq_, nullptr, settings_.will_topic.c_str(), sizeof kOnline - 1, kOnline, 1,
                      true);
  }
  for (const std::string& topic : settings_.subscriptions) {
    if (const int r = mosquitto_subscribe(mosq_, nullptr, topic.c_str(), 1); r != 0) {
      Log("mqtt: cannot subscribe to " + topic + ": " + mosquitto_strerror(r));
    }
  }
  for (const auto& [topic, payload] : settings_.on_connect) {
    mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                      payload.data(), 1, true);
  }
  SetError("");
}

void MqttClient::OnDisconnect(int rc) {
  const bool was_connected = connected_.exchange(false);
  if (rc != 0 && pending_reason_.empty()) {
    std::string why = mosquitto_strerror(rc);
    if (was_connected) {
      why = rc == MOSQ_ERR_CONN_LOST
                ? "connection lost (the broker went away, or closed it for another client "
                  "with the id " +
                      settings_.client_id + ")"
                : "connection lost (" + why + ")";
    }
    pending_reason_ = settings_.host + ":" + std::to_string(settings_.port) + ": " + why;
  }
}

void MqttClient::OnMessage(const mosquitto_message& m) {
  Inbound in;
  in.topic = m.topic ? m.topic : "";
  const std::size_t size = m.payloadlen > 0 ? static_cast<std::size_t>(m.payloadlen) : 0;
  in.retained = m.retain;
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= settings_.max_queued ||
        queued_bytes_ + size > settings_.max_queued_bytes) {
      if (dropped_++ == 0 || dropped_ % 100 == 0) {
        Log("mqtt: the show does not take the messages: " + std::to_string(dropped_.load()) +
            " dropped so far (the last on " + in.topic + ")");
      }
    } else {
      in.payload.assign(static_cast<const char*>(m.payload), size);
      queued_bytes_ += size;
      queue_.push_back(std::move(in));
    }
    wake = !woken_;
    woken_ = true;
  }
  if (wake && wake_) wake_();
}

void MqttClient::OnLog(int level, const char* text) {
  // Only errors, and only those of TLS (OpenSSL's reason): libmosquitto's logs never hold
  // the password, but nothing else of them is needed either.
  if (level != MOSQ_LOG_ERR || !text) return;
  const std::string line = text;
  if (line.find("OpenSSL") != std::string::npos || line.find("TLS") != std::string::npos) {
    tls_error_ = line.substr(0, 300);
  }
}

bool MqttClient::Sleep(int ms) {
  std::unique_lock lock(mutex_);
  return !stop_wait_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stop_.load(); });
}

void MqttClient::Run() {
  const std::string where = settings_.host + ":" + std::to_string(settings_.port);
  int retry_ms = kFirstRetryMs;
  bool first = true;
  while (!stop_) {
    pending_reason_.clear();
    tls_error_.clear();
    errno = 0;
    // Name resolution happens here, on this thread: it may take seconds.
    int rc = first ? mosquitto_connect_async(mosq_, settings_.host.c_str(), settings_.port,
                                             settings_.keepalive_s)
                   : mosquitto_reconnect_async(mosq_);
    first = false;
    int saved_errno = errno;
    const long connects_before = connects_;
    const auto began = std::chrono::steady_clock::now();
    if (rc == MOSQ_ERR_SUCCESS) {
      while (!stop_) {
        errno = 0;
        rc = mosquitto_loop(mosq_, kLoopTimeoutMs, 1);
        saved_errno = errno;
        if (rc != MOSQ_ERR_SUCCESS) break;
      }
    }
    if (stop_) {
      // The destructor queued `offline` and DISCONNECT: let them go out (at most ~0.5 s).
      const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
      while (rc == MOSQ_ERR_SUCCESS && connected_ && std::chrono::steady_clock::now() < until) {
        rc = mosquitto_loop(mosq_, 50, 1);
      }
      break;
    }
    connected_ = false;
    std::string why = pending_reason_;
    if (why.empty() && (rc == MOSQ_ERR_TLS || !tls_error_.empty())) {
      why = where + ": TLS failed: " +
            (tls_error_.empty() ? std::string(mosquitto_strerror(rc)) : tls_error_) +
            (settings_.tls_insecure ? ""
                                    : " (is ca_file the CA that signed the broker's "
                                      "certificate, for this host name?)");
    }
    if (why.empty() && rc == MOSQ_ERR_EAI) why = "cannot resolve " + settings_.host;
    if (why.empty() && rc == MOSQ_ERR_ERRNO && saved_errno != 0) {
      why = where + ": " + std::strerror(saved_errno);
      // systemd's IPAddressDeny= refuses a connect with EPERM.
      if (saved_errno == EPERM) {
        why +=
            " (under systemd: is the broker's address in IPAddressAllow= of "
            "/etc/systemd/system/kiosk.service.d/mqtt.conf?)";
      }
    }
    if (why.empty()) why = where + ": " + mosquitto_strerror(rc);
    // Back to the first delay only after a connection that lasted: two screens with one
    // id take the connection from each other at once, and must not do so every second.
    if (connects_ != connects_before &&
        std::chrono::steady_clock::now() - began > std::chrono::milliseconds(kStableMs)) {
      retry_ms = kFirstRetryMs;
    }
    SetError(why + "; trying again every " + std::to_string(kFirstRetryMs / 1000) + " to " +
             std::to_string(kLastRetryMs / 1000) + " s");
    if (!Sleep(retry_ms)) break;
    retry_ms = std::min(retry_ms * 2, kLastRetryMs);
  }
  connected_ = false;
}

}  // namespace kiosk
