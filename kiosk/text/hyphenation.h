// Hyphenation with libhyphen and the LibreOffice/hunspell pattern files (Debian's
// hyphen-* packages). Pure: no SDL. Loading a dictionary is slow (about 3 s for German on
// x86, far longer on a Pi): see HyphenationLoader for doing it off the first frame's path.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

struct _HyphenDict;

namespace kiosk {

class Hyphenator {
 public:
  // nullptr (with *error set) if the file cannot be loaded.
  static std::unique_ptr<Hyphenator> Load(const std::string& dic_path, std::string* error);
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  // Byte offsets into `word` (UTF-8, one word without spaces) after which it may be broken
  // with a hyphen, as the patterns say (at least two letters either side). Only the
  // letters are hyphenated: punctuation around them is skipped, and a word with a letter
  // the dictionary's encoding cannot express gets no points.
  // Every answer is remembered, so a word's second lookup is cheap.
  std::vector<std::size_t> Points(std::string_view word) const;

  // Frees the patterns (about 40 MiB for German) and keeps only the answers given so far:
  // look every word of the playlist up first. Words asked for later get no points and
  // make missed() true (the show then loads the patterns again).
  void ReleasePatterns();
  bool released() const { return dict_ == nullptr; }
  bool missed() const { return missed_; }

 private:
  explicit Hyphenator(_HyphenDict* dict) : dict_(dict) {}
  std::vector<std::size_t> Compute(std::string_view word) const;
  _HyphenDict* dict_;
  mutable std::unordered_map<std::string, std::vector<std::size_t>> known_;
  mutable bool missed_ = false;
};

// The pattern file for a language tag ("de", "de-CH", "en_US") in `dirs`
// (default /usr/share/hyphen), or "" if none is installed.
std::string FindHyphenationDictionary(std::string_view lang,
                                      const std::vector<std::string>& dirs = {"/usr/share/hyphen"});

// Loads a dictionary on a background thread; the show starts without it and asks
// whether it has arrived. Wait() blocks (for --render and --check).
class HyphenationLoader {
 public:
  // `on_ready` runs on the loading thread once the result is there (e.g. to wake an
  // event loop); it must be thread-safe. It never runs after the loader is destroyed.
  explicit HyphenationLoader(std::string dic_path, std::function<void()> on_ready = {});
  // Does not wait for a load still running (quitting must not take seconds): the
  // thread finishes on its own, or ends with the process.
  ~HyphenationLoader();
  HyphenationLoader(const HyphenationLoader&) = delete;
  HyphenationLoader& operator=(const HyphenationLoader&) = delete;

  bool ready() const { return state_->done.load(std::memory_order_acquire); }
  // The loaded dictionary (nullptr if loading failed); blocks until it is there.
  Hyphenator* Wait();
  const std::string& error() const { return state_->error; }  // valid once ready()
  const std::string& path() const { return state_->path; }

 private:
  // Shared with the loading thread, which may outlive the loader.
  struct State {
    std::string path;
    std::unique_ptr<Hyphenator> hyphenator;
    std::string error;
    std::atomic<bool> done{false};
    std::mutex mutex;  // guards on_ready against the loader going away
    std::function<void()> on_ready;
  };
  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace kiosk
