#include "control_socket.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "config.h"
#include "control.h"
#include "log.h"

namespace kiosk {

struct ControlServer::Client {
  int fd = -1;
  std::uint64_t id = 0;
  std::string in;           // bytes read, not yet a request
  std::string out;          // replies not yet written
  bool waiting = false;     // a request of this client is at the show
  bool discarding = false;  // inside a line that was too long: dropped up to its newline
  bool eof = false;         // the client will send no more
  bool dead = false;
  ~Client() {
    if (fd >= 0) ::close(fd);
  }
};

namespace {

constexpr std::size_t kMaxLine = static_cast<std::size_t>(config::kControlMaxLineBytes);
constexpr std::size_t kMaxPending = static_cast<std::size_t>(config::kControlMaxPendingBytes);

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

bool AddressOf(const std::string& path, sockaddr_un* addr, std::string* error) {
  *addr = {};
  addr->sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr->sun_path) {
    *error = path + ": not a usable socket path (1 to " +
             std::to_string(sizeof addr->sun_path - 1) + " bytes)";
    return false;
  }
  std::memcpy(addr->sun_path, path.c_str(), path.size() + 1);
  return true;
}

// Whether something accepts connections on `addr` (a probe: connected, then closed).
bool SomeoneListens(const sockaddr_un& addr) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return false;
  const int r = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  const bool listens = r == 0 || errno == EAGAIN;  // EAGAIN: alive, its backlog full
  ::close(fd);
  return listens;
}

void Drain(int event_fd) {
  std::uint64_t n = 0;
  while (::read(event_fd, &n, sizeof n) < 0 && errno == EINTR) {
  }
}

void Signal(int event_fd) {
  const std::uint64_t one = 1;
  // Fails only when the counter would overflow: a wake-up is pending then anyway.
  while (::write(event_fd, &one, sizeof one) < 0 && errno == EINTR) {
  }
}

}  // namespace

ControlServer::ControlServer() = default;

std::unique_ptr<ControlServer> ControlServer::Open(const std::string& path,
                                                   std::function<void()> wake, std::string* error) {
  sockaddr_un addr;
  if (!AddressOf(path, &addr, error)) return nullptr;
  std::unique_ptr<ControlServer> s(new ControlServer());
  s->path_ = path;
  s->wake_ = std::move(wake);
  // The lock says a kiosk is alive behind the socket: the kernel drops it when the process
  // dies, even by kill -9, so a socket file without it is stale.
  const std::string lock = path + ".lock";
  s->lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (s->lock_fd_ < 0) {
    *error = Errno("cannot open " + lock);
    return nullptr;
  }
  if (::flock(s->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    *error = errno == EWOULDBLOCK ? "another kiosk listens on " + path + " (it holds " + lock + ")"
                                  : Errno("cannot lock " + lock);
    return nullptr;
  }
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      *error = path + " exists and is not a socket: not removing it";
      return nullptr;
    }
    if (SomeoneListens(addr)) {
      *error = "another program listens on " + path;
      return nullptr;
    }
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      *error = Errno("cannot remove the stale socket " + path);
      return nullptr;
    }
    Log("removed the stale socket " + path + " (left by a kiosk that did not stop)");
  }
  s->listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (s->listen_fd_ < 0) {
    *error = Errno("socket");
    return nullptr;
  }
  if (::bind(s->listen_fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    *error = Errno("cannot listen on " + path);
    return nullptr;
  }
  // Bound under the umask (at most the owner's); then the group too (the unit's "kiosk").
  if (::chmod(path.c_str(), 0660) != 0 || ::listen(s->listen_fd_, 64) != 0) {
    *error = Errno("cannot listen on " + path);
    ::unlink(path.c_str());
    return nullptr;
  }
  s->stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  s->reply_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (s->stop_fd_ < 0 || s->reply_fd_ < 0) {
    *error = Errno("eventfd");
    ::unlink(path.c_str());
    return nullptr;
  }
  s->thread_ = std::thread([p = s.get()] { p->Loop(); });
  return s;
}

ControlServer::~ControlServer() {
  if (thread_.joinable()) {
    Signal(stop_fd_);
    thread_.join();
  }
  clients_list_.clear();
  if (listen_fd_ >= 0) {
    ::unlink(path_.c_str());  // ours: we hold the lock
    ::close(listen_fd_);
  }
  for (int fd : {stop_fd_, reply_fd_, lock_fd_}) {
    if (fd >= 0) ::close(fd);
  }
}

std::vector<ControlServer::Request> ControlServer::Take() {
  std::lock_guard lock(mutex_);
  return std::exchange(requests_, {});
}

void ControlServer::Reply(std::uint64_t client, std::string line) {
  {
    std::lock_guard lock(mutex_);
    replies_.push_back({client, std::move(line)});
  }
  Signal(reply_fd_);
}

void ControlServer::Queue(Client& c, std::string line) {
  c.out += line;
  c.out += '\n';
  if (c.out.size() > kMaxPending) {
    Log("control socket: a client did not read " + std::to_string(c.out.size()) +
        " bytes of replies: disconnected");
    c.dead = true;
  }
}

void ControlServer::TakeReplies() {
  std::vector<Request> replies;
  {
    std::lock_guard lock(mutex_);
    replies.swap(replies_);
  }
  for (Request& r : replies) {
    for (auto& c : clients_list_) {
      if (c->id != r.client || c->dead) continue;
      c->waiting = false;
      Queue(*c, std::move(r.line));
      // At once rather than on the next poll: the reply is what the client waits for.
      if (!c->dead && !WriteTo(*c)) c->dead = true;
      if (!c->dead && !ProcessInput(*c)) c->dead = true;
    }
  }
}

bool ControlServer::ProcessInput(Client& c) {
  while (!c.waiting && !c.dead) {
    const std::size_t newline = c.in.find('\n');
    if (newline == std::string::npos && c.in.size() <= kMaxLine && !(c.eof && !c.in.empty())) {
      break;
    }
    if (newline == std::string::npos ? c.in.size() > kMaxLine : newline > kMaxLine) {
      Queue(c, ControlErrorReply("line too long (over " + std::to_string(kMaxLine) +
                                 " bytes): dropped"));
      if (newline == std::string::npos) {
        c.discarding = true;
        c.in.clear();
      } else {
        c.in.erase(0, newline + 1);
      }
      continue;
    }
    // A complete line, or the last one of a client that sent no newline after it.
    Request r{c.id, c.in.substr(0, newline)};
    c.in.erase(0, newline == std::string::npos ? c.in.size() : newline + 1);
    c.waiting = true;
    bool first = false;
    {
      std::lock_guard lock(mutex_);
      first = requests_.empty();
      requests_.push_back(std::move(r));
    }
    if (first && wake_) wake_();
  }
  return !c.dead;
}

bool ControlServer::ReadFrom(Client& c) {
  char buffer[64 * 1024];
  ssize_t n;
  do {
    n = ::read(c.fd, buffer, sizeof buffer);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
  if (n == 0) {
    c.eof = true;
    if (c.discarding) c.in.clear();
    return ProcessInput(c);
  }
  std::string_view data(buffer, static_cast<std::size_t>(n));
  if (c.discarding) {
    const std::size_t newline = data.find('\n');
    if (newline == data.npos) return true;
    c.discarding = false;
    data.remove_prefix(newline + 1);
  }
  c.in.append(data);
  return ProcessInput(c);
}

bool ControlServer::WriteTo(Client& c) {
  std::size_t done = 0;
  while (done < c.out.size()) {
    const ssize_t n = ::send(c.fd, c.out.data() + done, c.out.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      break;
    } else {
      return false;
    }
  }
  c.out.erase(0, done);
  return true;
}

void ControlServer::Accept() {
  for (;;) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        // Out of descriptors: the listener stays readable, so pause instead of spinning.
        Log(Errno("control socket: accept"));
        ::usleep(100'000);
      }
      return;
    }
    if (clients_list_.size() >= static_cast<std::size_t>(config::kControlMaxClients)) {
      const std::string busy =
          ControlErrorReply("too many clients (" + std::to_string(config::kControlMaxClients) +
                            " are connected)") +
          "\n";
      [[maybe_unused]] const ssize_t n = ::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL);
      ::close(fd);
      continue;
    }
    auto c = std::make_unique<Client>();
    c->fd = fd;
    c->id = next_id_++;
    clients_list_.push_back(std::move(c));
    clients_ = static_cast<int>(clients_list_.size());
  }
}

void ControlServer::Loop() {
  std::vector<pollfd> fds;
  for (;;) {
    fds.clear();
    fds.push_back({stop_fd_, POLLIN, 0});
    fds.push_back({reply_fd_, POLLIN, 0});
    fds.push_back({listen_fd_, POLLIN, 0});
    for (const auto& c : clients_list_) {
      short events = 0;
      if (!c->waiting && !c->eof) events |= POLLIN;
      if (!c->out.empty()) events |= POLLOUT;
      fds.push_back({c->fd, events, 0});
    }
    const std::size_t polled = clients_list_.size();
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      Log(Errno("control socket: poll") + "; the socket no longer answers");
      return;
    }
    ++wakeups_;
    if (fds[0].revents != 0) return;
    if (fds[1].revents != 0) {
      Drain(reply_fd_);
      TakeReplies();
    }
    for (std::size_t i = 0; i < polled; ++i) {
      Client& c = *clients_list_[i];
      const short revents = fds[3 + i].revents;
      if (c.dead || revents == 0) continue;
      if ((revents & POLLOUT) && !WriteTo(c)) c.dead = true;
      if (c.dead) continue;
      if ((revents & (POLLIN | POLLHUP | POLLERR)) && !c.waiting && !c.eof) {
        if (!ReadFrom(c)) c.dead = true;
      } else if (revents & (POLLHUP | POLLERR | POLLNVAL)) {
        c.dead = true;  // gone while its request is at the show, or broken
      }
    }
    if (fds[2].revents & POLLIN) Accept();
    // Gone, or done: said all it would and was answered.
    std::erase_if(clients_list_, [](const std::unique_ptr<Client>& c) {
      return c->dead || (c->eof && !c->waiting && c->out.empty() && c->in.empty());
    });
    clients_ = static_cast<int>(clients_list_.size());
  }
}

namespace {

std::string FirstOf(const char* paths) {
  std::string s = paths ? paths : "";
  return s.substr(0, s.find(':'));
}

}  // namespace

std::string DefaultControlPath(const std::function<const char*(const char*)>& getenv) {
  if (std::string dir = FirstOf(getenv("RUNTIME_DIRECTORY")); !dir.empty()) {
    return dir + "/kiosk.sock";
  }
  if (std::string dir = FirstOf(getenv("XDG_RUNTIME_DIR")); !dir.empty()) {
    return dir + "/kiosk.sock";
  }
  return "";
}

std::string DefaultCtlPath(const std::function<const char*(const char*)>& getenv) {
  if (const char* dir = getenv("XDG_RUNTIME_DIR"); dir && *dir) {
    const std::string path = std::string(dir) + "/kiosk.sock";
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) return path;
  }
  return "/run/kiosk/kiosk.sock";
}

bool ControlCall(const std::string& path, const std::string& line, int timeout_ms,
                 std::string* reply, std::string* error) {
  sockaddr_un addr;
  if (!AddressOf(path, &addr, error)) return false;
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *error = Errno("socket");
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const std::string seconds = timeout_ms % 1000 == 0 ? std::to_string(timeout_ms / 1000) + " s"
                                                     : std::to_string(timeout_ms) + " ms";
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    if (errno == ENOENT || errno == ECONNREFUSED) {
      *error = "no kiosk listens on " + path + (errno == ENOENT ? " (no such socket)" : "") +
               "; is kiosk running? --socket PATH names another socket";
    } else if (errno == EACCES) {
      *error = Errno("cannot connect to " + path) +
               " (the socket is for the group kiosk: sudo adduser $USER kiosk, then log in again)";
    } else if (errno == EAGAIN || errno == EINPROGRESS) {
      *error = "kiosk did not accept the connection on " + path + " within " + seconds;
    } else {
      *error = Errno("cannot connect to " + path);
    }
    return false;
  }
  const std::string request = line + "\n";
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = errno == EAGAIN ? "kiosk did not take the request within " + seconds
                               : Errno("cannot send to " + path);
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  reply->clear();
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = errno == EAGAIN ? "no reply from kiosk within " + seconds
                               : Errno("cannot read from " + path);
      return false;
    }
    if (n == 0) {
      *error = "kiosk closed the connection without a reply";
      return false;
    }
    reply->append(buffer, static_cast<std::size_t>(n));
    if (const std::size_t newline = reply->find('\n'); newline != std::string::npos) {
      reply->resize(newline);
      return true;
    }
    if (reply->size() > 1024 * 1024) {
      *error = "the reply is longer than 1 MiB";
      return false;
    }
  }
}

}  // namespace kiosk
