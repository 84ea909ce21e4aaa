#include "json_keys.h"

#include <nlohmann/json.hpp>
#include <set>

#include "diagnostics.h"

namespace kiosk {

std::string JsonTypeName(const nlohmann::json& value) {
  using nlohmann::json;
  switch (value.type()) {
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
namespace {

using nlohmann::json;

// A SAX handler that keeps, per open object or array, only its own step of the path (so
// 100 000 levels cost 100 000 short strings, not their quadratic concatenation), and builds
// a whole path only for a duplicate.
class DuplicateFinder {
 public:
  DuplicateFinder(std::size_t limit, std::vector<std::string>* out) : limit_(limit), out_(out) {}

  // Characters of path text built so far: what would grow quadratically if each level
  // kept its whole path.
  std::size_t work() const { return work_; }

  bool null() { return Value(); }
  bool boolean(bool) { return Value(); }
  bool number_integer(json::number_integer_t) { return Value(); }
  bool number_unsigned(json::number_unsigned_t) { return Value(); }
  bool number_float(json::number_float_t, const json::string_t&) { return Value(); }
  bool string(json::string_t&) { return Value(); }
  bool binary(json::binary_t&) { return Value(); }
  bool start_object(std::size_t) { return Open(true); }
  bool start_array(std::size_t) { return Open(false); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(json::string_t& key) {
    Level& level = levels_.back();
    level.key = EchoForUser(key);  // only ever shown to people
    work_ += level.key.size();
    if (!level.keys.insert(key).second) {
      out_->push_back(PathTo(levels_.size()));
      if (out_->size() >= limit_) return false;  // enough to act on
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }

 private:
  struct Level {
    bool object = false;
    std::string step;  // how the parent reaches this level: ".key", "key" or "[3]"
    std::set<std::string> keys;
    std::string key;        // objects: the key whose value comes next
    std::size_t index = 0;  // arrays: the index of the next element
  };

  // The step from the innermost open level to the value that starts now.
  std::string NextStep() const {
    if (levels_.empty()) return "";
    const Level& parent = levels_.back();
    if (!parent.object) return "[" + std::to_string(parent.index) + "]";
    return (levels_.size() == 1 ? "" : ".") + parent.key;
  }
  bool Value() {
    if (!levels_.empty() && !levels_.back().object) ++levels_.back().index;
    return true;
  }
  bool Open(bool object) {
    Level level;
    level.object = object;
    level.step = NextStep();
    work_ += level.step.size();
    levels_.push_back(std::move(level));
    return true;
  }
  bool Close() {
    levels_.pop_back();
    return Value();
  }
  // The path of the current key in the level `depth` (1-based) deep.
  std::string PathTo(std::size_t depth) const {
    std::string path;
    for (std::size_t i = 0; i < depth; ++i) path += levels_[i].step;
    path += (depth == 1 ? "" : ".") + levels_[depth - 1].key;
    work_ += path.size();
    return path;
  }

  std::size_t limit_;
  std::vector<std::string>* out_;
  std::vector<Level> levels_;
  mutable std::size_t work_ = 0;
};

}  // namespace

std::vector<std::string> FindDuplicateKeys(std::string_view json_text, std::size_t limit,
                                           std::size_t* work) {
  std::vector<std::string> out;
  if (limit == 0) return out;
  DuplicateFinder finder(limit, &out);
  json::sax_parse(json_text.begin(), json_text.end(), &finder);
  if (work) *work = finder.work();
  return out;
}

}  // namespace kiosk
