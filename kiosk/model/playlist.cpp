#include "playlist.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "config.h"
#include "json_keys.h"

namespace kiosk {
namespace {

using nlohmann::json;

constexpr std::string_view kTopKeys[] = {"$schema",    "lang",    "duration",    "transition",
                                         "progress",   "counter", "theme",       "slides",
                                         "error_mark", "sync",    "announcement"};
constexpr std::string_view kThemeKeys[] = {
    "background", "foreground", "accent",        "font",          "font_file",
    "margin",     "align",      "max_text_size", "min_text_size", "uniform_size"};
constexpr std::string_view kSlideKeys[] = {"kicker", "title", "text", "duration", "align"};

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// BCP 47 in the shape hyphenation needs: a language of 2 to 8 letters, then subtags of
// 1 to 8 letters or digits after "-" or "_" ("de", "de-DE", "de_de", "sr-Latn-RS"). Also
// keeps the tag from reaching a file name with anything else in it.
bool IsLanguageTag(std::string_view tag) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= tag.size(); ++i) {
    if (i < tag.size() && tag[i] != '-' && tag[i] != '_') {
      const auto ch = static_cast<unsigned char>(tag[i]);
      if (!std::isalnum(ch) || ch >= 0x80 || (start == 0 && !std::isalpha(ch))) return false;
      continue;
    }
    const std::size_t length = i - start;
    if (length < (start == 0 ? 2u : 1u) || length > 8) return false;
    start = i + 1;
  }
  return true;
}

std::string NeverStill(double duration, double transition) {
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "%.10g s is shorter than the transition (%.10g s): the slide would never stand "
                "still",
                duration, transition);
  return buf;
}

const NumberRule& Rule(std::string_view object, std::string_view key) {
  for (const NumberRule& r : NumberRules()) {
    if (r.object == object && r.key == key) return r;
  }
  std::abort();  // a typo in this file; the tests cover every rule
}

std::string TypeName(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

// Collects diagnostics for one file; every check names the JSON path it looked at.
class Checker {
 public:
  Checker(std::string file, std::vector<Diagnostic>* out) : file_(std::move(file)), out_(out) {}

  std::size_t errors() const { return errors_; }

  void Error(std::string path, std::string message) {
    ++errors_;
    out_->push_back({Severity::kError, file_, 0, 0, std::move(path), std::move(message)});
  }
  void Warn(std::string path, std::string message) {
    out_->push_back({Severity::kWarning, file_, 0, 0, std::move(path), std::move(message)});
  }

  template <std::size_t N>
  void UnknownKeys(const json& object, const std::string& path,
                   const std::string_view (&known)[N]) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(std::begin(known), std::end(known), key) != std::end(known)) continue;
      std::string message = "unknown key, ignored";
      for (std::string_view k : known) {
        // The length difference bounds the distance: a huge key costs nothing here.
        const std::size_t longer = std::max(key.size(), k.size());
        if (longer - std::min(key.size(), k.size()) <= 2 && EditDistance(key, k) <= 2) {
          message += " (did you mean \"" + std::string(k) + "\"?)";
          break;
        }
      }
      Warn(Join(path, EchoForUser(key)), message);
    }
  }

  static std::string Join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }

  // Each getter leaves *out untouched when the key is absent or the value is bad.
  void String(const json& obj, const std::string& path, std::string_view key, std::string* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_string()) {
      Error(Join(path, key), "must be a string, not " + TypeName(*it));
      return;
    }
    const auto& s = it->get_ref<const std::string&>();
    if (s.find('\0') != std::string::npos) {
      Error(Join(path, key), "must not contain a NUL character (\\u0000)");
      return;
    }
    *out = s;
  }

  void Bool(const json& obj, const std::string& path, std::string_view key, bool* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_boolean()) {
      Error(Join(path, key), "must be true or false, not " + TypeName(*it));
      return;
    }
    *out = it->get<bool>();
  }

  // A number within rule's bounds; the message says them as the rule words it.
  void Number(const json& obj, const std::string& path, const NumberRule& rule, double* out) {
    auto it = obj.find(rule.key);
    if (it == obj.end()) return;
    const std::string must = "must be " + Describe(rule) + ", not ";
    if (!it->is_number()) {
      Error(Join(path, rule.key), must + TypeName(*it));
      return;
    }
    const double v = it->get<double>();
    if (!std::isfinite(v) || v < rule.min || (rule.min_exclusive && v == rule.min) ||
        v > rule.max) {
      Error(Join(path, rule.key), must + Number(v));
      return;
    }
    *out = v;
  }

  static std::string Describe(const NumberRule& rule) {
    if (rule.unit == NumberRule::kSeconds) {
      return "a number of seconds from " + Number(rule.min) + (rule.min == 0 ? " (a cut)" : "") +
             " to " + Number(rule.max);
    }
    return std::string("a number ") + (rule.min_exclusive ? "> " : ">= ") + Number(rule.min) +
           " and at most " + Number(rule.max);
  }

  void AlignValue(const json& obj, const std::string& path, Align* out) {
    std::string s;
    auto it = obj.find("align");
    if (it == obj.end()) return;
    String(obj, path, "align", &s);
    if (!it->is_string()) return;
    if (s == "left") {
      *out = Align::kLeft;
    } else if (s == "center") {
      *out = Align::kCenter;
    } else {
      Error(Join(path, "align"), "must be \"left\" or \"center\", not \"" + EchoForUser(s) + "\"");
    }
  }

  void ColorValue(const json& obj, const std::string& path, std::string_view key, Color* out) {
    std::string s;
    auto it = obj.find(key);
    if (it == obj.end()) return;
    String(obj, path, key, &s);
    if (!it->is_string()) return;
    if (auto c = ParseColor(s)) {
      *out = *c;
    } else {
      Error(Join(path, key),
            "must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or #rrggbbaa), not \"" +
                EchoForUser(s) + "\"");
    }
  }

  // 20, 0.5, 1e+09: how a person would write the number.
  static std::string Number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
  }

 private:
  std::string file_;
  std::vector<Diagnostic>* out_;
  std::size_t errors_ = 0;
};

std::string SyntaxMessage(const json::parse_error& e) {
  // nlohmann's text: "[json.exception.parse_error.101] parse error at line 1, column 2: <what>".
  std::string what = e.what();
  const auto at = what.find("parse error");
  if (at != std::string::npos) {
    const auto colon = what.find(": ", at);
    if (colon != std::string::npos) what.erase(0, colon + 2);
  }
  // "last read: '...'" repeats raw input bytes (possibly invalid UTF-8); the line and
  // column already say where.
  if (const auto last = what.find("; last read: '"); last != std::string::npos) {
    const auto end = what.find("'; ", last + 14);
    what.erase(last, end == std::string::npos ? std::string::npos : end + 1 - last);
  }
  if (what.find("ill-formed UTF-8") != std::string::npos) {
    // nlohmann quotes the bad bytes, which would make this message invalid UTF-8 too.
    return "not valid UTF-8 text (save the file as UTF-8)";
  }
  if (what.find("control character U+000A (LF) must be escaped") != std::string::npos) {
    return what + " (is a closing \" missing, or a line break inside a string? write it as \\n)";
  }
  if (what.size() >= 17 && what.compare(what.size() - 17, 17, "- invalid literal") == 0) {
    what += " (text needs \"quotes\"; Infinity and NaN are not JSON numbers)";
  }
  // The two mistakes people make most when editing JSON by hand.
  auto contains = [&what](const char* s) { return what.find(s) != std::string::npos; };
  if (contains("unexpected string literal; expected '}'") ||
      contains("unexpected '{'; expected ']'") ||
      contains("unexpected string literal; expected ']'")) {
    what += " (is a comma missing before it?)";
  } else if (contains("unexpected '}'; expected string literal") ||
             contains("unexpected ']'; expected '[', '{', or a literal")) {
    what += " (is there a comma too many before it?)";
  }
  return what;
}

void CheckTheme(Checker& c, const json& theme, const std::string& file, Theme* out) {
  const std::string path = "theme";
  if (!theme.is_object()) {
    c.Error(path, "must be an object, not " + TypeName(theme));
    return;
  }
  c.UnknownKeys(theme, path, kThemeKeys);
  c.ColorValue(theme, path, "background", &out->background);
  c.ColorValue(theme, path, "foreground", &out->foreground);
  c.ColorValue(theme, path, "accent", &out->accent);
  c.String(theme, path, "font", &out->font_family);
  std::string font_file;
  c.String(theme, path, "font_file", &font_file);
  if (!font_file.empty()) {
    std::filesystem::path p(font_file);
    if (p.is_relative()) p = std::filesystem::path(file).parent_path() / p;
    out->font_file = p.lexically_normal().string();
  }
  c.Number(theme, path, Rule("theme", "margin"), &out->margin);
  c.AlignValue(theme, path, &out->align);
  c.Number(theme, path, Rule("theme", "max_text_size"), &out->max_text_size);
  c.Number(theme, path, Rule("theme", "min_text_size"), &out->min_text_size);
  c.Bool(theme, path, "uniform_size", &out->uniform_size);
  if (out->min_text_size > out->max_text_size) {
    c.Error("theme.min_text_size", Checker::Number(out->min_text_size) +
                                       " is larger than theme.max_text_size (" +
                                       Checker::Number(out->max_text_size) +
                                       (theme.contains("max_text_size") ? ")" : ", the default)"));
  }
}

// Code points in UTF-8 text (what the limits in config.h count).
std::size_t Characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char b) { return (b & 0xC0) != 0x80; }));
}

// Text past config::kMaxTextChars is an error, naming the field and the limit.
void CheckTextLength(Checker& c, const std::string& path, std::string_view key,
                     const std::string& text) {
  const std::size_t n = Characters(text);
  if (n <= static_cast<std::size_t>(config::kMaxTextChars)) return;
  c.Error(Checker::Join(path, key), std::to_string(n) + " characters, more than the limit of " +
                                        std::to_string(config::kMaxTextChars) +
                                        " (split it into several slides)");
}

void CheckSlide(Checker& c, const json& s, std::size_t index, const Playlist& playlist,
                Slide* out) {
  const std::string path = "slides[" + std::to_string(index) + "]";
  if (!s.is_object()) {
    c.Error(path, "must be an object with a \"text\", not " + TypeName(s));
    return;
  }
  c.UnknownKeys(s, path, kSlideKeys);
  out->align = playlist.theme.align;
  c.String(s, path, "kicker", &out->kicker);
  const std::size_t errors_before = c.errors();
  c.String(s, path, "title", &out->title);
  c.String(s, path, "text", &out->text);
  const bool rejected = c.errors() != errors_before;  // already reported: say nothing more
  CheckTextLength(c, path, "kicker", out->kicker);
  CheckTextLength(c, path, "title", out->title);
  CheckTextLength(c, path, "text", out->text);
  const std::size_t errors_before_duration = c.errors();
  c.Number(s, path, Rule("slides[]", "duration"), &out->duration);
  if (s.contains("duration") && c.errors() == errors_before_duration &&
      out->duration < playlist.transition) {
    c.Error(path + ".duration", NeverStill(out->duration, playlist.transition));
  }
  c.AlignValue(s, path, &out->align);
  if (!rejected && out->title.empty() && out->text.empty()) {
    if (!s.contains("title") && !s.contains("text")) {
      c.Error(path, "needs a \"text\" (or a \"title\")");
    } else {
      c.Error(path, "has nothing to show: \"text\" and \"title\" are empty");
    }
  }
}

}  // namespace

std::span<const NumberRule> NumberRules() {
  static constexpr NumberRule kRules[] = {
      {"", "duration", config::kMinSlideSeconds, false, config::kMaxSlideSeconds,
       NumberRule::kSeconds},
      {"", "transition", 0, false, config::kMaxTransitionSeconds, NumberRule::kSeconds},
      {"slides[]", "duration", config::kMinSlideSeconds, false, config::kMaxSlideSeconds,
       NumberRule::kSeconds},
      {"theme", "margin", 0, false, 0.3, NumberRule::kShare},
      {"theme", "max_text_size", 0, true, 0.5, NumberRule::kShare},
      {"theme", "min_text_size", 0, true, 0.5, NumberRule::kShare},
  };
  return kRules;
}

std::span<const std::string_view> KnownKeys(std::string_view object) {
  if (object == "theme") return kThemeKeys;
  if (object == "slides[]") return kSlideKeys;
  return kTopKeys;
}

Playlist DefaultPlaylist() {
  Playlist p;
  p.transition = config::kTransitionSeconds;
  p.theme.background = config::kBackground;
  p.theme.foreground = config::kForeground;
  p.theme.accent = config::kAccent;
  p.theme.font_family = config::kFontFamily;
  p.theme.margin = config::kMargin;
  p.theme.max_text_size = config::kMaxTextSize;
  p.theme.min_text_size = config::kMinTextSize;
  return p;
}

LoadResult ParsePlaylist(std::string_view json_text, const std::string& file) {
  LoadResult result;
  auto syntax_error = [&](std::size_t offset, std::string message) {
    Diagnostic d{Severity::kError, file, 0, 0, "", std::move(message)};
    LineColumnAt(json_text, offset, &d.line, &d.column);
    result.diagnostics.push_back(std::move(d));
    return result;
  };
  if (json_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return syntax_error(json_text.size(),
                        "the file is empty: a playlist needs {\"slides\": [...]}");
  }
  // nlohmann stops at a NUL byte as if the file ended there.
  if (const auto nul = json_text.find('\0'); nul != std::string_view::npos) {
    return syntax_error(nul, "a NUL byte: this is not a text file (save it as UTF-8 text)");
  }
  json root;
  try {
    root = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    return syntax_error(e.byte > 0 ? e.byte - 1 : 0, SyntaxMessage(e));
  } catch (const json::exception& e) {
    // A number too large for a double ("1e400") is reported without a position.
    std::string what = e.what();
    const auto quote = what.find('\'');
    std::size_t offset = 0;
    if (quote != std::string::npos) {
      const std::string literal = what.substr(quote + 1, what.rfind('\'') - quote - 1);
      offset = std::min(json_text.find(literal), json_text.size());
      return syntax_error(offset, "number " + literal + " is too large");
    }
    return syntax_error(offset, what);
  }

  Checker c(file, &result.diagnostics);
  Playlist playlist = DefaultPlaylist();
  playlist.path = file;
  if (!root.is_object()) {
    c.Error("(top level)", "must be an object with a \"slides\" array, not " + TypeName(root));
    return result;
  }
  for (std::string& key : FindDuplicateKeys(json_text)) {
    c.Error(std::move(key), "given more than once (only the last would count): keep one");
  }
  c.UnknownKeys(root, "", kTopKeys);
  c.String(root, "", "lang", &playlist.lang);
  if (root.contains("lang") && root["lang"].is_string() && !IsLanguageTag(playlist.lang)) {
    c.Error("lang", "must be a language tag such as \"de\" or \"en-GB\", not \"" +
                        EchoForUser(playlist.lang) + "\"");
  }
  double default_duration = config::kSlideSeconds;
  c.Number(root, "", Rule("", "duration"), &default_duration);
  c.Number(root, "", Rule("", "transition"), &playlist.transition);
  if (default_duration < playlist.transition) {
    c.Error("duration", NeverStill(default_duration, playlist.transition));
  }
  c.Bool(root, "", "progress", &playlist.show_progress);
  c.Bool(root, "", "counter", &playlist.show_counter);
  c.Bool(root, "", "error_mark", &playlist.error_mark);
  if (auto it = root.find("sync"); it != root.end()) {
    std::string sync;
    c.String(root, "", "sync", &sync);
    if (sync == "clock") {
      playlist.sync = SyncMode::kClock;
    } else if (sync == "off") {
      playlist.sync = SyncMode::kOff;
    } else if (it->is_string()) {
      c.Error("sync", "must be \"clock\" (follow the real-time clock) or \"off\", not \"" +
                          EchoForUser(sync) + "\"");
    }
  }
  c.String(root, "", "announcement", &playlist.announcement);
  CheckTextLength(c, "", "announcement", playlist.announcement);
  if (auto it = root.find("theme"); it != root.end()) CheckTheme(c, *it, file, &playlist.theme);

  auto slides = root.find("slides");
  if (slides == root.end()) {
    c.Error("slides", "missing: the playlist needs a \"slides\" array");
  } else if (!slides->is_array()) {
    c.Error("slides", "must be an array of slides, not " + TypeName(*slides));
  } else if (slides->empty()) {
    c.Error("slides", "is empty: the playlist needs at least one slide");
  } else if (slides->size() > static_cast<std::size_t>(config::kMaxSlides)) {
    c.Error("slides", std::to_string(slides->size()) + " slides, more than the limit of " +
                          std::to_string(config::kMaxSlides));
  } else {
    playlist.slides.reserve(slides->size());
    for (std::size_t i = 0; i < slides->size(); ++i) {
      Slide slide;
      slide.duration = default_duration;
      CheckSlide(c, (*slides)[i], i, playlist, &slide);
      playlist.slides.push_back(std::move(slide));
    }
    std::size_t total = 0;
    for (const Slide& slide : playlist.slides) {
      total += Characters(slide.kicker) + Characters(slide.title) + Characters(slide.text);
    }
    if (total > static_cast<std::size_t>(config::kMaxPlaylistChars)) {
      c.Error("slides", std::to_string(total) + " characters in all, more than the limit of " +
                            std::to_string(config::kMaxPlaylistChars));
    }
  }
  if (!HasErrors(result.diagnostics)) result.playlist = std::move(playlist);
  return result;
}

LoadResult LoadPlaylist(const std::string& path, const FileSystem& fs) {
  std::string text;
  std::string error;
  if (!fs.ReadFile(path, config::kMaxPlaylistBytes, &text, &error)) {
    LoadResult result;
    result.diagnostics.push_back({Severity::kError, path, 0, 0, "", "cannot read: " + error});
    return result;
  }
  LoadResult result = ParsePlaylist(text, path);
  if (result.playlist && !result.playlist->theme.font_file.empty() &&
      !fs.IsReadableFile(result.playlist->theme.font_file)) {
    result.diagnostics.push_back(
        {Severity::kError, path, 0, 0, "theme.font_file",
         "cannot read font file " +
             EchoForUser(result.playlist->theme.font_file, kEchoChars, Elide::kMiddle)});
    result.playlist.reset();
  }
  return result;
}

}  // namespace kiosk
