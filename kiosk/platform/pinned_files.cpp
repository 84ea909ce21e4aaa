#include "pinned_files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "file_system.h"

namespace kiosk {
namespace {

// Larger files are pinned by descriptor only: a snapshot costs its size in memory (a
// CJK font is about 20 MiB; a theme font is usually under 1 MiB).
constexpr std::int64_t kMaxSnapshotBytes = 32LL * 1024 * 1024;

FileIdentity IdentityOf(const struct stat& st) {
  return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
          static_cast<std::int64_t>(st.st_size),
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

// A copy of `fd`'s content in memory, or -1 (then the file itself is pinned).
int Snapshot(int fd, std::int64_t size) {
  if (size > kMaxSnapshotBytes) return -1;
  const int copy = ::memfd_create("kiosk-pinned", MFD_CLOEXEC);
  if (copy < 0) return -1;
  char buf[65536];
  for (off_t offset = 0;;) {
    const ssize_t n = ::pread(fd, buf, sizeof buf, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 || offset + n > kMaxSnapshotBytes) {  // unreadable, or growing while we read
      ::close(copy);
      return -1;
    }
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::write(copy, buf + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        ::close(copy);
        return -1;
      }
      done += w;
    }
    offset += n;
  }
  return copy;
}

}  // namespace

std::optional<FileIdentity> IdentityOfFd(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return std::nullopt;
  return IdentityOf(st);
}

std::optional<FileIdentity> IdentityOfPath(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return IdentityOf(st);
}

PinnedFiles& PinnedFiles::operator=(PinnedFiles&& other) noexcept {
  if (this != &other) {
    Release();
    pins_ = std::move(other.pins_);
    other.pins_.clear();
  }
  return *this;
}

std::string PinnedFiles::Pin(const std::string& path, bool snapshot, std::string* error) {
  if (path.empty()) {
    *error = "no file name";
    return "";
  }
  struct stat st {};
  std::string reason;
  UniqueFd file = OpenRegularFile(path, -1, &reason);  // never blocks, regular files only
  if (!file || ::fstat(file.get(), &st) != 0) {
    *error = path + ": " + (file ? std::strerror(errno) : reason);
    return "";
  }
  int fd = file.Release();
  const FileIdentity identity = IdentityOf(st);
  if (snapshot) {
    if (const int copy = Snapshot(fd, identity.size); copy >= 0) {
      ::close(fd);
      fd = copy;
    }
  }
  // Only where /proc is mounted does the name reach the file.
  const std::string name = "/proc/self/fd/" + std::to_string(fd);
  if (::access(name.c_str(), R_OK) != 0) {
    ::close(fd);
    return path;
  }
  pins_.push_back({fd, name, path, identity});
  return name;
}

void PinnedFiles::Release() {
  for (const Entry& pin : pins_) ::close(pin.fd);
  pins_.clear();
}

std::vector<std::string> PinnedFiles::ChangedOnDisk() const {
  std::vector<std::string> changed;
  for (const Entry& pin : pins_) {
    if (IdentityOfPath(pin.path) != pin.identity &&
        std::find(changed.begin(), changed.end(), pin.path) == changed.end()) {
      changed.push_back(pin.path);
    }
  }
  return changed;
}

std::string PinnedFiles::UserNames(std::string text) const {
  for (const Entry& pin : pins_) {
    for (std::size_t at = text.find(pin.name); at != std::string::npos;
         at = text.find(pin.name, at)) {
      // "/proc/self/fd/1" must not match the start of "/proc/self/fd/12".
      const std::size_t end = at + pin.name.size();
      if (end < text.size() && text[end] >= '0' && text[end] <= '9') {
        at = end;
        continue;
      }
      text.replace(at, pin.name.size(), pin.path);
      at += pin.path.size();
    }
  }
  return text;
}

bool PinFonts(const FontFiles& files, PinnedFiles* pins, FontFiles* pinned, std::string* error) {
  FontFiles out = files;
  out.regular = pins->Pin(files.regular, true, error);
  if (out.regular.empty()) return false;
  out.bold = files.bold == files.regular ? out.regular : pins->Pin(files.bold, true, error);
  if (out.bold.empty()) return false;
  out.fallbacks.clear();
  for (const std::string& f : files.fallbacks) {
    std::string ignored;
    if (std::string name = pins->Pin(f, false, &ignored); !name.empty()) {
      out.fallbacks.push_back(std::move(name));
    }
  }
  *pinned = std::move(out);
  return true;
}

}  // namespace kiosk
