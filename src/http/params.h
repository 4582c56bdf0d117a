#pragma once
// Typed request parameters: the one place where text from a path, a query string or a JSON body
// becomes an id, an integer, a date, one of a list of codes, a page or a sort order. Each reader
// returns the value or an Error that names the parameter, says what was expected in Chinese and
// English, and carries the HTTP kind (400 for a malformed parameter, 404 for a path id that can
// name no record), so a route is a list of FG_TRY lines and never parses by hand.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/error.h"
#include "http/message.h"

namespace fg::http {

// ---- path
// A positive decimal id in the path segment `name`: anything else names no record, so it is a
// 404 `not_found` (the same answer as an id that does not exist), never a 400 that would tell a
// prober which ids are well-formed.
Result<int64_t> path_id(const Request& req, std::string_view name = "id");
// The same for a segment that may end in `suffix` (e.g. "12.xlsx" for a download of record 12).
Result<int64_t> path_id(const Request& req, std::string_view name, std::string_view suffix);
bool path_ends_with(const Request& req, std::string_view name, std::string_view suffix);

// ---- query string (absent and "" are the same: the parameter was not given)
// An integer in [lo, hi]; nullopt when absent.
Result<std::optional<int64_t>> query_int(const Request& req, std::string_view name, int64_t lo, int64_t hi);
// The same with a default for an absent parameter.
Result<int64_t> query_int(const Request& req, std::string_view name, int64_t lo, int64_t hi, int64_t fallback);
// A civil date in the form YYYY-MM-DD (the API's one date form, docs/api.md); nullopt when absent.
Result<std::optional<Date>> query_date(const Request& req, std::string_view name);
// One of `allowed`; `fallback` when absent (which need not be one of them: "" for "any").
Result<std::string> query_enum(const Request& req, std::string_view name,
                               std::span<const std::string_view> allowed, std::string_view fallback = {});
Result<std::string> query_enum(const Request& req, std::string_view name,
                               std::initializer_list<std::string_view> allowed, std::string_view fallback = {});

// A page of a list: `page` from 1, `page_size` from 1 to max_size.
struct Paging {
  int page = 1;
  int size = 20;
  int64_t offset() const { return static_cast<int64_t>(page - 1) * size; }
};
inline constexpr int kMaxPageSize = 200;
inline constexpr int kMaxPage = 1000000;
Result<Paging> query_paging(const Request& req, int default_size = 20, int max_size = kMaxPageSize);

// The columns a list may be sorted by: the store owns this list (it maps each to its SQL), the
// route checks `sort` against it, so the two can never drift apart.
struct SortColumns {
  std::span<const std::string_view> columns;
  bool allows(std::string_view column) const;
};
// `sort` is a column of `allowed`, with a leading '-' for descending; `fallback` when absent.
struct Sort {
  std::string column;
  bool descending = false;
  std::string spec() const { return descending ? "-" + column : column; }
};
Result<Sort> query_sort(const Request& req, SortColumns allowed, std::string_view fallback);
Result<Sort> parse_sort(std::string_view spec, SortColumns allowed);

// The page of a list query `q` (fields page, page_size) from the request; `paged` false (an
// export): page 1 of `export_size` rows (0: every row).
template <class Query>
Result<void> read_page(const Request& req, bool paged, Query& q, int export_size = 0) {
  if (!paged) {
    q.page = 1;
    q.page_size = export_size;
    return {};
  }
  FG_TRY(auto p, query_paging(req));
  q.page = p.page;
  q.page_size = p.size;
  return {};
}

// The order and the page of a list query `q` (fields sort, page, page_size): `sort` checked
// against the store's columns, then the page (read_page).
template <class Query>
Result<void> read_order_and_page(const Request& req, SortColumns allowed, std::string_view fallback, bool paged,
                                 Query& q) {
  FG_TRY(auto sort, query_sort(req, allowed, fallback));
  q.sort = sort.spec();
  return read_page(req, paged, q);
}

// The answer of a paged list (docs/api.md): {"items": [each item as to_json gives it], "total",
// "page", "page_size"}.
template <class Page, class ToJson>
Json page_json(const Page& list, int64_t page, int64_t page_size, ToJson&& to_json) {
  Json items = Json::array();
  for (const auto& x : list.items) items.push_back(to_json(x));
  return {{"items", items}, {"total", list.total}, {"page", page}, {"page_size", page_size}};
}

// ---- JSON body fields (absent and null are the same: the field was not given)
// An integer in [lo, hi] (a JSON number without fraction); nullopt when absent.
Result<std::optional<int64_t>> opt_int(const Json& j, const char* field, int64_t lo, int64_t hi);
// The same, required: absent or null is a 422 `required` naming the field.
Result<int64_t> req_int(const Json& j, const char* field, int64_t lo, int64_t hi);
// A date "YYYY-MM-DD"; nullopt when absent or "".
Result<std::optional<Date>> opt_date(const Json& j, const char* field);
// An array of positive integer ids, at most max_items long; absent is an empty list.
Result<std::vector<int64_t>> id_list(const Json& j, const char* field, size_t max_items = 10000);

// The 400 every reader above gives for a malformed value: code `bad_parameter` for the path and
// query, `bad_field` for a body field; `expected_zh`/`expected_en` say what the value should be.
Error bad_parameter(std::string_view name, std::string_view expected_zh, std::string_view expected_en);
Error bad_field(std::string_view field, std::string_view expected_zh, std::string_view expected_en);

}  // namespace fg::http
