// The pictures of the slides on screen and the next one, decoded and scaled once, on a
// worker thread, so nothing is decoded on the frame path (a 4000x3000 JPEG takes about a
// tenth of a second). Held: only what the drawer last asked for (Keep): the current and
// next slides' pictures and the Frame's under/over ones; the rest goes.
//
// A picture not ready when its slide must show: the drawer waits up to
// config::kPictureWaitMs for it (a jump to a slide nobody prepared), then draws the slide
// without it; when it arrives the loop is woken and draws it. --render waits without limit.
//
// Files change: Recheck (after every reload) compares each held file's identity (device,
// inode, size, mtime) with the one decoded, and decodes the file again if it differs. A
// replacement that does not decode keeps the last good pixels while they are held; a
// broken file never drawn leaves its box empty. Each problem is logged once per file and
// problem until the next Recheck, not every time a looping show comes back to the slide.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "deck.h"
#include "picture.h"
#include "pinned_files.h"  // FileIdentity

namespace kiosk {

// A picture ready to draw: `pixels` go to `dst` on screen, one to one.
struct PreparedPicture {
  Picture pixels;
  Box dst;
};

// Where pictures come from (the program: the files on disk through image/; tests: fakes).
// Called on the cache's worker thread only.
class PictureSource {
 public:
  struct Result {
    std::optional<FileIdentity> identity;  // of the file read (also when it did not decode)
    std::optional<PreparedPicture> picture;
    std::string error;  // why there is no picture: "not a PNG, JPEG or WebP picture"
  };
  virtual ~PictureSource() = default;
  // `item` decoded and placed in its box (PlacePicture), or the reason it cannot be.
  virtual Result Decode(const PictureItem& item) = 0;
  // The identity of the file at `path` now; nothing if it cannot be looked at.
  virtual std::optional<FileIdentity> Identify(const std::string& path) = 0;
};

class PictureCache {
 public:
  // `wake` runs on the worker after a result is ready (the loop then calls Collect);
  // `log` on the caller's thread, from Collect.
  PictureCache(PictureSource& source, std::function<void()> wake,
               std::function<void(const std::string&)> log);
  ~PictureCache();
  PictureCache(const PictureCache&) = delete;
  PictureCache& operator=(const PictureCache&) = delete;

  // Holds exactly `items` from now on: those not held yet are decoded in the background,
  // the others are dropped (their pixels go once no drawer uses them).
  void Keep(const std::vector<PictureItem>& items);
  // The pixels for `item`; nullptr while it is being decoded, or if it cannot be.
  std::shared_ptr<const PreparedPicture> Find(const PictureItem& item) const;
  // Whether `item` is held and still waits for the worker.
  bool Pending(const PictureItem& item) const;
  // Takes the worker's results. True if any of them changed what Find gives.
  bool Collect();
  // Collects until none of `items` is pending, or for at most `timeout_ms` (-1: no limit).
  // True if something Find gives changed.
  bool Wait(const std::vector<PictureItem>& items, int timeout_ms);
  // The files may have changed on disk: checks every held file in the background and
  // decodes again those whose identity differs.
  void Recheck();
  // The memory the pixels held take, in bytes.
  std::size_t bytes() const;
  std::size_t size() const { return entries_.size(); }
  // Logs each decode's thread CPU time (KIOSK_FRAME_STATS=1, for bench/).
  void LogTimings(bool on) { log_timings_ = on; }

 private:
  enum class State { kPending, kReady, kBroken };
  struct Entry {
    PictureItem key;  // without the overlay: it is drawn, not decoded
    State state = State::kPending;
    std::optional<FileIdentity> identity;
    std::shared_ptr<const PreparedPicture> picture;
  };
  struct Job {
    PictureItem key;
    bool recheck = false;
    std::optional<FileIdentity> known;  // for a recheck: the identity decoded last
  };
  struct Done {
    Job job;
    bool unchanged = false;  // a recheck found the same file
    PictureSource::Result result;
    double cpu_ms = 0;  // the worker's CPU time for it
  };

  static PictureItem KeyOf(const PictureItem& item);
  Entry* FindEntry(const PictureItem& key);
  const Entry* FindEntry(const PictureItem& key) const;
  void Apply(Done done, bool* changed);
  void LogOnce(const std::string& file, const std::string& message);
  void Work();

  PictureSource& source_;
  std::function<void()> wake_;
  std::function<void(const std::string&)> log_;
  std::vector<Entry> entries_;    // the caller's thread only
  std::set<std::string> logged_;  // the problems logged since the last Recheck
  bool log_timings_ = false;

  std::mutex mutex_;
  std::condition_variable work_ready_;  // the worker waits for jobs
  std::condition_variable done_ready_;  // Wait waits for results
  std::deque<Job> jobs_;
  std::vector<Done> done_;
  bool stop_ = false;
  std::thread worker_;  // started by the first Keep with something to decode
};

}  // namespace kiosk
