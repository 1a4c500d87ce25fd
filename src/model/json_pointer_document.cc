// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "model/json_pointer_document.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace leadscore {
namespace internal {

std::string ChildPointer(const std::string& ptr, absl::string_view key) {
  std::string out = ptr;
  out.push_back('/');
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string ChildPointer(const std::string& ptr, size_t index) {
  return absl::StrCat(ptr, "/", index);
}

size_t JsonPointerDocument::Rank(absl::string_view pointer) const {
  while (true) {
    auto it = order.find(pointer);
    if (it != order.end()) return it->second;
    const size_t slash = pointer.rfind('/');
    if (slash == absl::string_view::npos) return 0;
    pointer = pointer.substr(0, slash);
  }
}

namespace {

using json = nlohmann::json;

// The JSON pointer of the value being read at byte `pos` of `text`, found by
// scanning the text before it. A parse error stops the SAX parser anywhere
// (inside a key, between a key and its value), and this names the place the
// way a person reads the text up to it.
std::string PointerAt(absl::string_view text, size_t pos) {
  struct Frame {
    bool object = false;
    size_t index = 0;
    std::string key;
    bool expecting_key = true;
  };
  std::vector<Frame> stack;
  pos = std::min(pos, text.size());
  for (size_t i = 0; i < pos; ++i) {
    const char c = text[i];
    if (c == '"') {
      std::string value;
      for (++i; i < pos && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < pos) ++i;  // keep the escaped char
        value.push_back(text[i]);
      }
      if (!stack.empty() && stack.back().object && stack.back().expecting_key) {
        stack.back().key = std::move(value);
      }
    } else if (c == '{' || c == '[') {
      Frame f;
      f.object = c == '{';
      stack.push_back(std::move(f));
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    } else if (c == ':' && !stack.empty()) {
      stack.back().expecting_key = false;
    } else if (c == ',' && !stack.empty()) {
      if (stack.back().object) {
        stack.back().expecting_key = true;
        stack.back().key.clear();
      } else {
        ++stack.back().index;
      }
    }
  }
  std::string ptr;
  for (const Frame& f : stack) {
    if (!f.object) {
      ptr = ChildPointer(ptr, f.index);
    } else if (!f.expecting_key) {
      ptr = ChildPointer(ptr, f.key);
    }
  }
  return ptr;
}

// Byte offset of the bracket that opens nesting level max_depth + 1 (strings
// skipped), or text.size() if there is none.
size_t TooDeepAt(absl::string_view text, size_t max_depth) {
  size_t depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

// Shortens the text nlohmann quotes after `marker` ("last read: '...'",
// "number overflow parsing '...'") to `max` bytes.
void CapQuoted(std::string* message, absl::string_view marker, size_t max) {
  const size_t start = message->find(std::string(marker));
  if (start == std::string::npos) return;
  const size_t from = start + marker.size();
  const size_t end = message->rfind('\'');
  if (end == std::string::npos || end < from || end - from <= max) return;
  message->replace(from + max, end - from - max, "...");
}

// Builds the DOM as nlohmann's own DOM parser does (a key given twice keeps
// its later value), keeps a parse error instead of throwing, stops at
// `max_depth` levels, and optionally records every value's pointer.
class DocumentBuilder final : public json::json_sax_t {
 public:
  DocumentBuilder(const ParseOptions& options, JsonPointerDocument* doc)
      : options_(options), doc_(doc) {}

  bool null() override { return Value(json(nullptr)); }
  bool boolean(bool v) override { return Value(json(v)); }
  bool number_integer(number_integer_t v) override { return Value(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Value(json(v)); }
  bool number_float(number_float_t v, const string_t& /*text*/) override {
    return Value(json(v));
  }
  bool string(string_t& v) override { return Value(json(std::move(v))); }
  bool binary(binary_t& v) override {
    return Value(json::binary(std::move(v)));
  }

  bool start_object(std::size_t /*elements*/) override {
    return Open(json::object(), /*object=*/true);
  }
  bool key(string_t& k) override {
    element_ = &(*containers_.back())[k];
    if (options_.record_pointers) frames_.back().key = std::move(k);
    return true;
  }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t /*elements*/) override {
    return Open(json::array(), /*object=*/false);
  }
  bool end_array() override { return Close(); }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const json::exception& e) override {
    position_ = position;
    detail_ = e.what();
    const size_t p = detail_.find("] ");
    if (p != std::string::npos) detail_ = detail_.substr(p + 2);
    CapQuoted(&detail_, "last read: '", 40);
    CapQuoted(&detail_, "number overflow parsing '", 40);
    return false;
  }

  size_t position() const { return position_; }
  const std::string& detail() const { return detail_; }
  bool too_deep() const { return too_deep_; }

 private:
  // Where a container's values go, for recording pointers.
  struct Frame {
    std::string pointer;
    bool object = false;
    size_t next_index = 0;
    std::string key;
  };

  // Records the pointer of the value starting now; returns it.
  std::string Record() {
    std::string ptr;
    if (!frames_.empty()) {
      Frame& f = frames_.back();
      ptr = f.object ? ChildPointer(f.pointer, f.key)
                     : ChildPointer(f.pointer, f.next_index++);
    }
    doc_->order.insert_or_assign(ptr, next_rank_++);
    return ptr;
  }

  // Places `v` where the parser is: the root, the next array element or the
  // value of the last key. Returns where it went.
  json* Place(json&& v) {
    if (containers_.empty()) {
      doc_->root = std::move(v);
      return &doc_->root;
    }
    json* top = containers_.back();
    if (top->is_array()) {
      top->emplace_back(std::move(v));
      return &top->back();
    }
    *element_ = std::move(v);
    return element_;
  }

  bool Value(json&& v) {
    if (options_.record_pointers) Record();
    Place(std::move(v));
    return true;
  }

  bool Open(json&& container, bool object) {
    if (++depth_ > options_.max_depth) {
      too_deep_ = true;
      return false;
    }
    if (options_.record_pointers) {
      Frame f;
      f.pointer = Record();
      f.object = object;
      frames_.push_back(std::move(f));
    }
    // A container's parent does not grow while it is open (it is the
    // parent's last value), so the pointer stays valid.
    containers_.push_back(Place(std::move(container)));
    return true;
  }

  bool Close() {
    --depth_;
    containers_.pop_back();
    if (options_.record_pointers) frames_.pop_back();
    return true;
  }

  const ParseOptions& options_;
  JsonPointerDocument* doc_;
  std::vector<json*> containers_;
  json* element_ = nullptr;  // in an object: the value of the last key
  std::vector<Frame> frames_;
  size_t next_rank_ = 0;
  size_t depth_ = 0;
  bool too_deep_ = false;
  size_t position_ = 0;
  std::string detail_;
};

}  // namespace

std::optional<JsonParseError> ParseJsonDocument(absl::string_view text,
                                                const ParseOptions& options,
                                                JsonPointerDocument* doc) {
  doc->root = json();
  doc->order.clear();
  DocumentBuilder builder(options, doc);
  if (json::sax_parse(text.begin(), text.end(), &builder)) return std::nullopt;
  JsonParseError error;
  if (builder.too_deep()) {
    error.kind = JsonParseError::Kind::kTooDeep;
    error.pointer = PointerAt(text, TooDeepAt(text, options.max_depth));
    return error;
  }
  error.kind = builder.detail().find("number overflow") != std::string::npos
                   ? JsonParseError::Kind::kNumberOverflow
                   : JsonParseError::Kind::kSyntax;
  error.pointer = PointerAt(text, builder.position());
  error.detail = builder.detail();
  return error;
}

}  // namespace internal
}  // namespace leadscore
