#include "playlist.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "config.h"
#include "contrast.h"
#include "fields.h"
#include "json_keys.h"
#include "playlist_time.h"

namespace kiosk {
namespace {

using nlohmann::json;

constexpr std::string_view kTopKeys[] = {
    "$schema", "lang",       "duration", "transition",   "progress", "counter", "theme",
    "slides",  "error_mark", "sync",     "announcement", "timezone", "when"};
constexpr std::string_view kThemeKeys[] = {
    "background", "foreground",    "accent",        "font",         "font_file", "margin",
    "align",      "max_text_size", "min_text_size", "uniform_size", "logo"};
constexpr std::string_view kSlideKeys[] = {"kicker",     "title", "text", "duration",  "align",
                                           "background", "image", "qr",   "programme", "when"};
constexpr std::string_view kProgrammeKeys[] = {"file", "room"};
constexpr std::string_view kImageKeys[] = {"file", "fit", "focus", "position"};
constexpr std::string_view kBackdropKeys[] = {"file", "fit", "focus", "overlay"};
constexpr std::string_view kQrKeys[] = {"text", "caption", "position"};
constexpr std::string_view kLogoKeys[] = {"file", "corner", "size"};
constexpr std::string_view kWhenKeys[] = {"from", "until", "dates", "weekdays", "times"};

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
      std::string_view best;
      std::size_t best_distance = 3;  // at most 2 edits, and fewer than the key has letters
      for (std::string_view k : known) {
        // The length difference bounds the distance: a huge key costs nothing here.
        const std::size_t longer = std::max(key.size(), k.size());
        if (longer - std::min(key.size(), k.size()) > 2) continue;
        const std::size_t distance = EditDistance(key, k);
        if (distance < best_distance && distance < key.size()) {
          best = k;
          best_distance = distance;
        }
      }
      if (!best.empty()) message += " (did you mean \"" + std::string(best) + "\"?)";
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
      Error(Join(path, key), "must be a string, not " + JsonTypeName(*it));
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
      Error(Join(path, key), "must be true or false, not " + JsonTypeName(*it));
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
      Error(Join(path, rule.key), must + JsonTypeName(*it));
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

// A file named in the playlist, relative to its directory (as font_file).
std::string ResolveFile(const std::string& name, const std::string& playlist_file) {
  std::filesystem::path p(name);
  if (p.is_relative()) p = std::filesystem::path(playlist_file).parent_path() / p;
  return p.lexically_normal().string();
}

// One of a few words: `must be "a", "b" or "c", not "x"`.
template <typename T, std::size_t N>
void WordValue(Checker& c, const json& obj, const std::string& path, std::string_view key,
               const std::pair<std::string_view, T> (&words)[N], T* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return;
  std::string s;
  c.String(obj, path, key, &s);
  if (!it->is_string()) return;
  for (const auto& [word, value] : words) {
    if (s == word) {
      *out = value;
      return;
    }
  }
  std::string must = "must be ";
  for (std::size_t i = 0; i < N; ++i) {
    must += (i == 0       ? ""
             : i + 1 == N ? " or "
                          : ", ") +
            ("\"" + std::string(words[i].first)) + "\"";
  }
  c.Error(Checker::Join(path, key), must + ", not \"" + EchoForUser(s) + "\"");
}

constexpr std::pair<std::string_view, bool> kFits[] = {{"contain", false}, {"cover", true}};
constexpr std::pair<std::string_view, ImagePosition> kPositions[] = {
    {"auto", ImagePosition::kAuto},
    {"left", ImagePosition::kLeft},
    {"right", ImagePosition::kRight},
    {"above", ImagePosition::kAbove},
    {"below", ImagePosition::kBelow}};
constexpr std::pair<std::string_view, Corner> kCorners[] = {{"top-left", Corner::kTopLeft},
                                                            {"top-right", Corner::kTopRight},
                                                            {"bottom-left", Corner::kBottomLeft},
                                                            {"bottom-right", Corner::kBottomRight}};

// A picture file: a string that is not empty (and holds no NUL), resolved.
bool FileName(Checker& c, const json& v, const std::string& path, const std::string& playlist_file,
              std::string* out) {
  if (!v.is_string()) {
    c.Error(path, "must be a file name (a string), not " + JsonTypeName(v));
    return false;
  }
  const auto& s = v.get_ref<const std::string&>();
  if (s.empty()) {
    c.Error(path, "must name a picture file, not \"\"");
    return false;
  }
  if (s.find('\0') != std::string::npos) {
    c.Error(path, "must not contain a NUL character (\\u0000)");
    return false;
  }
  *out = ResolveFile(s, playlist_file);
  return true;
}

// "file" (required), "fit" and "focus" of a picture object.
bool PictureObject(Checker& c, const json& obj, const std::string& path,
                   const std::string& playlist_file, PictureRef* out) {
  bool ok = true;
  if (auto it = obj.find("file"); it == obj.end()) {
    c.Error(path, "needs a \"file\"");
    ok = false;
  } else {
    ok = FileName(c, *it, path + ".file", playlist_file, &out->file);
  }
  const std::size_t before = c.errors();
  WordValue(c, obj, path, "fit", kFits, &out->cover);
  if (auto it = obj.find("focus"); it != obj.end()) {
    const json& f = *it;
    const auto share = [](const json& n) {
      return n.is_number() && n.get<double>() >= 0 && n.get<double>() <= 1;
    };
    if (f.is_array() && f.size() == 2 && share(f[0]) && share(f[1])) {
      out->focus_x = f[0].get<double>();
      out->focus_y = f[1].get<double>();
    } else {
      c.Error(
          path + ".focus",
          "must be [x, y], the point to keep in view, each from 0 to 1 (0, 0: top left), "
          "not " +
              (f.is_array() ? EchoForUser(f.dump(-1, ' ', false, json::error_handler_t::replace))
                            : JsonTypeName(f)));
    }
  }
  return ok && c.errors() == before;
}

const char* kNotAPictureOrObject = "must be a picture file or an object with a \"file\", not ";

bool IsPictureFileName(std::string_view name) {
  std::string lower(name.substr(name.size() < 5 ? 0 : name.size() - 5));
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (std::string_view ext : {".png", ".jpg", ".jpeg", ".webp"}) {
    if (lower.size() >= ext.size() &&
        lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0)
      return true;
  }
  return false;
}

// A background: a colour ("#..."), a picture file (a name ending in .png, .jpg, .jpeg or
// .webp), or {"file", "fit", "focus", "overlay"}. Pictures are covered by default and get
// an overlay that keeps `text` readable. A colour goes to *color when that is given (the
// theme), else into a Backdrop without a picture (a slide).
void BackgroundValue(Checker& c, const json& v, const std::string& path,
                     const std::string& playlist_file, Color text, Color* color,
                     std::optional<Backdrop>* out) {
  Backdrop backdrop;
  backdrop.picture.cover = true;
  backdrop.overlay = DefaultOverlay(text);
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (!s.empty() && s[0] == '#') {
      const std::optional<Color> parsed = ParseColor(s);
      if (!parsed) {
        c.Error(path, "must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or #rrggbbaa), not \"" +
                          EchoForUser(s) + "\"");
        return;
      }
      if (color) {
        *color = *parsed;
      } else {
        backdrop.picture = {};
        backdrop.overlay = *parsed;
        *out = backdrop;
      }
      return;
    }
    if (!IsPictureFileName(s)) {
      c.Error(path,
              "must be a colour like \"#1e2a3b\" (#rgb, #rrggbb or #rrggbbaa) or a picture "
              "file (.png, .jpg, .jpeg, .webp), not \"" +
                  EchoForUser(s) + "\"");
      return;
    }
    if (FileName(c, v, path, playlist_file, &backdrop.picture.file)) *out = backdrop;
    return;
  }
  if (!v.is_object()) {
    c.Error(path,
            "must be a colour (\"#1e2a3b\"), a picture file or an object with a \"file\", "
            "not " +
                JsonTypeName(v));
    return;
  }
  c.UnknownKeys(v, path, kBackdropKeys);
  const std::size_t before = c.errors();
  const bool ok = PictureObject(c, v, path, playlist_file, &backdrop.picture);
  c.ColorValue(v, path, "overlay", &backdrop.overlay);
  if (ok && c.errors() == before) *out = backdrop;
}

void ImageValue(Checker& c, const json& v, const std::string& path,
                const std::string& playlist_file, std::optional<ImageElement>* out) {
  ImageElement image;
  if (v.is_string()) {
    if (FileName(c, v, path, playlist_file, &image.picture.file)) *out = image;
    return;
  }
  if (!v.is_object()) {
    c.Error(path, kNotAPictureOrObject + JsonTypeName(v));
    return;
  }
  c.UnknownKeys(v, path, kImageKeys);
  const std::size_t before = c.errors();
  const bool ok = PictureObject(c, v, path, playlist_file, &image.picture);
  WordValue(c, v, path, "position", kPositions, &image.position);
  if (ok && c.errors() == before) *out = image;
}

void LogoValue(Checker& c, const json& v, const std::string& playlist_file,
               std::optional<Logo>* out) {
  const std::string path = "theme.logo";
  Logo logo;
  logo.size = config::kLogoSize;
  if (v.is_string()) {
    if (FileName(c, v, path, playlist_file, &logo.picture.file)) *out = logo;
    return;
  }
  if (!v.is_object()) {
    c.Error(path, kNotAPictureOrObject + JsonTypeName(v));
    return;
  }
  c.UnknownKeys(v, path, kLogoKeys);
  const std::size_t before = c.errors();
  bool ok = true;
  if (auto it = v.find("file"); it == v.end()) {
    c.Error(path, "needs a \"file\"");
    ok = false;
  } else {
    ok = FileName(c, *it, path + ".file", playlist_file, &logo.picture.file);
  }
  WordValue(c, v, path, "corner", kCorners, &logo.corner);
  c.Number(v, path, Rule("theme.logo", "size"), &logo.size);
  if (ok && c.errors() == before) *out = logo;
}

void CheckTheme(Checker& c, const json& theme, const std::string& file, Theme* out) {
  const std::string path = "theme";
  if (!theme.is_object()) {
    c.Error(path, "must be an object, not " + JsonTypeName(theme));
    return;
  }
  c.UnknownKeys(theme, path, kThemeKeys);
  const auto background = theme.find("background");
  if (background != theme.end()) {
    BackgroundValue(c, *background, "theme.background", file, out->foreground, &out->background,
                    &out->background_picture);
  }
  c.ColorValue(theme, path, "foreground", &out->foreground);
  if (out->background_picture && !background->contains("overlay")) {
    out->background_picture->overlay = DefaultOverlay(out->foreground);  // for this text colour
  }
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
  if (auto it = theme.find("logo"); it != theme.end()) LogoValue(c, *it, file, &out->logo);
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

// Live fields ({time}, {until ...}: fields.h) in a slide's texts and the announcement.
void CheckFields(Checker& c, const std::string& path, std::string_view key,
                 const std::string& text) {
  std::vector<TextPart> parts;
  std::string error;
  if (MayHaveFields(text) && !ParseFields(text, &parts, &error)) {
    c.Error(Checker::Join(path, key), error);
  }
}

void QrValue(Checker& c, const json& v, const std::string& path, std::optional<QrElement>* out) {
  QrElement qr;
  const std::size_t before = c.errors();
  std::string text_path = path;
  if (v.is_string()) {
    qr.text = v.get<std::string>();
  } else if (v.is_object()) {
    c.UnknownKeys(v, path, kQrKeys);
    if (!v.contains("text")) c.Error(path, "needs a \"text\" (the text or URL to encode)");
    c.String(v, path, "text", &qr.text);
    c.String(v, path, "caption", &qr.caption);
    CheckTextLength(c, path, "caption", qr.caption);
    WordValue(c, v, path, "position", kPositions, &qr.position);
    text_path = path + ".text";
  } else {
    c.Error(path, "must be a text or URL to encode, or an object with a \"text\", not " +
                      JsonTypeName(v));
    return;
  }
  if (c.errors() != before) return;
  if (qr.text.empty()) {
    c.Error(text_path, "is empty: a QR code needs a text or URL");
  } else if (qr.text.find('\0') != std::string::npos) {
    c.Error(text_path, "must not contain a NUL character (\\u0000)");
  } else if (qr.text.size() > static_cast<std::size_t>(config::kMaxQrBytes)) {
    c.Error(text_path, std::to_string(qr.text.size()) + " bytes, more than a QR code can hold (" +
                           std::to_string(config::kMaxQrBytes) +
                           " at error correction level M): link to the text instead");
  } else {
    *out = std::move(qr);
  }
}

// "programme": "schedule.json" (every room) or {"file", "room"}.
void ProgrammeValue(Checker& c, const json& v, const std::string& path,
                    const std::string& playlist_file, std::optional<ProgrammeRef>* out) {
  ProgrammeRef ref;
  const json* file = &v;
  if (v.is_object()) {
    c.UnknownKeys(v, path, kProgrammeKeys);
    const auto it = v.find("file");
    if (it == v.end()) {
      c.Error(path, "needs a \"file\" (the schedule.json that frab or pretalx export)");
      return;
    }
    file = &*it;
    c.String(v, path, "room", &ref.room);
    if (ref.room == "*") ref.room.clear();
  } else if (!v.is_string()) {
    c.Error(path, "must be a schedule file name or {\"file\", \"room\"}, not " + JsonTypeName(v));
    return;
  }
  const std::string at = v.is_object() ? path + ".file" : path;
  if (!file->is_string() || file->get_ref<const std::string&>().empty()) {
    c.Error(at, "must name a schedule file (like \"schedule.json\"), not " +
                    (file->is_string() ? std::string("\"\"") : JsonTypeName(*file)));
    return;
  }
  if (file->get_ref<const std::string&>().find('\0') != std::string::npos) {
    c.Error(at, "must not contain a NUL character (\\u0000)");
    return;
  }
  ref.file = ResolveFile(file->get<std::string>(), playlist_file);
  *out = std::move(ref);
}

// "when" (playlist_time.h), its problems as this file's.
void WhenValue(Checker& c, const json& v, const std::string& path, TimeRule* out) {
  std::vector<TimeProblem> problems;
  ParseWhen(v, path, out, &problems);
  for (TimeProblem& p : problems) c.Error(std::move(p.path), std::move(p.message));
  if (v.is_object()) c.UnknownKeys(v, path, kWhenKeys);
}

void CheckSlide(Checker& c, const json& s, std::size_t index, const Playlist& playlist,
                Slide* out) {
  const std::string path = "slides[" + std::to_string(index) + "]";
  if (!s.is_object()) {
    c.Error(path, "must be an object with a \"text\", not " + JsonTypeName(s));
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
  for (const auto& [key, text] : {std::pair{"kicker", &out->kicker},
                                  std::pair{"title", &out->title}, std::pair{"text", &out->text}}) {
    CheckFields(c, path, key, *text);
  }
  const std::size_t errors_before_duration = c.errors();
  c.Number(s, path, Rule("slides[]", "duration"), &out->duration);
  if (s.contains("duration") && c.errors() == errors_before_duration &&
      out->duration < playlist.transition) {
    c.Error(path + ".duration", NeverStill(out->duration, playlist.transition));
  }
  c.AlignValue(s, path, &out->align);
  if (auto it = s.find("background"); it != s.end()) {
    BackgroundValue(c, *it, path + ".background", playlist.path, playlist.theme.foreground, nullptr,
                    &out->background);
  }
  if (auto it = s.find("image"); it != s.end()) {
    ImageValue(c, *it, path + ".image", playlist.path, &out->image);
  }
  if (auto it = s.find("qr"); it != s.end()) QrValue(c, *it, path + ".qr", &out->qr);
  if (auto it = s.find("when"); it != s.end()) WhenValue(c, *it, path + ".when", &out->when);
  if (s.contains("image") && s.contains("qr")) {
    c.Error(path,
            "has both an \"image\" and a \"qr\": one picture a slide (put the QR code on "
            "a slide of its own)");
  }
  if (auto it = s.find("programme"); it != s.end()) {
    ProgrammeValue(c, *it, path + ".programme", playlist.path, &out->programme);
  }
  const bool picture = s.contains("image") || s.contains("qr") || s.contains("programme");
  if (!rejected && !picture && out->title.empty() && out->text.empty()) {
    if (!s.contains("title") && !s.contains("text")) {
      c.Error(path, "needs a \"text\" (or a \"title\", an \"image\" or a \"qr\")");
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
      {"theme.logo", "size", 0, true, config::kMaxLogoSize, NumberRule::kShare},
  };
  return kRules;
}

std::span<const std::string_view> KnownKeys(std::string_view object) {
  if (object == "theme") return kThemeKeys;
  if (object == "slides[]") return kSlideKeys;
  if (object == "theme.logo") return kLogoKeys;
  if (object == "slides[].image") return kImageKeys;
  if (object == "slides[].qr") return kQrKeys;
  if (object == "slides[].programme") return kProgrammeKeys;
  if (object == "background") return kBackdropKeys;
  if (object == "when") return kWhenKeys;
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
    c.Error("(top level)", "must be an object with a \"slides\" array, not " + JsonTypeName(root));
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
  CheckFields(c, "", "announcement", playlist.announcement);
  if (auto it = root.find("timezone"); it != root.end()) {
    std::vector<TimeProblem> problems;
    ParseTimezone(*it, &playlist.timezone, &problems);
    for (TimeProblem& p : problems) c.Error(std::move(p.path), std::move(p.message));
  }
  if (auto it = root.find("when"); it != root.end()) WhenValue(c, *it, "when", &playlist.when);
  if (auto it = root.find("theme"); it != root.end()) CheckTheme(c, *it, file, &playlist.theme);

  auto slides = root.find("slides");
  if (slides == root.end()) {
    c.Error("slides", "missing: the playlist needs a \"slides\" array");
  } else if (!slides->is_array()) {
    c.Error("slides", "must be an array of slides, not " + JsonTypeName(*slides));
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
