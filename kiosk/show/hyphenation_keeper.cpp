#include "hyphenation_keeper.h"

namespace kiosk {

void HyphenationKeeper::Start() {
  deck_.SetHyphenator(nullptr);  // first: it points into the loader that goes now
  loader_ = lang_.empty() ? nullptr : start_(lang_);
  applied_ = false;
  deferred_ = false;
}

void HyphenationKeeper::BeforePlaylist(const std::string& lang, bool defer) {
  if (lang == lang_) return;
  lang_ = lang;
  if (defer && !lang.empty()) {
    deck_.SetHyphenator(nullptr);
    loader_ = nullptr;
    applied_ = false;
    deferred_ = true;
    return;
  }
  Start();
}

void HyphenationKeeper::AfterPlaylist() {
  if (!applied_ || !loader_) return;  // still loading: Apply asks about every word
  Hyphenator* hyphenator = loader_->Wait();
  if (!hyphenator) return;  // the load failed: already logged
  points_ = deck_.HyphenateAllWords();
  if (hyphenator->missed()) {
    log_("new words since the hyphenation patterns were released: loading them again");
    Start();
  }
}

void HyphenationKeeper::StartDeferred() {
  if (deferred_) Start();
}

bool HyphenationKeeper::Apply(std::span<const std::size_t> on_screen, Millis elapsed) {
  if (!ready()) return false;
  applied_ = true;
  Hyphenator* hyphenator = loader_->Wait();
  if (!hyphenator) {
    log_(loader_->error() + "; words are not hyphenated");
    return false;
  }
  deck_.SetHyphenator(hyphenator, on_screen);
  // The playlist's words are all it needs: the patterns go, and give the memory back.
  points_ = deck_.HyphenateAllWords();
  hyphenator->ReleasePatterns();
  log_("hyphenation patterns " + loader_->path() + " in use after " + std::to_string(elapsed) +
       " ms (" + std::to_string(points_) + " hyphenation points in the playlist)");
  return true;
}

}  // namespace kiosk
