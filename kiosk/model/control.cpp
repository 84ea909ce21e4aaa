#include "control.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

#include "config.h"
#include "diagnostics.h"
#include "utf8.h"

namespace kiosk {
namespace {

using nlohmann::json;

// What each command takes besides "cmd".
enum class Args { kNone, kSlide, kAnnouncement };

struct ControlCommand {
  std::string_view name;
  Command command;
  Args args;
};

// The one table of remote commands (the README's "Remote control" lists them).
constexpr ControlCommand kCommands[] = {
    {"next", Command::kNext, Args::kNone},
    {"prev", Command::kPrevious, Args::kNone},
    {"goto", Command::kJump, Args::kSlide},
    {"pause", Command::kPause, Args::kNone},
    {"resume", Command::kResume, Args::kNone},
    {"black", Command::kBlack, Args::kNone},
    {"reload", Command::kReload, Args::kNone},
    {"status", Command::kNone, Args::kNone},
    {"announce", Command::kAnnounce, Args::kAnnouncement},
    {"clear", Command::kClearAnnouncement, Args::kNone},
};

const ControlCommand* Find(std::string_view name) {
  for (const ControlCommand& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

bool Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

std::string Quoted(std::string_view text) { return "\"" + EchoForUser(text) + "\""; }

std::string SlideRange(std::size_t count) {
  return "a slide number from 1 to " + std::to_string(count);
}

// The request for `c` once its arguments are read.
ControlRequest Request(const ControlCommand& c) {
  ControlRequest r;
  r.status = c.name == "status";
  r.action = Action(c.command);
  return r;
}

bool SetSlide(const ControlCommand& c, std::optional<long long> n, std::size_t count,
              ControlRequest* out, std::string* error) {
  if (!n || *n < 1 || static_cast<unsigned long long>(*n) > count) {
    return Fail(error, "goto: \"slide\" must be " + SlideRange(count));
  }
  *out = Request(c);
  out->action.slide = static_cast<std::size_t>(*n - 1);
  return true;
}

// DecodeNext gives U+FFFD for a byte that is not UTF-8: only a real U+FFFD may give it.
bool IsUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = i;
    if (DecodeNext(s, &i) == U'\uFFFD' && s.substr(at, 3) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

bool SetText(std::string_view text, ControlRequest* out, std::string* error) {
  if (text.empty()) return Fail(error, "announce: \"text\" is empty");
  if (!IsUtf8(text)) return Fail(error, "announce: \"text\" is not UTF-8");
  const std::u32string decoded = DecodeUtf8(text);
  if (decoded.size() > static_cast<std::size_t>(config::kAnnouncementMaxChars)) {
    return Fail(error, "announce: \"text\": " + std::to_string(decoded.size()) +
                           " characters, more than the limit of " +
                           std::to_string(config::kAnnouncementMaxChars));
  }
  out->action.text = std::string(text);
  return true;
}

bool ParseJson(std::string_view line, std::size_t count, ControlRequest* out, std::string* error) {
  json j;
  try {
    j = json::parse(line);
  } catch (const json::parse_error& e) {
    return Fail(error, "invalid JSON at byte " + std::to_string(e.byte));
  }
  if (!j.is_object()) return Fail(error, "expected a JSON object such as {\"cmd\": \"next\"}");
  const auto cmd = j.find("cmd");
  if (cmd == j.end()) return Fail(error, "missing \"cmd\"");
  if (!cmd->is_string()) return Fail(error, "\"cmd\" must be a string");
  const std::string& name = cmd->get_ref<const std::string&>();
  const ControlCommand* c = Find(name);
  if (!c) return Fail(error, "unknown command " + Quoted(name));
  for (const auto& [key, value] : j.items()) {
    const bool known = key == "cmd" || (c->args == Args::kSlide && key == "slide") ||
                       (c->args == Args::kAnnouncement && (key == "text" || key == "for"));
    if (!known) return Fail(error, std::string(c->name) + ": unknown key " + Quoted(key));
  }
  switch (c->args) {
    case Args::kNone:
      *out = Request(*c);
      return true;
    case Args::kSlide: {
      const auto slide = j.find("slide");
      if (slide == j.end()) return Fail(error, "goto: missing \"slide\", " + SlideRange(count));
      std::optional<long long> n;
      if (slide->is_number_integer()) n = slide->get<long long>();
      return SetSlide(*c, n, count, out, error);
    }
    case Args::kAnnouncement: {
      const auto text = j.find("text");
      if (text == j.end()) return Fail(error, "announce: missing \"text\"");
      if (!text->is_string()) return Fail(error, "announce: \"text\" must be a string");
      ControlRequest r = Request(*c);
      if (!SetText(text->get_ref<const std::string&>(), &r, error)) return false;
      if (const auto seconds = j.find("for"); seconds != j.end()) {
        const double max = config::kAnnouncementMaxSeconds;
        if (!seconds->is_number() || !(seconds->get<double>() >= 1) ||
            !(seconds->get<double>() <= max)) {
          return Fail(error, "announce: \"for\" must be a number of seconds from 1 to " +
                                 std::to_string(static_cast<long long>(max)));
        }
        r.action.for_ms = std::llround(seconds->get<double>() * 1000.0);
      }
      *out = std::move(r);
      return true;
    }
  }
  return false;
}

// "goto 3", "announce Workshop 3 in Raum B": the command, then its argument.
bool ParseWords(std::string_view line, std::size_t count, ControlRequest* out, std::string* error) {
  const std::size_t space = line.find(' ');
  const std::string_view name = line.substr(0, space);
  std::string_view rest = space == line.npos ? std::string_view() : line.substr(space + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const ControlCommand* c = Find(name);
  if (!c) return Fail(error, "unknown command " + Quoted(name));
  switch (c->args) {
    case Args::kNone:
      if (!rest.empty()) return Fail(error, std::string(c->name) + ": takes no argument");
      *out = Request(*c);
      return true;
    case Args::kSlide: {
      std::optional<long long> n;
      if (!rest.empty() && rest.size() <= 18 && rest.find_first_not_of("0123456789") == rest.npos) {
        n = std::stoll(std::string(rest));
      }
      return SetSlide(*c, n, count, out, error);
    }
    case Args::kAnnouncement: {
      ControlRequest r = Request(*c);
      if (!SetText(rest, &r, error)) return false;
      *out = std::move(r);
      return true;
    }
  }
  return false;
}

}  // namespace

bool ParseControlLine(std::string_view line, std::size_t slide_count, ControlRequest* out,
                      std::string* error) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::size_t first = 0;
  while (first < line.size() && (line[first] == ' ' || line[first] == '\t')) ++first;
  line.remove_prefix(first);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  if (line.empty()) return Fail(error, "empty request");
  if (line.front() == '{' || line.front() == '[' || line.front() == '"') {
    return ParseJson(line, slide_count, out, error);
  }
  return ParseWords(line, slide_count, out, error);
}

std::vector<std::string_view> ControlCommandNames() {
  std::vector<std::string_view> names;
  for (const ControlCommand& c : kCommands) names.push_back(c.name);
  return names;
}

std::string ControlOkReply() { return R"({"ok":true})"; }

std::string ControlErrorReply(std::string_view error) {
  // The messages escape what they quote; dump escapes the rest (and any invalid UTF-8).
  nlohmann::ordered_json reply;
  reply["ok"] = false;
  reply["error"] = std::string(error);
  return reply.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace kiosk
