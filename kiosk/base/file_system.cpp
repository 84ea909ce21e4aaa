#include "file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {

bool RealFileSystem::ReadFile(const std::string& path, std::string* contents,
                              std::string* error) const {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    *error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    ::close(fd);
    return false;
  }
  if (st.st_size > kMaxFileBytes) {
    *error = "file too large (over 64 MiB)";
    ::close(fd);
    return false;
  }
  contents->clear();
  contents->reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    if (static_cast<long long>(contents->size()) + n > kMaxFileBytes) {
      *error = "file too large (over 64 MiB)";
      ::close(fd);
      return false;
    }
    contents->append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return true;
}

bool RealFileSystem::IsReadableFile(const std::string& path) const {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), R_OK) == 0;
}

}  // namespace kiosk
