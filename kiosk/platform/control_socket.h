// The control socket: a Unix domain stream socket that `kiosk ctl` (or socat, or a
// script) writes request lines to, and the client side for `kiosk ctl`. Bytes only: what a
// line means is model/control.h's; the show answers each line with Reply.
//
// All socket I/O happens on a thread of its own with non-blocking descriptors, so no
// client can hold up the render loop: a line longer than kControlMaxLineBytes gets an
// error reply and is dropped, a client that does not read its replies is disconnected
// once kControlMaxPendingBytes of them wait, at most kControlMaxClients are connected.
// Each client has one request at the show at a time (the next line of a client is read
// once its reply is queued), so a client that floods the socket only waits.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

class ControlServer {
 public:
  struct Request {
    std::uint64_t client = 0;
    std::string line;  // without its newline
  };

  // Listens on `path` (mode 0660: the owner and the process's group). A socket file left
  // by a kiosk that was killed is removed first; one another running kiosk listens on
  // (it holds PATH.lock) is never taken: nothing then, with *error. `wake` is called from
  // the thread when requests arrive for Take (not again until they are taken).
  static std::unique_ptr<ControlServer> Open(const std::string& path, std::function<void()> wake,
                                             std::string* error);
  // Stops the thread, closes every connection and removes the socket file.
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // The requests that came since the last call, in order.
  std::vector<Request> Take();
  // Answers `client`'s request with one line (the newline is added). A client that is
  // gone is ignored.
  void Reply(std::uint64_t client, std::string line);

  const std::string& path() const { return path_; }
  // For tests: connected clients, and how often the thread woke up.
  int clients() const { return clients_.load(); }
  long wakeups() const { return wakeups_.load(); }

 private:
  struct Client;
  ControlServer();
  void Loop();
  void Accept();
  // Queues complete lines as requests (one at a time); false if the client must go.
  bool ProcessInput(Client& c);
  bool ReadFrom(Client& c);
  bool WriteTo(Client& c);
  void TakeReplies();
  void Queue(Client& c, std::string line);

  std::string path_;
  int listen_fd_ = -1;
  int lock_fd_ = -1;
  int stop_fd_ = -1;   // eventfd: stop the thread
  int reply_fd_ = -1;  // eventfd: replies are waiting
  std::function<void()> wake_;
  std::vector<std::unique_ptr<Client>> clients_list_;  // the thread's only
  std::uint64_t next_id_ = 1;
  std::atomic<int> clients_{0};
  std::atomic<long> wakeups_{0};
  std::mutex mutex_;  // guards requests_, replies_
  std::vector<Request> requests_;
  std::vector<Request> replies_;
  std::thread thread_;
};

// Where the show listens when --control does not say: $RUNTIME_DIRECTORY/kiosk.sock
// (systemd's RuntimeDirectory=, /run/kiosk), else $XDG_RUNTIME_DIR/kiosk.sock (a desktop
// session); empty if neither is set. `getenv` is std::getenv but for tests.
std::string DefaultControlPath(const std::function<const char*(const char*)>& getenv);
// Where `kiosk ctl` connects when --socket does not say: $XDG_RUNTIME_DIR/kiosk.sock if
// that exists (a kiosk in this desktop session), else /run/kiosk/kiosk.sock (the unit's).
std::string DefaultCtlPath(const std::function<const char*(const char*)>& getenv);

// `kiosk ctl`: sends one request line to `path` and reads the one reply line, each within
// `timeout_ms`. False with *error (connecting, a timeout, the connection closed).
bool ControlCall(const std::string& path, const std::string& line, int timeout_ms,
                 std::string* reply, std::string* error);

}  // namespace kiosk
