// The control socket's protocol (`kiosk ctl`, README "Remote control"), without the
// socket: one request a line, as JSON (`{"cmd": "goto", "slide": 3}`) or as bare words
// (`goto 3`), becomes the Action a key would give, so remote commands and keys share one
// path (ApplyAction). Every reply is one line of JSON: {"ok": true} or
// {"ok": false, "error": "..."}; what a reply repeats from the request is escaped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "input.h"

namespace kiosk {

struct ControlRequest {
  bool status = false;  // "status": answered with the show's state; changes nothing
  Action action;        // everything else: what the show is asked to do
  bool operator==(const ControlRequest&) const = default;
};

// One request line (without its newline; a trailing '\r' is ignored). `slide_count`
// bounds goto. False with *error, the text of the error reply, if the line is not a
// request: then nothing may change.
bool ParseControlLine(std::string_view line, std::size_t slide_count, ControlRequest* out,
                      std::string* error);

// The commands, in the README's order ("next", "prev", "goto", ...).
std::vector<std::string_view> ControlCommandNames();

// The replies, one line each, without the newline.
std::string ControlOkReply();
std::string ControlErrorReply(std::string_view error);

}  // namespace kiosk
