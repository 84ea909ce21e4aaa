#include "field_text.h"

namespace kiosk {
namespace {

// Placeholder i is U+10FF00 + i: UTF-8 F4 8F (BC + i / 64) (80 + i % 64).
constexpr char kLead0 = '\xF4';
constexpr char kLead1 = '\x8F';

bool IsPlaceholderAt(std::string_view text, std::size_t pos, std::size_t* index) {
  if (pos + 4 > text.size() || text[pos] != kLead0 || text[pos + 1] != kLead1) return false;
  const auto b2 = static_cast<unsigned char>(text[pos + 2]);
  const auto b3 = static_cast<unsigned char>(text[pos + 3]);
  if (b2 < 0xBC || b2 > 0xBF || b3 < 0x80 || b3 > 0xBF) return false;
  *index = (b2 - 0xBCu) * 64u + (b3 - 0x80u);
  return true;
}

std::string Placeholder(std::size_t i) {
  std::string s = {kLead0, kLead1, static_cast<char>(0xBC + i / 64),
                   static_cast<char>(0x80 + i % 64)};
  return s;
}

// The text with any of our placeholders an author wrote replaced by U+FFFD.
std::string Sanitised(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t index = 0;
    if (IsPlaceholderAt(text, i, &index)) {
      out += "\xEF\xBF\xBD";
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string PlaceholderText(std::string_view text, std::vector<Field>* fields) {
  std::vector<TextPart> parts;
  std::string error;
  if (!MayHaveFields(text) || !ParseFields(text, &parts, &error)) return Sanitised(text);
  std::string out;
  for (const TextPart& part : parts) {
    if (!part.field) {
      out += Sanitised(part.literal);
    } else if (fields->size() >= kMaxPlaceholders) {
      out += "\xE2\x80\x93";
    } else {
      out += Placeholder(fields->size());
      fields->push_back(*part.field);
    }
  }
  return out;
}

bool HasPlaceholder(std::string_view text) {
  for (std::size_t pos = text.find(kLead0); pos != std::string_view::npos;
       pos = text.find(kLead0, pos + 1)) {
    std::size_t index = 0;
    if (IsPlaceholderAt(text, pos, &index)) return true;
  }
  return false;
}

std::string FillPlaceholders(std::string_view text, const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t index = 0;
    if (IsPlaceholderAt(text, i, &index)) {
      if (index < values.size()) out += values[index];
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> FieldValues(const std::vector<Field>& fields, const WallTime& wall,
                                     const TimeZone& zone, std::string_view lang) {
  std::vector<std::string> values;
  values.reserve(fields.size());
  for (const Field& f : fields) values.push_back(FormatField(f, wall, zone, lang));
  return values;
}

Millis NextChange(const std::vector<Field>& fields, const WallTime& wall, const TimeZone& zone) {
  Millis soonest = -1;
  for (const Field& f : fields) {
    const Millis t = NextFieldChange(f, wall, zone);
    if (t >= 0 && (soonest < 0 || t < soonest)) soonest = t;
  }
  return soonest;
}

std::string FillFields(std::string_view text, const WallTime& wall, const TimeZone& zone,
                       std::string_view lang) {
  std::vector<TextPart> parts;
  std::string error;
  if (!MayHaveFields(text) || !ParseFields(text, &parts, &error)) return std::string(text);
  std::string out;
  for (const TextPart& part : parts) {
    out += part.field ? FormatField(*part.field, wall, zone, lang) : part.literal;
  }
  return out;
}

Millis NextFieldsChange(std::string_view text, const WallTime& wall, const TimeZone& zone) {
  std::vector<TextPart> parts;
  std::string error;
  if (!MayHaveFields(text) || !ParseFields(text, &parts, &error)) return -1;
  std::vector<Field> fields;
  for (const TextPart& part : parts) {
    if (part.field) fields.push_back(*part.field);
  }
  return NextChange(fields, wall, zone);
}

const std::string& FieldMeasurer::Widest(std::size_t i, FontStyle style, int px) {
  const auto key = std::make_tuple(i, style, px);
  if (auto it = widest_.find(key); it != widest_.end()) return it->second;
  // The font's widest digit first (DejaVu's are all one width; others need not be).
  char digit = '0';
  int digit_w = -1;
  for (char d = '0'; d <= '9'; ++d) {
    const int w = inner_.Width(std::string_view(&d, 1), style, px);
    if (w > digit_w) {
      digit_w = w;
      digit = d;
    }
  }
  std::string best;
  int best_w = -1;
  for (std::string& shape : FieldShapes(fields_.at(i), lang_, digit)) {
    const int w = inner_.Width(shape, style, px);
    if (w > best_w) {
      best_w = w;
      best = std::move(shape);
    }
  }
  return widest_.emplace(key, std::move(best)).first->second;
}

int FieldMeasurer::Width(std::string_view text, FontStyle style, int px) {
  if (!HasPlaceholder(text)) return inner_.Width(text, style, px);
  std::string expanded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t index = 0;
    if (IsPlaceholderAt(text, i, &index)) {
      if (index < fields_.size()) expanded += Widest(index, style, px);
      i += 3;
    } else {
      expanded += text[i];
    }
  }
  return inner_.Width(expanded, style, px);
}

}  // namespace kiosk
