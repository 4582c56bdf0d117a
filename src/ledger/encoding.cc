#include "ledger/encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

#include "base/text.h"

namespace fg::ledger {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

Error encoding_error(std::size_t offset, std::string_view what_zh, std::string_view what_en) {
  const std::string at = std::to_string(offset);
  return make_error(ErrorKind::invalid, "bad_encoding", "",
                    "文件编码无法识别：第" + at + "字节（从0起算）处" + std::string(what_zh) +
                        "；请在Excel中另存为“CSV UTF-8”或“CSV（逗号分隔）”",
                    "unrecognised file encoding: the byte at offset " + at + " " +
                        std::string(what_en) +
                        "; save the file from Excel as \"CSV UTF-8\" or \"CSV (Comma delimited)\"");
}

// Owns an iconv descriptor so every return path closes it.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

Result<std::string> gb18030_to_utf8(std::string_view in) {
  Iconv cd("UTF-8", "GB18030");
  if (!cd.ok()) {
    return make_error(ErrorKind::internal, "iconv_unavailable", "",
                      "系统不支持GB18030编码转换", "the system iconv cannot convert GB18030");
  }
  // A GB18030 character of 1, 2 or 4 bytes becomes 1, 3 or 4 bytes of UTF-8: at most 1.5×.
  std::string out(in.size() + in.size() / 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());  // iconv's signature is not const-correct
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  while (src_left > 0) {
    if (iconv(cd.get(), &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) break;
    const std::size_t offset = static_cast<std::size_t>(src - in.data());
    if (errno == E2BIG) {  // not expected given the bound above, but cheap to handle
      const std::size_t used = static_cast<std::size_t>(dst - out.data());
      out.resize(out.size() * 2);
      dst = out.data() + used;
      dst_left = out.size() - used;
      continue;
    }
    if (errno == EINVAL) {
      return encoding_error(offset, "的字符在文件末尾被截断",
                            "starts a character that the end of the file cuts short");
    }
    return encoding_error(offset, "既不是UTF-8也不是GB18030/GBK字符",
                          "is neither UTF-8 nor GB18030/GBK");
  }
  out.resize(static_cast<std::size_t>(dst - out.data()));
  return out;
}

}  // namespace

Result<std::string> to_utf8(std::string_view bytes, std::string* detected) {
  std::string scratch;
  std::string& enc = detected ? *detected : scratch;
  // Excel's "Unicode text" is UTF-16 and tab-separated: not a CSV, and worth a precise message.
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return encoding_error(0, "是UTF-16标记，不支持UTF-16（“Unicode文本”）文件",
                          "is a UTF-16 byte-order mark; UTF-16 (\"Unicode text\") is not supported");
  }
  // No text encoding of a ledger has NUL (UTF-8 and GB18030 would decode it as U+0000, which no
  // cell can hold: PostgreSQL text cannot store it at all), but UTF-16 without a byte-order mark
  // is full of them, so the first one is named with that hint rather than read as text.
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    return encoding_error(static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data()),
                          "是NUL（空字符），文本文件中不应出现，文件可能是UTF-16（“Unicode文本”）",
                          "is NUL, which no text file holds; the file may be UTF-16 (\"Unicode text\")");
  }
  if (bytes.starts_with(kUtf8Bom)) {
    enc = "utf-8-bom";
    const std::string_view body = bytes.substr(kUtf8Bom.size());
    // The BOM declares UTF-8, so a bad byte after it is an error rather than a hint to try
    // GB18030.
    const std::size_t bad = first_invalid_utf8(body);
    if (bad != std::string_view::npos) {
      return encoding_error(bad + kUtf8Bom.size(), "不是有效的UTF-8字符（文件以UTF-8标记开头）",
                            "is not valid UTF-8 (the file starts with a UTF-8 byte-order mark)");
    }
    return std::string(body);
  }
  if (first_invalid_utf8(bytes) == std::string_view::npos) {
    enc = "utf-8";
    return std::string(bytes);
  }
  enc = "gb18030";
  return gb18030_to_utf8(bytes);
}

}  // namespace fg::ledger
