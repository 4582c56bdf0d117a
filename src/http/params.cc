#include "http/params.h"

#include <charconv>

namespace fg::http {

namespace {

std::string range_zh(int64_t lo, int64_t hi) { return std::to_string(lo) + "–" + std::to_string(hi) + " 的整数"; }
std::string range_en(int64_t lo, int64_t hi) {
  return "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
}

// The whole text is one decimal integer (an optional '-', digits; no blanks, no '+', no
// fraction) that fits int64_t.
std::optional<int64_t> parse_integer(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

const std::string* query_value(const Request& req, std::string_view name) {
  auto it = req.query.find(std::string(name));
  if (it == req.query.end() || it->second.empty()) return nullptr;
  return &it->second;
}

std::string list_of(std::span<const std::string_view> allowed) {
  std::string out;
  for (auto a : allowed) {
    if (!out.empty()) out += ", ";
    out += a;
  }
  return out;
}

}  // namespace

Error bad_parameter(std::string_view name, std::string_view expected_zh, std::string_view expected_en) {
  std::string n(name);
  return make_error(ErrorKind::bad_request, "bad_parameter", n, "参数 " + n + " 应为" + std::string(expected_zh),
                    "Parameter " + n + " must be " + std::string(expected_en));
}

Error bad_field(std::string_view field, std::string_view expected_zh, std::string_view expected_en) {
  std::string f(field);
  return make_error(ErrorKind::bad_request, "bad_field", f, "字段 " + f + " 应为" + std::string(expected_zh),
                    "Field " + f + " must be " + std::string(expected_en));
}

Result<int64_t> path_id(const Request& req, std::string_view name) {
  auto it = req.params.find(std::string(name));
  if (it != req.params.end()) {
    if (auto v = parse_integer(it->second); v && *v > 0) return *v;
  }
  return errors::not_found("记录不存在", "No such record");
}

bool path_ends_with(const Request& req, std::string_view name, std::string_view suffix) {
  auto it = req.params.find(std::string(name));
  return it != req.params.end() && it->second.size() > suffix.size() && it->second.ends_with(suffix);
}

Result<int64_t> path_id(const Request& req, std::string_view name, std::string_view suffix) {
  auto it = req.params.find(std::string(name));
  if (it != req.params.end()) {
    std::string_view s = it->second;
    if (s.size() > suffix.size() && s.ends_with(suffix)) s.remove_suffix(suffix.size());
    if (auto v = parse_integer(s); v && *v > 0) return *v;
  }
  return errors::not_found("记录不存在", "No such record");
}

Result<std::optional<int64_t>> query_int(const Request& req, std::string_view name, int64_t lo, int64_t hi) {
  const std::string* s = query_value(req, name);
  if (!s) return std::optional<int64_t>();
  auto v = parse_integer(*s);
  if (!v || *v < lo || *v > hi) return bad_parameter(name, range_zh(lo, hi), range_en(lo, hi));
  return std::optional<int64_t>(*v);
}

Result<int64_t> query_int(const Request& req, std::string_view name, int64_t lo, int64_t hi, int64_t fallback) {
  FG_TRY(auto v, query_int(req, name, lo, hi));
  return v.value_or(fallback);
}

Result<std::optional<Date>> query_date(const Request& req, std::string_view name) {
  const std::string* s = query_value(req, name);
  if (!s) return std::optional<Date>();
  // Only the ISO form: the API speaks one date format, ledgers accept more (Date::parse).
  bool iso_shape = s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-';
  auto d = iso_shape ? Date::parse(*s) : Result<Date>(Error{});
  if (!iso_shape || !d) return bad_parameter(name, "存在的日期，格式 YYYY-MM-DD", "a real date in the form YYYY-MM-DD");
  return std::optional<Date>(*d);
}

Result<std::string> query_enum(const Request& req, std::string_view name, std::span<const std::string_view> allowed,
                               std::string_view fallback) {
  const std::string* s = query_value(req, name);
  if (!s) return std::string(fallback);
  for (auto a : allowed) {
    if (*s == a) return *s;
  }
  return bad_parameter(name, "以下之一：" + list_of(allowed), "one of: " + list_of(allowed));
}

Result<std::string> query_enum(const Request& req, std::string_view name, std::initializer_list<std::string_view> allowed,
                               std::string_view fallback) {
  return query_enum(req, name, std::span<const std::string_view>(allowed.begin(), allowed.size()), fallback);
}

Result<Paging> query_paging(const Request& req, int default_size, int max_size) {
  FG_TRY(int64_t page, query_int(req, "page", 1, kMaxPage, 1));
  FG_TRY(int64_t size, query_int(req, "page_size", 1, max_size, default_size));
  return Paging{static_cast<int>(page), static_cast<int>(size)};
}

bool SortColumns::allows(std::string_view column) const {
  for (auto c : columns) {
    if (c == column) return true;
  }
  return false;
}

Result<Sort> parse_sort(std::string_view spec, SortColumns allowed) {
  Sort s;
  s.descending = !spec.empty() && spec[0] == '-';
  s.column = std::string(s.descending ? spec.substr(1) : spec);
  if (!allowed.allows(s.column)) {
    // The text is echoed, cut short: it is the caller's own input, never a stored value.
    std::string shown(spec.substr(0, 40));
    return make_error(ErrorKind::bad_request, "bad_parameter", "sort", "不支持按此列排序：" + shown,
                      "Cannot sort by: " + shown);
  }
  return s;
}

Result<Sort> query_sort(const Request& req, SortColumns allowed, std::string_view fallback) {
  const std::string* s = query_value(req, "sort");
  return parse_sort(s ? std::string_view(*s) : fallback, allowed);
}

Result<std::optional<int64_t>> opt_int(const Json& j, const char* field, int64_t lo, int64_t hi) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::optional<int64_t>();
  // nlohmann keeps integers that need 64 unsigned bits as unsigned: those are over any bound here.
  if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))) {
    return bad_field(field, range_zh(lo, hi), range_en(lo, hi));
  }
  int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) return bad_field(field, range_zh(lo, hi), range_en(lo, hi));
  return std::optional<int64_t>(v);
}

Result<int64_t> req_int(const Json& j, const char* field, int64_t lo, int64_t hi) {
  FG_TRY(auto v, opt_int(j, field, lo, hi));
  if (!v) return errors::required(field);
  return *v;
}

Result<std::optional<Date>> opt_date(const Json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null() || (it->is_string() && it->get_ref<const std::string&>().empty())) {
    return std::optional<Date>();
  }
  const std::string* s = it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  bool iso_shape = s && s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-';
  auto d = iso_shape ? Date::parse(*s) : Result<Date>(Error{});
  if (!d) return bad_field(field, "存在的日期，格式 YYYY-MM-DD", "a real date in the form YYYY-MM-DD");
  return std::optional<Date>(*d);
}

Result<std::vector<int64_t>> id_list(const Json& j, const char* field, size_t max_items) {
  std::vector<int64_t> ids;
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return ids;
  if (!it->is_array() || it->size() > max_items) {
    return bad_field(field, "至多 " + std::to_string(max_items) + " 个编号的数组",
                     "an array of at most " + std::to_string(max_items) + " ids");
  }
  ids.reserve(it->size());
  for (const auto& v : *it) {
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) ||
        v.get<int64_t>() <= 0) {
      return bad_field(field, "正整数编号的数组", "an array of positive integer ids");
    }
    ids.push_back(v.get<int64_t>());
  }
  return ids;
}

}  // namespace fg::http
