// The control socket on a real Unix socket in a scratch directory: requests and replies,
// a stale socket, a live one never taken, long lines, clients that do not read, many
// clients, its mode, and no wake-ups while idle.
#include "control_socket.h"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "config.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

struct Dir {
  fs::path path;
  Dir() {
    char tmpl[] = "/tmp/kiosk-control-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~Dir() { fs::remove_all(path); }
  std::string Socket() const { return (path / "kiosk.sock").string(); }
};

template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 500; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

// A client socket, connected (blocking, with a 5 s timeout on reads and writes).
struct Client {
  int fd = -1;
  explicit Client(const std::string& path) {
    fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, path.c_str());
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    // Bounded waits: a broken server fails the test instead of hanging it.
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  }
  ~Client() { ::close(fd); }
  bool Send(const std::string& bytes) const {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  std::string ReadLine() const {
    std::string line;
    char c;
    while (::read(fd, &c, 1) == 1) {
      if (c == '\n') return line;
      line += c;
    }
    return line + "<no newline>";
  }
};

std::vector<ControlServer::Request> TakeSome(ControlServer& s, std::size_t n) {
  std::vector<ControlServer::Request> all;
  Eventually([&] {
    for (auto& r : s.Take()) all.push_back(std::move(r));
    return all.size() >= n;
  });
  return all;
}

TEST_CASE("ControlServer: a line becomes a request, its reply a line; the socket is 0660") {
  Dir dir;
  std::atomic<int> woken{0};
  std::string error;
  auto server = ControlServer::Open(
      dir.Socket(), [&] { ++woken; }, &error);
  REQUIRE_MESSAGE(server, error);
  struct stat st;
  REQUIRE(::stat(dir.Socket().c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  CHECK((st.st_mode & 07777) == 0660);

  Client c(dir.Socket());
  REQUIRE(c.Send("next\n{\"cmd\": \"goto\", \"slide\": 3}\r\n"));
  auto r = TakeSome(*server, 1);
  REQUIRE(r.size() == 1);
  CHECK(r[0].line == "next");
  CHECK(woken >= 1);
  // One request of a client at a time: the second line waits for the first's reply.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(server->Take().empty());
  server->Reply(r[0].client, R"({"ok":true})");
  CHECK(c.ReadLine() == R"({"ok":true})");
  r = TakeSome(*server, 1);
  REQUIRE(r.size() == 1);
  CHECK(r[0].line == "{\"cmd\": \"goto\", \"slide\": 3}\r");
  server->Reply(r[0].client, "second");
  CHECK(c.ReadLine() == "second");

  server.reset();
  CHECK_FALSE(fs::exists(dir.Socket()));  // gone with the server
}

TEST_CASE("ControlServer: a socket left by a killed kiosk is replaced; a live one never") {
  Dir dir;
  std::string error;
  SUBCASE("stale: bound, then its process gone (no lock held)") {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, dir.Socket().c_str());
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    ::close(fd);
    REQUIRE(fs::is_socket(dir.Socket()));
    auto server = ControlServer::Open(dir.Socket(), {}, &error);
    REQUIRE_MESSAGE(server, error);
    Client c(dir.Socket());
    REQUIRE(c.Send("status\n"));
    CHECK(TakeSome(*server, 1).size() == 1);
  }
  SUBCASE("another kiosk listens") {
    auto first = ControlServer::Open(dir.Socket(), {}, &error);
    REQUIRE_MESSAGE(first, error);
    CHECK_FALSE(ControlServer::Open(dir.Socket(), {}, &error));
    CHECK(error ==
          "another kiosk listens on " + dir.Socket() + " (it holds " + dir.Socket() + ".lock)");
    Client c(dir.Socket());  // the first still answers
    REQUIRE(c.Send("next\n"));
    CHECK(TakeSome(*first, 1).size() == 1);
  }
  SUBCASE("another program listens, without kiosk's lock") {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strcpy(addr.sun_path, dir.Socket().c_str());
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    CHECK_FALSE(ControlServer::Open(dir.Socket(), {}, &error));
    CHECK(error == "another program listens on " + dir.Socket());
    CHECK(fs::is_socket(dir.Socket()));
    ::close(fd);
  }
  SUBCASE("a file that is not a socket is left alone") {
    std::ofstream(dir.Socket()) << "precious";
    CHECK_FALSE(ControlServer::Open(dir.Socket(), {}, &error));
    CHECK(error == dir.Socket() + " exists and is not a socket: not removing it");
    CHECK(fs::is_regular_file(dir.Socket()));
  }
  SUBCASE("a path too long for a socket") {
    const std::string path = "/tmp/" + std::string(120, 'x');
    CHECK_FALSE(ControlServer::Open(path, {}, &error));
    CHECK(error == path + ": not a usable socket path (1 to 107 bytes)");
  }
}

TEST_CASE("ControlServer: a line over the limit gets an error and is dropped, the next counts") {
  Dir dir;
  std::string error;
  auto server = ControlServer::Open(dir.Socket(), {}, &error);
  REQUIRE_MESSAGE(server, error);
  Client c(dir.Socket());
  const auto limit = static_cast<std::size_t>(config::kControlMaxLineBytes);
  std::thread writer([&] { c.Send(std::string(limit * 20, 'x') + "\nnext\n"); });
  CHECK(c.ReadLine() == R"({"ok":false,"error":"line too long (over 65536 bytes): dropped"})");
  const auto r = TakeSome(*server, 1);
  writer.join();
  REQUIRE(r.size() == 1);
  CHECK(r[0].line == "next");
  // Exactly at the limit is still a line.
  server->Reply(r[0].client, "ok");
  CHECK(c.ReadLine() == "ok");
  REQUIRE(c.Send(std::string(limit, 'y') + "\n"));
  const auto at_limit = TakeSome(*server, 1);
  REQUIRE(at_limit.size() == 1);
  CHECK(at_limit[0].line.size() == limit);
}

TEST_CASE("ControlServer: a client that never reads is dropped; others are answered") {
  Dir dir;
  std::string error;
  auto server = ControlServer::Open(dir.Socket(), {}, &error);
  REQUIRE_MESSAGE(server, error);
  Client greedy(dir.Socket());
  Client polite(dir.Socket());
  // Requests without end; each reply 10 KB that the client never reads.
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    while (!stop && greedy.Send("status\n")) {
    }
  });
  const std::string big(10'000, 'r');
  CHECK(Eventually([&] {
    for (const auto& r : server->Take()) server->Reply(r.client, big);
    return server->clients() == 1;  // only the polite one is left
  }));
  stop = true;
  writer.join();
  REQUIRE(polite.Send("next\n"));
  const auto r = TakeSome(*server, 1);
  REQUIRE(r.size() == 1);
  server->Reply(r[0].client, "ok");
  CHECK(polite.ReadLine() == "ok");
}

TEST_CASE("ControlServer: 50 clients at once, each answered; more than the limit refused") {
  Dir dir;
  std::string error;
  auto server = ControlServer::Open(dir.Socket(), {}, &error);
  REQUIRE_MESSAGE(server, error);
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < 50; ++i) {
    clients.push_back(std::make_unique<Client>(dir.Socket()));
    REQUIRE(clients.back()->Send("goto " + std::to_string(i) + "\n"));
  }
  const auto requests = TakeSome(*server, 50);
  REQUIRE(requests.size() == 50);
  for (const auto& r : requests) server->Reply(r.client, "re: " + r.line);
  for (int i = 0; i < 50; ++i) CHECK(clients[i]->ReadLine() == "re: goto " + std::to_string(i));

  for (int i = 50; i < config::kControlMaxClients; ++i) {
    clients.push_back(std::make_unique<Client>(dir.Socket()));
  }
  CHECK(Eventually([&] { return server->clients() == config::kControlMaxClients; }));
  Client one_more(dir.Socket());
  CHECK(one_more.ReadLine() == R"x({"ok":false,"error":"too many clients (64 are connected)"})x");
}

TEST_CASE("ControlServer: garbage, a last line without newline, and no wake-ups while idle") {
  Dir dir;
  std::string error;
  auto server = ControlServer::Open(dir.Socket(), {}, &error);
  REQUIRE_MESSAGE(server, error);
  {
    Client c(dir.Socket());
    std::string garbage;
    for (int i = 0; i < 256; ++i) garbage += static_cast<char>(i == '\n' ? 0 : i);
    REQUIRE(c.Send(garbage + "\nprev"));
    ::shutdown(c.fd, SHUT_WR);  // what `printf prev | socat - UNIX:...` does
    auto r = TakeSome(*server, 1);
    REQUIRE(r.size() == 1);
    CHECK(r[0].line == garbage);
    server->Reply(r[0].client, "1");
    CHECK(c.ReadLine() == "1");
    r = TakeSome(*server, 1);
    REQUIRE(r.size() == 1);
    CHECK(r[0].line == "prev");
    server->Reply(r[0].client, "2");
    CHECK(c.ReadLine() == "2");
  }
  CHECK(Eventually([&] { return server->clients() == 0; }));
  Client idle(dir.Socket());
  CHECK(Eventually([&] { return server->clients() == 1; }));
  const long before = server->wakeups();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(server->wakeups() == before);
}

TEST_CASE("The default socket paths") {
  auto env = [](std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> const char* {
      const auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  };
  CHECK(DefaultControlPath(
            env({{"RUNTIME_DIRECTORY", "/run/kiosk"}, {"XDG_RUNTIME_DIR", "/run/user/1000"}})) ==
        "/run/kiosk/kiosk.sock");
  CHECK(DefaultControlPath(env({{"RUNTIME_DIRECTORY", "/run/kiosk:/run/other"}})) ==
        "/run/kiosk/kiosk.sock");
  CHECK(DefaultControlPath(env({{"XDG_RUNTIME_DIR", "/run/user/1000"}})) ==
        "/run/user/1000/kiosk.sock");
  CHECK(DefaultControlPath(env({})) == "");
  Dir dir;
  CHECK(DefaultCtlPath(env({{"XDG_RUNTIME_DIR", dir.path.string()}})) == "/run/kiosk/kiosk.sock");
  std::string error;
  auto server = ControlServer::Open(dir.Socket(), {}, &error);
  REQUIRE(server);
  CHECK(DefaultCtlPath(env({{"XDG_RUNTIME_DIR", dir.path.string()}})) == dir.Socket());
}

TEST_CASE("ControlCall: one request, one reply; clear errors without a kiosk") {
  Dir dir;
  std::string reply;
  std::string error;
  CHECK_FALSE(ControlCall(dir.Socket(), "next", 1000, &reply, &error));
  CHECK(error == "no kiosk listens on " + dir.Socket() +
                     " (no such socket); is kiosk running? --socket PATH names another socket");
  auto server = ControlServer::Open(dir.Socket(), {}, &error);
  REQUIRE(server);
  std::thread answer([&] {
    const auto r = TakeSome(*server, 1);
    if (!r.empty()) server->Reply(r[0].client, "{\"ok\":true}");
  });
  CHECK(ControlCall(dir.Socket(), "next", 5000, &reply, &error));
  answer.join();
  CHECK(reply == "{\"ok\":true}");
  // A kiosk that does not answer in time.
  CHECK_FALSE(ControlCall(dir.Socket(), "next", 200, &reply, &error));
  CHECK(error == "no reply from kiosk within 200 ms");
}

}  // namespace
}  // namespace kiosk
