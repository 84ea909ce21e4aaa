#include "file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {
namespace {

// What a non-regular file is, for "not a regular file (a FIFO)".
const char* KindOf(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a file";
}

}  // namespace

std::string FileTooLarge(long long max_bytes) {
  constexpr long long kMiB = 1024 * 1024;
  const std::string limit = max_bytes % kMiB == 0 ? std::to_string(max_bytes / kMiB) + " MiB"
                                                  : std::to_string(max_bytes) + " bytes";
  return "file too large (over " + limit + ")";
}

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    Reset();
    fd_ = other.Release();
  }
  return *this;
}

int UniqueFd::Release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

void UniqueFd::Reset() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

UniqueFd OpenRegularFile(const std::string& path, long long max_bytes, std::string* error) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (!fd) {
    const int open_errno = errno;
    // A socket cannot be opened at all (ENXIO): say what it is rather than "No such
    // device or address".
    struct stat st {};
    if (open_errno == ENXIO && ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      *error = std::string("not a regular file (") + KindOf(st.st_mode) + ")";
    } else {
      *error = std::strerror(open_errno);
    }
    return {};
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    *error = std::strerror(errno);
    return {};
  }
  if (S_ISDIR(st.st_mode)) {
    *error = "is a directory";
    return {};
  }
  if (!S_ISREG(st.st_mode)) {
    *error = std::string("not a regular file (") + KindOf(st.st_mode) + ")";
    return {};
  }
  if (max_bytes >= 0 && st.st_size > max_bytes) {
    *error = FileTooLarge(max_bytes);
    return {};
  }
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0) {
    *error = std::strerror(errno);
    return {};
  }
  return fd;
}

bool ReadRegularFile(const std::string& path, long long max_bytes, std::string* contents,
                     std::string* error) {
  const UniqueFd fd = OpenRegularFile(path, max_bytes, error);
  return fd && ReadOpenFile(fd.get(), max_bytes, contents, error);
}

bool ReadOpenFile(int fd, long long max_bytes, std::string* contents, std::string* error) {
  contents->clear();
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    // Files in /proc, or one that grows while read, say one size and give more.
    if (max_bytes >= 0 && static_cast<long long>(contents->size()) + n > max_bytes) {
      *error = FileTooLarge(max_bytes);
      contents->clear();
      return false;
    }
    contents->append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

bool ReadRegularFileStart(const std::string& path, long long max_bytes, std::size_t prefix,
                          std::string* contents, std::string* error) {
  const UniqueFd fd = OpenRegularFile(path, max_bytes, error);
  if (!fd) return false;
  contents->assign(prefix, '\0');
  std::size_t got = 0;
  while (got < prefix) {
    const ssize_t n = ::read(fd.get(), contents->data() + got, prefix - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      contents->clear();
      return false;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  contents->resize(got);
  return true;
}

bool RealFileSystem::ReadFileStart(const std::string& path, long long max_bytes, std::size_t prefix,
                                   std::string* contents, std::string* error) const {
  return ReadRegularFileStart(path, max_bytes, prefix, contents, error);
}

bool RealFileSystem::ReadFile(const std::string& path, long long max_bytes, std::string* contents,
                              std::string* error) const {
  return ReadRegularFile(path, max_bytes, contents, error);
}

bool RealFileSystem::IsReadableFile(const std::string& path) const {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), R_OK) == 0;
}

}  // namespace kiosk
