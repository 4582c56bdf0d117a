#include "people/rules.h"

#include <algorithm>

#include "base/credit_code.h"
#include "base/privacy.h"
#include "base/id_number.h"
#include "base/text.h"

namespace fg::people {

std::string label_of(const std::vector<std::pair<std::string, std::string>>& e, const std::string& key) {
  for (const auto& [k, l] : e) {
    if (k == key) return l;
  }
  return key;
}

std::optional<std::string> enum_key(const std::vector<std::pair<std::string, std::string>>& e, const std::string& s) {
  std::string t = trim(s);
  for (const auto& [k, l] : e) {
    if (t == k || t == l) return k;
  }
  return std::nullopt;
}

std::string county_of(const regions::Tree& tree, const std::string& code) {
  const regions::Region* r = tree.find(code);
  while (r && r->level == "township") r = tree.find(r->parent_code);
  return r && r->level == "county" ? r->code : "";
}

std::string mask_id(const std::string& id) { return mask_id_number(id); }

std::string mask_phone(const std::string& p) { return mask_phone_number(p); }

namespace {

Result<std::string> required_text(const std::string& v, const char* field, const char* zh_name, const char* en_name,
                                  size_t max_chars) {
  std::string t = trim(v);
  if (t.empty()) return invalid_field(field, std::string("请填写") + zh_name, std::string(en_name) + " is required");
  if (utf8_length(t) > max_chars) {
    return invalid_field(field, std::string(zh_name) + "不能超过" + std::to_string(max_chars) + "个字",
                         std::string(en_name) + " is longer than " + std::to_string(max_chars) + " characters");
  }
  return t;
}

Result<std::string> date_field(const std::string& v, const char* field, const char* zh_name, const char* en_name,
                               Date today, bool required) {
  std::string t = trim(v);
  if (t.empty()) {
    if (!required) return std::string();
    return invalid_field(field, std::string("请填写") + zh_name, std::string(en_name) + " is required");
  }
  auto d = Date::parse(t);
  if (!d) {
    return invalid_field(field, std::string(zh_name) + "不是有效日期：" + excerpt(t, 20),
                         std::string(en_name) + " is not a valid date: " + excerpt(t, 20));
  }
  if (*d > today) {
    return invalid_field(field, std::string(zh_name) + "不能晚于今天", std::string(en_name) + " cannot be in the future");
  }
  return d->iso();
}

Result<std::string> region_field(const std::string& v, const regions::Tree& tree) {
  std::string t = trim(v);
  const regions::Region* r = tree.find(t);
  if (t.empty()) return invalid_field("region_code", "请填写区划代码", "Region code is required");
  if (!r) return invalid_field("region_code", "区划代码不存在：" + excerpt(t, 12), "No such region code: " + excerpt(t, 12));
  if (r->level == "city") {
    return invalid_field("region_code", "区划应为县（市、区）或乡镇（街道），不能是市级",
                         "The region must be a county or a township, not the city");
  }
  return t;
}

// The record's region, as the form or the ledger names it, and the county that region lies in.
template <class Record>
Result<void> place(Record& r, const std::string& region_code, const regions::Tree& tree) {
  FG_TRY(r.region_code, region_field(region_code, tree));
  r.county_code = county_of(tree, r.region_code);
  return {};
}

// The key of a code list's entry given by key or by its Chinese label; else 400 naming the field,
// its message listing the choices.
Result<std::string> enum_field(const std::vector<std::pair<std::string, std::string>>& codes, const std::string& v,
                               const char* field, const std::string& zh, const std::string& en) {
  auto k = enum_key(codes, v);
  if (!k) return invalid_field(field, zh, en);
  return *k;
}

}  // namespace

Result<Entrepreneur> validate_person(const EntrepreneurInput& in, const regions::Tree& tree, Date today) {
  Entrepreneur p;
  auto id = IdNumber::parse(in.id_number, today);
  if (!id) return id.error();
  p.id_number = id->str();
  p.birth_date = id->birth_date().iso();
  p.sex = id->sex() == IdNumber::Sex::male ? "male" : "female";
  auto name = required_text(in.name, "name", "姓名", "Name", 30);
  if (!name) return name.error();
  p.name = *name;
  p.phone = trim(in.phone);
  if (!p.phone.empty()) {
    bool digits = std::all_of(p.phone.begin(), p.phone.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
    bool mobile = p.phone.size() == 11 && p.phone[0] == '1' && digits;
    bool landline = digits && p.phone.size() >= 7 && p.phone.size() <= 13 && p.phone[0] == '0';
    if (!mobile && !landline) {
      return invalid_field("phone", "联系电话应为11位手机号或带区号的固定电话",
                           "Phone: an 11-digit mobile number or a landline with area code");
    }
  }
  FG_TRY(p.category, enum_field(kCategories, in.category, "category", "人员类别应为：农民工、高校毕业生、退役军人、在外成功人士、其他",
                                "Category must be migrant_worker, graduate, veteran, returnee_talent or other"));
  FG_CHECK(place(p, in.region_code, tree));
  FG_TRY(p.return_date, date_field(in.return_date, "return_date", "返乡日期", "Return date", today, false));
  FG_TRY(p.start_date, date_field(in.start_date, "start_date", "创业日期", "Start date", today, true));
  if (!p.return_date.empty() && p.return_date < p.birth_date) {
    return invalid_field("return_date", "返乡日期早于身份证号中的出生日期", "The return date is before the birth date in the ID number");
  }
  if (p.start_date < p.birth_date) {
    return invalid_field("start_date", "创业日期早于身份证号中的出生日期", "The start date is before the birth date in the ID number");
  }
  return p;
}

Result<MarketEntity> validate_entity(const EntityInput& in, const regions::Tree& tree, Date today) {
  MarketEntity e;
  auto code = CreditCode::parse(in.credit_code);
  if (!code) return code.error();
  e.credit_code = code->str();
  auto name = required_text(in.name, "name", "名称", "Name", 60);
  if (!name) return name.error();
  e.name = *name;
  FG_TRY(e.entity_type, enum_field(kEntityTypes, in.entity_type, "entity_type", "主体类型应为：企业、个体工商户、农民专业合作社、家庭农场",
                                   "Entity type must be enterprise, individual, cooperative or family_farm"));
  FG_CHECK(place(e, in.region_code, tree));
  FG_TRY(e.registered_date, date_field(in.registered_date, "registered_date", "登记日期", "Registration date", today, true));
  e.industry = trim(in.industry);
  if (utf8_length(e.industry) > 30) return invalid_field("industry", "行业不能超过30个字", "Industry is longer than 30 characters");
  std::string jobs = trim(in.jobs);
  if (jobs.empty()) return invalid_field("jobs", "请填写带动就业人数", "Jobs is required");
  if (jobs.size() > 7 || !std::all_of(jobs.begin(), jobs.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return invalid_field("jobs", "带动就业人数应为非负整数", "Jobs must be a non-negative whole number");
  }
  e.jobs = std::stoll(jobs);
  if (in.founder_id_numbers.empty()) {
    return invalid_field("founder_id_number", "请填写至少一名创办人", "At least one founder is required");
  }
  return e;
}

}  // namespace fg::people
