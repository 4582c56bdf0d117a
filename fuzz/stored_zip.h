#pragma once
// A zip archive of stored (uncompressed) entries with correct CRC-32s (APPNOTE.TXT 4.3), so that
// a fuzz target can hand the XLSX reader XML of its choosing inside a container it accepts.
#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fg::fuzz {

inline void put16(std::string& out, uint32_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
inline void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

inline std::string stored_zip(const std::vector<std::pair<std::string, std::string_view>>& entries) {
  std::string out;
  std::string directory;
  for (const auto& [name, content] : entries) {
    const auto crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
    const auto size = static_cast<uint32_t>(content.size());
    const auto offset = static_cast<uint32_t>(out.size());
    put32(out, 0x04034b50);  // local file header
    put16(out, 20);          // version needed: 2.0
    put16(out, 0);           // flags
    put16(out, 0);           // method: stored
    put16(out, 0);           // time
    put16(out, 0x21);        // date: 1980-01-01
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, static_cast<uint32_t>(name.size()));
    put16(out, 0);  // extra field length
    out += name;
    out += content;

    put32(directory, 0x02014b50);  // central directory header
    put16(directory, 20);          // made by
    put16(directory, 20);          // needed
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0);
    put16(directory, 0x21);
    put32(directory, crc);
    put32(directory, size);
    put32(directory, size);
    put16(directory, static_cast<uint32_t>(name.size()));
    put16(directory, 0);  // extra
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += name;
  }
  const auto directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);  // end of central directory
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint32_t>(entries.size()));
  put16(out, static_cast<uint32_t>(entries.size()));
  put32(out, static_cast<uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, 0);  // comment length
  return out;
}

}  // namespace fg::fuzz
