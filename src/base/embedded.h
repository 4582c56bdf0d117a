#pragma once
// Files compiled into the binary by cmake/embed.cmake (migrations, reference data).
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace fg {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_files();

inline std::optional<std::string_view> embedded_file(std::string_view name) {
  for (const auto& [n, body] : embedded_files()) {
    if (n == name) return body;
  }
  return std::nullopt;
}
}  // namespace fg
