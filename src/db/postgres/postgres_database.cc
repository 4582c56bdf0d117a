// PostgreSQL engine over libpq. Parameters are sent separately from the SQL text
// (PQexecParams), in text form except Bytes, which go as binary bytea (and bytea results, which
// come back hex-escaped, are decoded to Bytes); `?` placeholders are renumbered to $1, $2, … outside quotes.
#include <libpq-fe.h>

#include <algorithm>
#include <map>
#include <regex>

#include "db/database.h"

namespace fg::db {

std::string pg_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool in_str = false;
  for (char c : sql) {
    if (c == '\'') in_str = !in_str;
    if (c == '?' && !in_str) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

constexpr Oid kByteaOid = 17;  // pg_type.oid of bytea

// A bytea result in text form: "\\x" and two hex digits a byte (bytea_output = hex, the default).
Bytes unescape_bytea(const char* p, size_t n) {
  if (n < 2 || p[0] != '\\' || p[1] != 'x') throw DbError("PostgreSQL: bytea not in hex output form");
  auto nibble = [](char ch) {
    return ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
  };
  Bytes b;
  b.data.resize((n - 2) / 2);
  for (size_t i = 0; i < b.data.size(); ++i) {
    b.data[i] = static_cast<char>(nibble(p[2 + 2 * i]) * 16 + nibble(p[3 + 2 * i]));
  }
  return b;
}

struct PgResult {
  PGresult* r;
  explicit PgResult(PGresult* r_) : r(r_) {}
  ~PgResult() { PQclear(r); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw DbError("cannot connect to PostgreSQL: " + msg);
    }
    exec_script("SET client_encoding TO 'UTF8'; SET client_min_messages TO WARNING; SET bytea_output TO 'hex';");
    set_lock_wait(kDefaultLockWaitMs);
  }
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgresql; }

  Rows query(std::string_view sql, const Params& params) override {
    PgResult res(run(sql, params));
    Rows rows;
    int nrows = PQntuples(res.r), ncols = PQnfields(res.r);
    rows.reserve(static_cast<size_t>(nrows));
    std::vector<bool> bytea(static_cast<size_t>(ncols));
    for (int j = 0; j < ncols; ++j) bytea[static_cast<size_t>(j)] = PQftype(res.r, j) == kByteaOid;
    for (int i = 0; i < nrows; ++i) {
      std::vector<Value> cells;
      cells.reserve(static_cast<size_t>(ncols));
      for (int j = 0; j < ncols; ++j) {
        if (PQgetisnull(res.r, i, j)) {
          cells.emplace_back(nullptr);
        } else if (bytea[static_cast<size_t>(j)]) {
          cells.emplace_back(unescape_bytea(PQgetvalue(res.r, i, j), static_cast<size_t>(PQgetlength(res.r, i, j))));
        } else {
          cells.emplace_back(std::string(PQgetvalue(res.r, i, j),
                                         static_cast<size_t>(PQgetlength(res.r, i, j))));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

  int64_t execute(std::string_view sql, const Params& params) override {
    PgResult res(run(sql, params));
    const char* n = PQcmdTuples(res.r);
    return n && *n ? std::stoll(n) : 0;
  }

  void exec_script(std::string_view sql) override {
    PgResult res(PQexec(conn_, std::string(sql).c_str()));
    check(res.r, sql);
  }

  void begin() override { exec_script("BEGIN"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override { exec_script("ROLLBACK"); }
  // lock_timeout 0 would mean "wait for ever": the shortest wait is 1 ms.
  void set_lock_wait(int milliseconds) override {
    exec_script("SET lock_timeout = " + std::to_string(std::max(milliseconds, 1)));
  }

 private:
  PGresult* run(std::string_view sql, const Params& params) {
    auto it = converted_.find(sql);
    if (it == converted_.end()) {
      if (converted_.size() > 1000) converted_.clear();
      it = converted_.emplace(std::string(sql), pg_placeholders(sql)).first;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    // Bytes go in binary form, typed bytea; the arrays are only made when a statement has some.
    std::vector<Oid> types;
    std::vector<int> lengths, formats;
    auto binary = [&](size_t i, std::string_view b) {
      if (types.empty()) {
        types.assign(params.size(), 0);
        lengths.assign(params.size(), 0);
        formats.assign(params.size(), 0);
      }
      types[i] = kByteaOid;
      lengths[i] = static_cast<int>(b.size());
      formats[i] = 1;
      values[i] = b.data();
    };
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i].v;
      if (params[i].view && params[i].view_is_bytes) {
        binary(i, *params[i].view);
        continue;
      }
      if (auto p = std::get_if<Bytes>(&v)) {
        binary(i, p->data);
        continue;
      }
      if (params[i].view) {
        texts[i] = std::string(*params[i].view);
        values[i] = texts[i].c_str();
        continue;
      }
      if (auto p = std::get_if<int64_t>(&v)) texts[i] = std::to_string(*p);
      else if (auto p = std::get_if<double>(&v)) texts[i] = std::to_string(*p);
      else if (auto p = std::get_if<std::string>(&v)) texts[i] = *p;
      if (!std::holds_alternative<std::nullptr_t>(v)) values[i] = texts[i].c_str();
    }
    PGresult* r = PQexecParams(conn_, it->second.c_str(), static_cast<int>(params.size()),
                               types.empty() ? nullptr : types.data(), values.data(),
                               lengths.empty() ? nullptr : lengths.data(), formats.empty() ? nullptr : formats.data(), 0);
    try {
      check(r, sql);
    } catch (...) {
      PQclear(r);
      throw;
    }
    return r;
  }

  void check(PGresult* r, std::string_view sql) {
    auto st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return;
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const std::string_view code = state ? state : "";
    bool unique = code == "23505";
    // serialization failure, deadlock, lock not available, statement timeout: worth a retry
    bool busy = code == "40001" || code == "40P01" || code == "55P03" || code == "57014";
    throw DbError("PostgreSQL: " + std::string(PQresultErrorMessage(r)) + " in: " +
                      std::string(sql.substr(0, 200)),
                  unique, busy);
  }

  PGconn* conn_ = nullptr;
  std::map<std::string, std::string, std::less<>> converted_;
};

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(std::string url) : url_(std::move(url)) { release(connect()); }
  Dialect dialect() const override { return Dialect::postgresql; }
  std::string describe() const override {
    // Hide a password in postgresql://user:password@host/db.
    return std::regex_replace(url_, std::regex(R"(://([^:/@]+):[^@]*@)"), "://$1:***@");
  }

 protected:
  std::unique_ptr<Connection> connect() override { return std::make_unique<PgConnection>(url_); }

 private:
  std::string url_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url) {
  return std::make_unique<PgDatabase>(url);
}

}  // namespace fg::db
