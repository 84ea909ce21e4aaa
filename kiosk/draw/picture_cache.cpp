#include "picture_cache.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include <cstdio>

#include "diagnostics.h"

namespace kiosk {

PictureCache::PictureCache(PictureSource& source, std::function<void()> wake,
                           std::function<void(const std::string&)> log)
    : source_(source), wake_(std::move(wake)), log_(std::move(log)) {}

PictureCache::~PictureCache() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    jobs_.clear();
  }
  work_ready_.notify_all();
  if (worker_.joinable()) worker_.join();
}

PictureItem PictureCache::KeyOf(const PictureItem& item) {
  PictureItem key = item;
  key.overlay = Color{0, 0, 0, 0};
  return key;
}

PictureCache::Entry* PictureCache::FindEntry(const PictureItem& key) {
  for (Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const PictureCache::Entry* PictureCache::FindEntry(const PictureItem& key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

void PictureCache::Keep(const std::vector<PictureItem>& items) {
  std::vector<PictureItem> keys;
  keys.reserve(items.size());
  for (const PictureItem& item : items) {
    if (item.file.empty() && item.qr_text.empty()) continue;  // only an overlay: nothing to decode
    PictureItem key = KeyOf(item);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  }
  std::erase_if(entries_, [&keys](const Entry& e) {
    return std::find(keys.begin(), keys.end(), e.key) == keys.end();
  });
  std::vector<Job> added;
  for (PictureItem& key : keys) {
    if (FindEntry(key)) continue;
    entries_.push_back(Entry{key, State::kPending, std::nullopt, nullptr});
    added.push_back(Job{std::move(key), false, std::nullopt});
  }
  {
    std::lock_guard lock(mutex_);
    // Work nobody wants any more is not done.
    std::erase_if(jobs_, [this](const Job& j) { return FindEntry(j.key) == nullptr; });
    for (Job& j : added) jobs_.push_back(std::move(j));
  }
  if (added.empty()) return;
  // Started by the first picture: a playlist without any costs no thread.
  if (!worker_.joinable()) worker_ = std::thread([this] { Work(); });
  work_ready_.notify_one();
}

std::shared_ptr<const PreparedPicture> PictureCache::Find(const PictureItem& item) const {
  const Entry* e = FindEntry(KeyOf(item));
  return e ? e->picture : nullptr;
}

bool PictureCache::Pending(const PictureItem& item) const {
  const Entry* e = FindEntry(KeyOf(item));
  return e && e->state == State::kPending;
}

void PictureCache::LogOnce(const std::string& file, const std::string& message) {
  if (logged_.size() > 1000) logged_.clear();  // bounded, whatever a playlist names
  if (logged_.insert(file + '\n' + message).second) log_(message);
}

void PictureCache::Apply(Done done, bool* changed) {
  Entry* e = FindEntry(done.job.key);
  if (!e) return;  // dropped meanwhile
  const std::string& file = done.job.key.file;
  const std::string name = file.empty() ? "QR code \"" + EchoForUser(done.job.key.qr_text) + "\""
                                        : EchoForUser(file, kEchoChars, Elide::kMiddle);
  if (done.unchanged) return;
  if (log_timings_ && done.result.picture) {
    const Picture& p = done.result.picture->pixels;
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1f", done.cpu_ms);
    log_("picture stats: " + name + " decoded at " + std::to_string(p.width) + "x" +
         std::to_string(p.height) + " in " + ms + " ms (thread CPU)");
  }
  e->identity = done.result.identity;
  if (done.result.picture) {
    e->picture = std::make_shared<const PreparedPicture>(std::move(*done.result.picture));
    e->state = State::kReady;
    *changed = true;
    if (done.job.recheck) log_(name + ": changed on disk, showing the new picture");
    return;
  }
  if (e->picture) {
    LogOnce(file, name + ": " + done.result.error + "; still showing the last good picture");
    return;
  }
  e->state = State::kBroken;
  *changed = true;  // no longer pending: a slide waiting for it shows without it
  LogOnce(file, name + ": " + done.result.error + "; the slide shows without it");
}

bool PictureCache::Collect() {
  std::vector<Done> done;
  {
    std::lock_guard lock(mutex_);
    done.swap(done_);
  }
  bool changed = false;
  for (Done& d : done) Apply(std::move(d), &changed);
  return changed;
}

bool PictureCache::Wait(const std::vector<PictureItem>& items, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  bool changed = Collect();
  auto pending = [&] {
    return std::any_of(items.begin(), items.end(),
                       [this](const PictureItem& i) { return Pending(i); });
  };
  while (pending()) {
    {
      std::unique_lock lock(mutex_);
      if (done_.empty()) {
        if (timeout_ms < 0) {
          done_ready_.wait(lock, [this] { return !done_.empty(); });
        } else if (!done_ready_.wait_until(lock, deadline, [this] { return !done_.empty(); })) {
          break;
        }
      }
    }
    changed = Collect() || changed;
  }
  return changed;
}

void PictureCache::Recheck() {
  logged_.clear();
  std::vector<Job> added;
  for (const Entry& e : entries_) {
    if (e.key.file.empty() || e.state == State::kPending) continue;
    added.push_back(Job{e.key, true, e.identity});
  }
  if (added.empty()) return;
  {
    std::lock_guard lock(mutex_);
    for (Job& j : added) jobs_.push_back(std::move(j));
  }
  work_ready_.notify_one();
}

std::size_t PictureCache::bytes() const {
  std::size_t total = 0;
  for (const Entry& e : entries_) {
    if (e.picture) total += e.picture->pixels.bytes();
  }
  return total;
}

void PictureCache::Work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
      if (stop_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    Done done{std::move(job), false, {}, 0};
    timespec begin{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &begin);
    if (done.job.recheck) {
      const std::optional<FileIdentity> now = source_.Identify(done.job.key.file);
      done.unchanged = now == done.job.known;
    }
    if (!done.unchanged) done.result = source_.Decode(done.job.key);
    timespec end{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end);
    done.cpu_ms = static_cast<double>(end.tv_sec - begin.tv_sec) * 1e3 +
                  static_cast<double>(end.tv_nsec - begin.tv_nsec) / 1e6;
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
      done_.push_back(std::move(done));
    }
    done_ready_.notify_all();
    if (wake_) wake_();
  }
}

}  // namespace kiosk
