#include "people/ledger_rows.h"

#include <cstring>

#include "base/id_number.h"
#include "base/text.h"

namespace fg::people::detail {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool valid_ymd(int y, int m, int d) { return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= Date::days_in_month(y, m); }

// YYYY-MM-DD exactly, a real day, not after today: what date_text + date_field turn into the
// same ten characters.
bool plain_date(std::string_view s, std::string_view today_iso) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!digit(s[static_cast<size_t>(i)])) return false;
  }
  return valid_ymd(number(s.substr(0, 4)), number(s.substr(5, 2)), number(s.substr(8, 2))) && s <= today_iso;
}

// Bytes of the blank (as fg::trim knows them) at the start or end of s, or 0.
size_t blank_length(std::string_view s, bool from_end) {
  if (s.empty()) return 0;
  const char c = from_end ? s.back() : s.front();
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
  if (static_cast<unsigned char>(c) < 0x80) return 0;
  for (std::string_view blank : {std::string_view("\xE3\x80\x80"), std::string_view("\xC2\xA0"),
                                 std::string_view("\xEF\xBB\xBF")}) {
    if (from_end ? s.ends_with(blank) : s.starts_with(blank)) return blank.size();
  }
  return 0;
}

}  // namespace

std::string_view trim_view(std::string_view s) {
  while (const size_t n = blank_length(s, false)) s.remove_prefix(n);
  while (const size_t n = blank_length(s, true)) s.remove_suffix(n);
  return s;
}

Entrepreneur to_entrepreneur(const PersonRow& r) {
  Entrepreneur e;
  e.id_number = r.id_number;
  e.name = r.name;
  e.sex = r.sex;
  e.birth_date = r.birth_date();
  e.phone = r.phone;
  e.category = r.category;
  e.region_code = r.region_code;
  e.county_code = r.county_code;
  e.return_date = r.return_date;
  e.start_date = r.start_date;
  return e;
}

PersonRow row_of(const Entrepreneur& e, int line) {
  PersonRow r;
  r.id_number = e.id_number;
  r.name = e.name;
  r.phone = e.phone;
  r.category = e.category;
  r.region_code = e.region_code;
  r.county_code = e.county_code;
  r.return_date = e.return_date;
  r.start_date = e.start_date;
  r.sex = e.sex == "male" ? std::string_view("male") : std::string_view("female");
  std::memset(r.birth, 0, sizeof r.birth);
  std::memcpy(r.birth, e.birth_date.data(), std::min(sizeof r.birth, e.birth_date.size()));
  r.line = line;
  return r;
}

RegionTable::RegionTable(const regions::Tree& tree, const std::string* scope) {
  for (const regions::Region& r : tree.all()) {
    Info info;
    info.code = r.code;
    const regions::Region* c = &r;
    while (c && c->level == "township") c = tree.find(c->parent_code);
    if (c && c->level == "county") info.county = c->code;
    info.usable = r.level != "city" && (!scope || tree.within(r.code, *scope));
    map_.emplace(std::string_view(r.code), info);
  }
}

bool fast_person(const PersonCells& cells, const RegionTable& regions, std::string_view today_iso, PersonRow& out) {
  // ID number (GB 11643): 17 digits and a digit or X, a real birth date from 1900 to today, the
  // check character. A lowercase x is left to the general rules, which upper-case it.
  const std::string_view id = trim_view(cells.id_number);
  if (id.size() != 18 || !(digit(id[17]) || id[17] == 'X')) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (!digit(id[i])) return false;
  }
  const int by = number(id.substr(6, 4)), bm = number(id.substr(10, 2)), bd = number(id.substr(12, 2));
  if (by < 1900 || !valid_ymd(by, bm, bd)) return false;
  char* b = out.birth;
  std::memcpy(b, id.data() + 6, 4);
  b[4] = '-';
  std::memcpy(b + 5, id.data() + 10, 2);
  b[7] = '-';
  std::memcpy(b + 8, id.data() + 12, 2);
  if (out.birth_date() > today_iso) return false;
  if (IdNumber::check_char(id.substr(0, 17)) != id[17]) return false;

  const std::string_view name = trim_view(cells.name);
  if (name.empty() || (name.size() > 30 && utf8_length(name) > 30)) return false;

  const std::string_view phone = trim_view(cells.phone);
  if (!phone.empty()) {
    bool digits = true;
    for (char c : phone) digits = digits && (digit(c) || c == '-');
    const bool mobile = phone.size() == 11 && phone[0] == '1' && digits;
    const bool landline = digits && phone.size() >= 7 && phone.size() <= 13 && phone[0] == '0';
    if (!mobile && !landline) return false;
  }

  const std::string_view cat = trim_view(cells.category);
  std::string_view category;
  for (const auto& [key, label] : kCategories) {
    if (cat == key || cat == label) {
      category = key;
      break;
    }
  }
  if (category.empty()) return false;

  const RegionTable::Info* region = regions.find(trim_view(cells.region_code));
  if (!region || !region->usable) return false;

  const std::string_view ret = trim_view(cells.return_date);
  if (!ret.empty() && (!plain_date(ret, today_iso) || ret < out.birth_date())) return false;
  const std::string_view start = trim_view(cells.start_date);
  if (!plain_date(start, today_iso) || start < out.birth_date()) return false;

  out.id_number = id;
  out.name = name;
  out.phone = phone;
  out.category = category;
  out.region_code = region->code;
  out.county_code = region->county;
  out.return_date = ret;
  out.start_date = start;
  out.sex = (id[16] - '0') % 2 == 1 ? std::string_view("male") : std::string_view("female");
  return true;
}

}  // namespace fg::people::detail
