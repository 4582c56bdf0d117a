#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fg::regions {

struct Region {
  std::string code;           // GB/T 2260 6 digits (city, county) or 9-digit township code
  std::string name;
  std::string level;          // city | county | township
  std::string parent_code;    // empty for the city
  bool excluded_from_parent = false;  // e.g. 滑县: kept out of the city's totals
  bool has_platform = false;          // runs a one-stop entrepreneurship service platform
};

// The whole tree in memory: ~150 rows for a city, read on every scope check.
class Tree {
 public:
  explicit Tree(std::vector<Region> rows = {});
  const Region* find(const std::string& code) const;
  const std::vector<std::string>& children(const std::string& code) const;
  // True when `code` is `ancestor` or lies under it.
  bool within(const std::string& code, const std::string& ancestor) const;
  // `root` and everything under it.
  std::vector<std::string> subtree(const std::string& root) const;
  // Report scope per interchange.md: the subtree less regions flagged excluded (and their subtrees).
  std::vector<std::string> report_scope(const std::string& root) const;
  // Regions excluded below `root`, topmost only.
  std::vector<const Region*> exclusions(const std::string& root) const;
  const std::vector<Region>& all() const { return rows_; }
  std::string root_code() const;

 private:
  std::vector<Region> rows_;
  std::map<std::string, size_t> index_;
  std::map<std::string, std::vector<std::string>> children_;
};

}  // namespace fg::regions
