#include "activities/rules.h"

#include <algorithm>

#include "base/id_number.h"
#include "base/text.h"
#include "people/rules.h"

namespace fg::activities {

Result<Activity> validate_activity(const ActivityInput& in, const regions::Tree& tree, Date today) {
  Activity a;
  auto ind = people::enum_key(kIndicators, in.indicator);
  if (!ind) {
    return invalid_field("indicator", "指标应为：创业培训、创业辅导、创业扶持", "Indicator must be training, mentoring or support");
  }
  a.indicator = *ind;
  auto id = IdNumber::parse(in.id_number, today);
  if (!id) return id.error();
  a.id_number = id->str();
  a.name = trim(in.name);
  if (a.name.empty() || utf8_length(a.name) > 30) {
    return invalid_field("name", "请填写姓名（不超过30个字）", "Name is required (at most 30 characters)");
  }
  std::string code = trim(in.region_code);
  const regions::Region* r = tree.find(code);
  if (!r) return invalid_field("region_code", "区划代码不存在：" + excerpt(code, 12), "No such region code: " + excerpt(code, 12));
  if (r->level == "city") {
    return invalid_field("region_code", "区划应为县（市、区）或乡镇（街道）", "The region must be a county or a township");
  }
  a.region_code = code;
  a.county_code = people::county_of(tree, code);
  auto d = Date::parse(trim(in.date));
  if (!d) return invalid_field("date", "日期无效：" + excerpt(in.date, 20), "Not a valid date: " + excerpt(in.date, 20));
  if (*d > today) return invalid_field("date", "日期不能晚于今天", "The date cannot be in the future");
  a.date = d->iso();
  a.detail = trim(in.detail);
  a.course = trim(in.course);
  a.mode = trim(in.mode);
  a.mentor = trim(in.mentor);
  a.topic = trim(in.topic);
  a.support_kind = trim(in.support_kind);
  std::string h = trim(in.hours);
  if (!h.empty()) {
    if (h.size() > 5 || !std::all_of(h.begin(), h.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return invalid_field("hours", "学时应为非负整数", "Hours must be a whole number");
    }
    a.hours = std::stoll(h);
  }
  for (auto* s : {&a.detail, &a.course, &a.mode, &a.mentor, &a.topic, &a.support_kind}) {
    if (utf8_length(*s) > 200) return invalid_field("detail", "内容不能超过200个字", "Text is longer than 200 characters");
  }
  return a;
}

}  // namespace fg::activities
