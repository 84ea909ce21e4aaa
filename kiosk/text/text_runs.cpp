#include "text_runs.h"

#include <fribidi.h>
#include <hb.h>

#include <algorithm>

#include "utf8.h"

namespace kiosk {
namespace {

std::string ScriptTag(hb_script_t script) {
  const hb_tag_t tag = hb_script_to_iso15924_tag(script);
  char buf[5] = {static_cast<char>(tag >> 24), static_cast<char>((tag >> 16) & 0xFF),
                 static_cast<char>((tag >> 8) & 0xFF), static_cast<char>(tag & 0xFF), 0};
  return buf;
}

}  // namespace

bool IsRightToLeft(std::string_view paragraph) {
  const std::u32string text = DecodeUtf8(paragraph);
  if (text.empty()) return false;
  std::vector<FriBidiCharType> types(text.size());
  fribidi_get_bidi_types(reinterpret_cast<const FriBidiChar*>(text.data()),
                         static_cast<FriBidiStrIndex>(text.size()), types.data());
  const FriBidiParType dir =
      fribidi_get_par_direction(types.data(), static_cast<FriBidiStrIndex>(text.size()));
  return dir == FRIBIDI_PAR_RTL;
}

std::vector<TextRun> VisualRuns(std::string_view line, bool rtl_base) {
  std::vector<std::size_t> offsets;
  const std::u32string text = DecodeUtf8(line, &offsets);
  const auto len = static_cast<FriBidiStrIndex>(text.size());
  if (len == 0) return {};
  const auto* chars = reinterpret_cast<const FriBidiChar*>(text.data());

  std::vector<FriBidiCharType> types(text.size());
  std::vector<FriBidiBracketType> brackets(text.size());
  std::vector<FriBidiLevel> levels(text.size());
  fribidi_get_bidi_types(chars, len, types.data());
  fribidi_get_bracket_types(chars, len, types.data(), brackets.data());
  FriBidiParType base = rtl_base ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
  if (!fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &base,
                                           levels.data())) {
    levels.assign(text.size(), rtl_base ? 1 : 0);
  }

  // Scripts, with neutral characters (spaces, punctuation, combining marks) joining the
  // run they stand in.
  hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
  std::vector<hb_script_t> scripts(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) scripts[i] = hb_unicode_script(unicode, text[i]);
  auto neutral = [](hb_script_t s) {
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
  };
  // Neutrals take the script of their neighbour at the same embedding level: first the
  // one before, else the one after.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (neutral(scripts[i]) && i > 0 && levels[i - 1] == levels[i] && !neutral(scripts[i - 1])) {
      scripts[i] = scripts[i - 1];
    }
  }
  for (std::size_t i = text.size(); i-- > 1;) {
    if (neutral(scripts[i - 1]) && levels[i - 1] == levels[i] && !neutral(scripts[i])) {
      scripts[i - 1] = scripts[i];
    }
  }
  // Neutrals with no script beside them are one run, not one per kind: an emoji ZWJ
  // sequence (Common, Inherited, Common...) is shaped as a whole.
  for (hb_script_t& s : scripts) {
    if (neutral(s)) s = HB_SCRIPT_COMMON;
  }

  struct Logical {
    std::size_t begin, end;
    FriBidiLevel level;
  };
  std::vector<Logical> runs;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (runs.empty() || levels[i] != runs.back().level ||
        scripts[i] != scripts[runs.back().begin]) {
      runs.push_back({i, i + 1, levels[i]});
    } else {
      runs.back().end = i + 1;
    }
  }
  // Unicode rule L2: from the highest level down to the lowest odd one, reverse every
  // sequence of runs at that level or higher.
  int highest = 0;
  int lowest_odd = 127;
  for (const Logical& r : runs) {
    highest = std::max(highest, static_cast<int>(r.level));
    if (r.level % 2) lowest_odd = std::min(lowest_odd, static_cast<int>(r.level));
  }
  for (int level = highest; level >= lowest_odd && level > 0; --level) {
    for (std::size_t i = 0; i < runs.size();) {
      if (runs[i].level < level) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < runs.size() && runs[j].level >= level) ++j;
      std::reverse(runs.begin() + static_cast<long>(i), runs.begin() + static_cast<long>(j));
      i = j;
    }
  }
  std::vector<TextRun> out;
  out.reserve(runs.size());
  for (const Logical& r : runs) {
    out.push_back({std::string(line.substr(offsets[r.begin], offsets[r.end] - offsets[r.begin])),
                   (r.level % 2) != 0, ScriptTag(scripts[r.begin])});
  }
  return out;
}

}  // namespace kiosk
