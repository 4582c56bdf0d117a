#include "regions/rules.h"

#include <algorithm>

namespace fg::regions {

namespace {
bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
}  // namespace

Result<void> check_new_region(const Region& r, const Region* parent) {
  if (!parent) return invalid_field("parent_code", "上级区划不存在", "The parent region does not exist");
  if (r.name.empty() || r.name.size() > 60) {
    return invalid_field("name", "区划名称不能为空且不超过20个字", "The name is required (at most 20 characters)");
  }
  if (!all_digits(r.code)) return invalid_field("code", "区划代码只能是数字", "The code must be digits only");
  if (parent->level == "city") {
    if (r.code.size() != 6 || r.code.substr(0, 4) != parent->code.substr(0, 4) || r.code == parent->code) {
      return invalid_field("code", "县区代码应为6位，且前4位与市代码相同（" + parent->code.substr(0, 4) + "）",
                           "A county code has 6 digits starting with the city's " + parent->code.substr(0, 4));
    }
  } else if (parent->level == "county") {
    if (r.code.size() != 9 || r.code.substr(0, 6) != parent->code) {
      return invalid_field("code", "乡镇代码应为9位，且前6位为所属县区代码" + parent->code,
                           "A township code has 9 digits starting with its county's " + parent->code);
    }
  } else {
    return invalid_field("parent_code", "乡镇之下不能再设区划", "Townships have no sub-regions");
  }
  return {};
}

}  // namespace fg::regions
