#include "attachments/rules.h"

#include <cctype>

#include "base/text.h"

namespace fg::attachments {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}
std::string megabytes(std::size_t n) { return std::to_string(n >> 20); }
}  // namespace

std::string sniff(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (b.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  return "";
}

bool extension_agrees(std::string_view filename, std::string_view content_type) {
  const std::string name = lower(filename);
  if (content_type == "application/pdf") return ends_with(name, ".pdf");
  if (content_type == "image/png") return ends_with(name, ".png");
  if (content_type == "image/jpeg") return ends_with(name, ".jpg") || ends_with(name, ".jpeg");
  return false;
}

std::string clean_filename(std::string_view name, const NameRule& rule) {
  if (auto pos = name.find_last_of("/\\"); pos != std::string_view::npos) name = name.substr(pos + 1);
  std::string kept;
  for (unsigned char ch : name) {
    if (ch < 0x20 || ch == 0x7f || ch == '"' || ch == ';') continue;
    kept.push_back(static_cast<char>(ch));
  }
  std::string out = trim(kept);
  if (out.empty()) return rule.fallback;
  if (out.size() <= rule.max_bytes) return out;
  if (!rule.keep_end) return excerpt(out, rule.max_bytes);
  std::size_t from = out.size() - rule.max_bytes;
  while (from < out.size() && (static_cast<unsigned char>(out[from]) & 0xC0) == 0x80) ++from;  // mid-character
  return out.substr(from);
}

Result<Upload> accept(const Policy& policy, std::string_view filename, std::string_view bytes) {
  Upload up{clean_filename(filename, policy.name), ""};
  if (up.filename.empty()) return refusal(policy, Refusal::no_name);
  if (bytes.empty()) return refusal(policy, Refusal::empty);
  if (bytes.size() > policy.max_bytes) return refusal(policy, Refusal::too_large);
  up.content_type = sniff(bytes);
  if (up.content_type.empty() || (policy.extension_must_agree && !extension_agrees(up.filename, up.content_type))) {
    return refusal(policy, Refusal::wrong_type);
  }
  return up;
}

Result<void> room_for_one(const Policy& policy, int64_t count) {
  if (count >= policy.max_count) return refusal(policy, Refusal::too_many);
  return {};
}

Error refusal(const Policy& policy, Refusal r) {
  return policy.refuse ? policy.refuse(policy, r) : default_refusal(policy, r);
}

Error default_refusal(const Policy& policy, Refusal r) {
  switch (r) {
    case Refusal::no_name: return errors::invalid("filename", "请提供文件名", "A file name is required");
    case Refusal::empty: return errors::invalid("file", "请选择文件", "Choose a file");
    case Refusal::too_large:
      return make_error(ErrorKind::too_large, "too_large", "file", "附件不能超过" + megabytes(policy.max_bytes) + "MB",
                        "An attachment is at most " + megabytes(policy.max_bytes) + " MB");
    case Refusal::wrong_type:
      return errors::invalid("file", "只接受 PDF、PNG 或 JPEG 文件（按文件内容识别）",
                             "Only PDF, PNG or JPEG files are accepted");
    case Refusal::too_many:
      return errors::invalid("file", "附件不能超过" + std::to_string(policy.max_count) + "个",
                             "At most " + std::to_string(policy.max_count) + " attachments");
  }
  return errors::invalid("file", "附件不符合要求", "The file is not accepted");
}

}  // namespace fg::attachments
