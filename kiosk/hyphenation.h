// Hyphenation with libhyphen and the LibreOffice/hunspell pattern files (Debian's
// hyphen-* packages). Pure: no SDL. Loading a dictionary is slow (about 3 s for German on
// x86, far longer on a Pi): see HyphenationLoader for doing it off the first frame's path.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
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
  std::vector<std::size_t> Points(std::string_view word) const;

 private:
  explicit Hyphenator(_HyphenDict* dict) : dict_(dict) {}
  _HyphenDict* dict_;
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
  // event loop); it must be thread-safe.
  explicit HyphenationLoader(std::string dic_path, std::function<void()> on_ready = {});
  ~HyphenationLoader();
  HyphenationLoader(const HyphenationLoader&) = delete;
  HyphenationLoader& operator=(const HyphenationLoader&) = delete;

  bool ready() const { return done_.load(std::memory_order_acquire); }
  // The loaded dictionary (nullptr if loading failed), once ready(); blocks until then.
  const Hyphenator* Wait();
  const std::string& error() const { return error_; }  // valid once ready()
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::unique_ptr<Hyphenator> hyphenator_;
  std::string error_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace kiosk
