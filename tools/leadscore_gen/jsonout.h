// Buffered JSON Lines output for leadscore-gen.
#ifndef LEADSCORE_GEN_JSONOUT_H_
#define LEADSCORE_GEN_JSONOUT_H_

#include <cstdint>
#include <cstdio>
#include <string>

namespace leadscore_gen {

// Appends `s` as a JSON string literal (quotes included). UTF-8 passes through unchanged;
// quote, backslash and control characters are escaped.
inline void AppendJsonString(std::string& out, const char* s) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const unsigned char* p = reinterpret_cast<const unsigned char*>(s); *p; ++p) {
    const unsigned char c = *p;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}
inline void AppendJsonString(std::string& out, const std::string& s) {
  AppendJsonString(out, s.c_str());
}

inline void AppendInt(std::string& out, int64_t v) {
  char buf[24];
  char* e = buf + sizeof buf;
  char* p = e;
  uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0) *--p = '-';
  out.append(p, static_cast<size_t>(e - p));
}

// Zero-padded to at least `width` digits (v >= 0).
inline void AppendPadded(std::string& out, uint64_t v, int width) {
  char buf[24];
  char* e = buf + sizeof buf;
  char* p = e;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (e - p < width) *--p = '0';
  out.append(p, static_cast<size_t>(e - p));
}

// Accumulates lines in memory and writes them in large blocks.
class FileSink {
 public:
  FileSink() = default;
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  ~FileSink() { Close(); }

  bool Open(const std::string& path) {
    f_ = std::fopen(path.c_str(), "wb");
    buf_.reserve(kFlushAt + 4096);
    return f_ != nullptr;
  }
  std::string& buf() { return buf_; }
  // Call after each complete line.
  void MaybeFlush() {
    if (buf_.size() >= kFlushAt) Flush();
  }
  void Flush() {
    if (f_ && !buf_.empty()) {
      if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) ok_ = false;
    }
    buf_.clear();
  }
  // Returns false if any write failed.
  bool Close() {
    if (f_) {
      Flush();
      if (std::fclose(f_) != 0) ok_ = false;
      f_ = nullptr;
    }
    return ok_;
  }

 private:
  static constexpr size_t kFlushAt = 1 << 20;
  std::FILE* f_ = nullptr;
  std::string buf_;
  bool ok_ = true;
};

}  // namespace leadscore_gen

#endif  // LEADSCORE_GEN_JSONOUT_H_
