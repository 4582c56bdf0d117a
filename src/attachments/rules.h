#pragma once
// The decisions on an upload, with no I/O: what its content is (PDF, PNG, JPEG by their first
// bytes, whatever the name says), a file name safe for a Content-Disposition and a list, and the
// limits of the owner's module, which it passes as a Policy.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace fg::attachments {

// Why an upload is refused, in the order the checks run (too_many needs the database).
enum class Refusal { no_name, empty, too_large, wrong_type, too_many };

struct NameRule {
  std::size_t max_bytes = 80;
  // Longer names lose their start (the extension stays) rather than their end (cut with "…").
  bool keep_end = false;
  std::string fallback = "附件";  // the name of a file sent without one; "" refuses it (no_name)
};

// What a module allows on its records: it passes this to every call of the facility.
struct Policy {
  std::string owner_kind;  // the owner's audit entity name: "loan_application", …
  std::size_t max_bytes = 10u << 20;
  int64_t max_count = 20;  // files per owner
  bool extension_must_agree = false;  // also refuse a PDF named x.png (the content still decides)
  NameRule name;
  // The module's error for each refusal (its own texts and status codes); nullptr: default_refusal.
  Error (*refuse)(const Policy&, Refusal) = nullptr;
};

// "application/pdf", "image/png" or "image/jpeg" from the first bytes; "" for anything else.
std::string sniff(std::string_view bytes);
// Whether the name's extension is one of that content type's (.pdf; .png; .jpg, .jpeg), any case.
bool extension_agrees(std::string_view filename, std::string_view content_type);
// The last path segment without control characters, DEL, '"' or ';', trimmed, cut to the rule's
// length on a character boundary; the rule's fallback when nothing is left.
std::string clean_filename(std::string_view name, const NameRule& rule);

struct Upload {
  std::string filename;  // cleaned
  std::string content_type;
};
// The checks that need no database, in order: name, empty, size, type.
Result<Upload> accept(const Policy& policy, std::string_view filename, std::string_view bytes);
// Room for one more file beside the owner's `count`.
Result<void> room_for_one(const Policy& policy, int64_t count);

Error refusal(const Policy& policy, Refusal r);
// Texts for a module with none of its own: every refusal is field "file", invalid (422), except
// too_large (413).
Error default_refusal(const Policy& policy, Refusal r);

}  // namespace fg::attachments
