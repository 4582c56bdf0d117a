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

// Result<T>: a value or an Error. Kept minimal on purpose (std::expected is C++23).
template <typename T>
class Result {
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
class Result<void> {
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
