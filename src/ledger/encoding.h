#pragma once
// Text encodings of ledger files. Bureau staff save CSV from Excel: on a Chinese Windows "CSV
// (逗号分隔)" is GB18030/GBK, "CSV UTF-8" is UTF-8 with a byte-order mark, and files exported by
// other systems are usually plain UTF-8 (docs/interchange.md "Files"). The file says nothing
// about which it is, so the encoding is detected from the bytes.
#include <string>
#include <string_view>

#include "base/error.h"

namespace fg::ledger {

// Returns the text as UTF-8 without a byte-order mark, and sets *detected (when not null) to
// "utf-8", "utf-8-bom" or "gb18030".
//
// Detection: a UTF-8 BOM means UTF-8; bytes that are well-formed UTF-8 are taken as UTF-8 (real
// Chinese GB18030 text is almost never well-formed UTF-8, since its lead bytes 0x81–0xFE are
// followed by ASCII-range or 0x80 trail bytes that UTF-8 forbids); everything else is decoded as
// GB18030, of which GBK and GB2312 are subsets. Bytes that are neither are an error naming the
// offset (0-based, in the file as given) of the first bad byte, so staff can find it; so is a NUL
// byte (no ledger text holds one; UTF-16 without a byte-order mark is full of them) and a UTF-16
// byte-order mark.
Result<std::string> to_utf8(std::string_view bytes, std::string* detected);

}  // namespace fg::ledger
