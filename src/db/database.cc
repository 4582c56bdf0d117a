#include "db/database.h"

#include <charconv>
#include <cstdlib>

namespace fg::db {

namespace {
int64_t parse_i64(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    throw DbError("not an integer: " + s);
  }
  return v;
}
}  // namespace

int64_t Row::i64(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<std::string>(&v)) return parse_i64(*p);
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0;
}

std::string Row::str(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<Bytes>(&v)) return p->data;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

std::string Row::bytes(size_t i) const {
  const Value& v = cells_.at(i);
  if (auto p = std::get_if<Bytes>(&v)) return p->data;
  return str(i);
}

std::optional<std::string> Row::opt_str(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

std::optional<int64_t> Row::opt_i64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

Lease::~Lease() {
  if (db_ && c_) db_->release(std::move(c_));
}

Lease Database::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(c));
    }
  }
  return Lease(this, connect());
}

void Database::release(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  if (idle_.size() < 16) idle_.push_back(std::move(c));
}

std::unique_ptr<Database> Database::open(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) return open_sqlite(url.substr(7));
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return open_postgres(url);
  }
  throw DbError("unsupported database URL (use sqlite:PATH or postgresql://…): " + url);
}

std::string auth_state_path(const std::string& path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || dot == slash + 1) {
    return path + "-auth";
  }
  return path.substr(0, dot) + "-auth" + path.substr(dot);
}

std::optional<std::string> auth_state_url(const std::string& url) {
  if (url.rfind("sqlite:", 0) != 0) return std::nullopt;
  return "sqlite:" + auth_state_path(url.substr(7));
}

std::string default_url() {
  if (const char* env = std::getenv("FENGGUI_DB"); env && *env) return env;
  return "sqlite:data/fenggui.db";
}

}  // namespace fg::db
