// The hyphenation patterns of a running show. They take seconds to load (far longer on a
// Pi), so they load in the background after the first frame; once there, the Deck
// hyphenates with them, every word of the playlist gets its answer, and the patterns
// (about 40 MiB for German) are released. A reload with words the released patterns cannot
// answer, or in another language, loads them again.
//
// The order matters: the Deck points into the loader's Hyphenator, so the Deck lets go of
// it before the loader goes.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "deck.h"
#include "hyphenation.h"
#include "scheduler.h"

namespace kiosk {

class HyphenationKeeper {
 public:
  // Starts loading the patterns for a language (the program: StartHyphenation, which
  // wakes the event loop once they are there); nullptr if there are none.
  using Starter = std::function<std::unique_ptr<HyphenationLoader>(const std::string& lang)>;
  using LogFn = std::function<void(const std::string&)>;

  HyphenationKeeper(Deck& deck, Starter start, LogFn log)
      : deck_(deck), start_(std::move(start)), log_(std::move(log)) {}
  ~HyphenationKeeper() { deck_.SetHyphenator(nullptr); }
  HyphenationKeeper(const HyphenationKeeper&) = delete;
  HyphenationKeeper& operator=(const HyphenationKeeper&) = delete;

  // Before the Deck gets a playlist in `lang` ("": no hyphenation, e.g. the error screen).
  // Another language than before drops the patterns in use; the new ones start loading
  // now, or with `defer` at StartDeferred() (the first playlist: after the first frame).
  void BeforePlaylist(const std::string& lang, bool defer = false);
  // After the Deck got its playlist: asks the patterns about the new words; if they were
  // released and cannot answer, loads them again (until then the new words are not
  // hyphenated).
  void AfterPlaylist();
  // After the first frame: starts the load BeforePlaylist deferred.
  void StartDeferred();
  // Once the patterns have loaded: the Deck hyphenates with them from now on (the slides
  // `on_screen` keep their lines until anything changes), every word gets its answer, the
  // patterns are released. True if that happened now; `elapsed` is logged with it.
  bool Apply(std::span<const std::size_t> on_screen, Millis elapsed);

  // The patterns have arrived and wait for Apply.
  bool ready() const { return loader_ && !applied_ && loader_->ready(); }
  const std::string& lang() const { return lang_; }
  bool loading() const { return loader_ && !applied_; }
  // Hyphenation points in the playlist at the last Apply or AfterPlaylist (for the log).
  std::size_t points() const { return points_; }

 private:
  void Start();

  Deck& deck_;
  Starter start_;
  LogFn log_;
  std::string lang_;
  std::unique_ptr<HyphenationLoader> loader_;  // owns the Hyphenator the Deck points to
  bool applied_ = false;
  bool deferred_ = false;
  std::size_t points_ = 0;
};

}  // namespace kiosk
