#pragma once
// Errors are values across module boundaries: a code (machine-readable, stable), the field at
// fault (empty when none) and a message in Chinese and English. The HTTP edge maps the kind to a
// status; the command line prints the message in the user's language.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace fg {

enum class ErrorKind {
  bad_request,      // 400 malformed input
  unauthenticated,  // 401
  forbidden,        // 403 role or region
  not_found,        // 404
  conflict,         // 409
  too_large,        // 413
  invalid,          // 422 breaks a rule
  locked,           // 429
  internal,         // 500
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string code;     // e.g. "invalid_field"
  std::string field;    // e.g. "id_number"; empty when no single field is at fault
  std::string zh;       // message in Simplified Chinese
  std::string en;       // message in English
  std::string ref;      // optional: the id of an existing record the error points to (e.g. a duplicate)
  int64_t retry_after = 0;  // seconds; > 0 adds a Retry-After header to the answer (429, 503)

  const std::string& message(bool english) const { return english && !en.empty() ? en : zh; }
};

inline Error make_error(ErrorKind kind, std::string code, std::string field, std::string zh,
                        std::string en) {
  return Error{kind, std::move(code), std::move(field), std::move(zh), std::move(en), {}};
}
inline Error invalid_field(std::string field, std::string zh, std::string en) {
  return make_error(ErrorKind::invalid, "invalid_field", std::move(field), std::move(zh),
                    std::move(en));
}

// The error of each kind, made one way everywhere (leveldb's Status::NotFound, abseil's
// absl::NotFoundError): a module never defines its own not_found() or forbidden().
namespace errors {
inline Error bad_request(std::string code, std::string field, std::string zh, std::string en) {
  return make_error(ErrorKind::bad_request, std::move(code), std::move(field), std::move(zh), std::move(en));
}
inline Error not_found(std::string zh = "记录不存在", std::string en = "No such record") {
  return make_error(ErrorKind::not_found, "not_found", "", std::move(zh), std::move(en));
}
// A role or region that does not reach the record. The message never names the record.
inline Error forbidden(std::string zh = "您的角色无权执行此操作", std::string en = "Your role may not do this") {
  return make_error(ErrorKind::forbidden, "forbidden", "", std::move(zh), std::move(en));
}
inline Error conflict(std::string code, std::string zh, std::string en, std::string field = {}) {
  return make_error(ErrorKind::conflict, std::move(code), std::move(field), std::move(zh), std::move(en));
}
// A value that breaks a rule (422), naming the field.
inline Error invalid(std::string field, std::string zh, std::string en, std::string code = "invalid_field") {
  return make_error(ErrorKind::invalid, std::move(code), std::move(field), std::move(zh), std::move(en));
}
inline Error required(const std::string& field) {
  return make_error(ErrorKind::invalid, "required", field, "请填写 " + field, "Field " + field + " is required");
}
inline Error internal(std::string zh, std::string en) {
  return make_error(ErrorKind::internal, "internal", "", std::move(zh), std::move(en));
}
}  // namespace errors

// Result<T>: a value or an Error. Kept minimal on purpose (std::expected is C++23). It cannot be
// dropped unread ([[nodiscard]]; CI builds with -Werror): an error is either handled or passed on,
// and FG_TRY / FG_CHECK below are the one way to pass it on.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}      // NOLINT(google-explicit-constructor)
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *e_; }

 private:
  std::optional<Error> e_;
};

}  // namespace fg

// Passing an error on. In a function returning Result<U> (or anything an Error converts to, such
// as a route handler's Result<Response>):
//   FG_TRY(auto id, http::path_id(req));   // declares id, or returns the error
//   FG_CHECK(service.reach(actor, id));    // returns the error, if any
#define FG_CONCAT_INNER_(a, b) a##b
#define FG_CONCAT_(a, b) FG_CONCAT_INNER_(a, b)
#define FG_TRY_IMPL_(tmp, decl, expr) \
  auto tmp = (expr);                   \
  if (!tmp.ok()) return tmp.error();   \
  decl = std::move(tmp.value())
// Both take the expression as __VA_ARGS__, so one with braced lists (commas the preprocessor
// would split at) needs no extra parentheses: FG_CHECK(read_strings(body, {{"a", &a}, {"b", &b}})).
#define FG_TRY(decl, ...) FG_TRY_IMPL_(FG_CONCAT_(fg_try_, __LINE__), decl, (__VA_ARGS__))
#define FG_CHECK(...)                                 \
  do {                                                \
    if (auto fg_check_ = (__VA_ARGS__); !fg_check_.ok()) \
      return fg_check_.error();                       \
  } while (false)
