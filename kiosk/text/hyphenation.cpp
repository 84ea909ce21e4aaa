#include "hyphenation.h"

#include <hyphen.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "free_memory.h"
#include "unicode.h"
#include "utf8.h"

namespace kiosk {
namespace {

using unicode::IsLetter;
using unicode::ToLower;

}  // namespace

std::unique_ptr<Hyphenator> Hyphenator::Load(const std::string& dic_path, std::string* error) {
  if (::access(dic_path.c_str(), R_OK) != 0) {
    *error = "cannot read hyphenation patterns " + dic_path + ": " + std::strerror(errno);
    return nullptr;
  }
  HyphenDict* dict = hnj_hyphen_load(dic_path.c_str());
  if (!dict) {
    *error = "cannot load hyphenation patterns " + dic_path;
    return nullptr;
  }
  return std::unique_ptr<Hyphenator>(new Hyphenator(dict));
}

Hyphenator::~Hyphenator() {
  if (dict_) hnj_hyphen_free(dict_);
}

void Hyphenator::ReleasePatterns() {
  if (!dict_) return;
  hnj_hyphen_free(dict_);
  dict_ = nullptr;
  ReturnFreeMemory();  // the patterns were many small blocks: give the pages back
}

std::vector<std::size_t> Hyphenator::Points(std::string_view word) const {
  const std::string key(word);
  if (auto it = known_.find(key); it != known_.end()) return it->second;
  if (!dict_) {
    missed_ = true;
    return {};
  }
  return known_.emplace(key, Compute(word)).first->second;
}

std::vector<std::size_t> Hyphenator::Compute(std::string_view word) const {
  // The letters of the word, lowercased in the dictionary's encoding, with the UTF-8 byte
  // offset just after each encoded byte.
  std::string encoded;
  std::vector<std::size_t> end_offset;  // per encoded byte: UTF-8 offset after its letter
  std::size_t i = 0;
  std::size_t first = std::string_view::npos;
  while (i < word.size()) {
    const std::size_t start = i;
    const char32_t c = DecodeNext(word, &i);
    if (!IsLetter(c)) {
      if (first != std::string_view::npos) break;  // trailing punctuation ends the word
      continue;                                    // leading punctuation is skipped
    }
    if (first == std::string_view::npos) first = start;
    const char32_t lower = ToLower(c);
    const std::size_t before = encoded.size();
    if (dict_->utf8) {
      AppendUtf8(lower, &encoded);
    } else if (lower <= 0xFF) {
      encoded.push_back(static_cast<char>(lower));
    } else {
      return {};  // not expressible in ISO 8859-1: leave the word whole
    }
    for (std::size_t k = before; k < encoded.size(); ++k) end_offset.push_back(i);
  }
  if (i < word.size()) {
    // Letters again after punctuation inside the word (e.g. "M-V"): not one word.
    std::size_t j = i;
    while (j < word.size()) {
      if (IsLetter(DecodeNext(word, &j))) return {};
    }
  }
  if (encoded.size() < 4) return {};
  std::vector<char> hyphens(encoded.size() + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  hnj_hyphen_hyphenate3(dict_, encoded.data(), static_cast<int>(encoded.size()), hyphens.data(),
                        nullptr, &rep, &pos, &cut, 2, 2, 2, 2);
  if (rep) {
    // Non-standard hyphenation (old orthography "ck" -> "k-k") is not used: free it.
    for (std::size_t k = 0; k < encoded.size(); ++k) std::free(rep[k]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);
  std::vector<std::size_t> points;
  for (std::size_t k = 0; k + 1 < encoded.size(); ++k) {
    // In UTF-8 dictionaries only the last byte of a letter can carry a break.
    const bool last_byte = end_offset[k] != end_offset[k + 1];
    if ((hyphens[k] & 1) && last_byte) points.push_back(end_offset[k]);
  }
  return points;
}

std::string FindHyphenationDictionary(std::string_view lang, const std::vector<std::string>& dirs) {
  std::string tag(lang);
  for (char& c : tag) {
    if (c == '-') c = '_';
  }
  // Tags are case-insensitive ("DE", "de-de", "de_DE"); Debian names the files
  // hyph_de_DE.dic: the language in lower case, the region in upper case.
  std::string base = tag.substr(0, tag.find('_'));
  for (char& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string region = tag.find('_') == std::string::npos ? "" : tag.substr(tag.find('_') + 1);
  for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::vector<std::string> names;
  if (!region.empty()) names.push_back("hyph_" + base + "_" + region + ".dic");
  names.push_back("hyph_" + base + ".dic");
  std::string upper = base;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  names.push_back("hyph_" + base + "_" + upper + ".dic");
  for (const std::string& dir : dirs) {
    for (const std::string& name : names) {
      const std::string path = dir + "/" + name;
      if (::access(path.c_str(), R_OK) == 0) return path;
    }
  }
  return {};
}

HyphenationLoader::HyphenationLoader(std::string dic_path, std::function<void()> on_ready)
    : state_(std::make_shared<State>()) {
  state_->path = std::move(dic_path);
  state_->on_ready = std::move(on_ready);
  thread_ = std::thread([state = state_] {
    state->hyphenator = Hyphenator::Load(state->path, &state->error);
    state->done.store(true, std::memory_order_release);
    std::lock_guard<std::mutex> lock(state->mutex);
    if (state->on_ready) state->on_ready();
  });
}

HyphenationLoader::~HyphenationLoader() {
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->on_ready = nullptr;
  }
  if (!thread_.joinable()) return;
  if (ready()) {
    thread_.join();
  } else {
    thread_.detach();
  }
}

Hyphenator* HyphenationLoader::Wait() {
  if (thread_.joinable()) thread_.join();
  return state_->hyphenator.get();
}

}  // namespace kiosk
