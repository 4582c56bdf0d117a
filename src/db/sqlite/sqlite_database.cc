// SQLite engine: WAL so readers never wait for the writer, foreign keys on, a busy timeout so
// concurrent writers queue instead of failing, reads memory-mapped, and a per-connection
// prepared-statement cache.
#include <sodium.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>

#include "db/database.h"

namespace fg::db {
namespace {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError("cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, kDefaultLockWaitMs);
    exec_script(
        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;"
        // Reads through a memory map (up to 2 GiB of the file): no read() call and no copy per page,
        // which the report's index scans over millions of entries feel. Writes are unchanged.
        "PRAGMA mmap_size=2147418112;");
    sqlite3_create_function_v2(db_, "decode", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, &decode, nullptr,
                               nullptr, nullptr);
  }
  ~SqliteConnection() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    Rows rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      int n = sqlite3_column_count(st);
      std::vector<Value> cells;
      cells.reserve(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_NULL: cells.emplace_back(nullptr); break;
          case SQLITE_INTEGER: cells.emplace_back(static_cast<int64_t>(sqlite3_column_int64(st, i))); break;
          case SQLITE_FLOAT: cells.emplace_back(sqlite3_column_double(st, i)); break;
          case SQLITE_BLOB: {
            const auto* p = static_cast<const char*>(sqlite3_column_blob(st, i));
            cells.emplace_back(Bytes{std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st, i)))});
            break;
          }
          default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_blob(st, i));
            cells.emplace_back(std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st, i))));
          }
        }
      }
      rows.emplace_back(std::move(cells));
    }
    finish(st, rc, sql);
    return rows;
  }

  int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    finish(st, rc, sql);
    return sqlite3_changes64(db_);
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    if (const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw DbError("SQLite: " + msg, false, is_busy(rc));
    }
  }

  // IMMEDIATE takes the write lock up front, so two writers never deadlock on an upgrade.
  void begin() override { exec_script("BEGIN IMMEDIATE"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override { exec_script("ROLLBACK"); }
  void set_lock_wait(int milliseconds) override { sqlite3_busy_timeout(db_, milliseconds); }

 private:
  // decode(text, 'hex' | 'base64') → BLOB: PostgreSQL's function of that name, so that a migration
  // turning text into bytes reads the same on both engines (SQLite 3.40 has neither unhex nor base64).
  static void decode(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
    const auto* in = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const size_t n = static_cast<size_t>(sqlite3_value_bytes(argv[0]));
    const auto* f = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const std::string_view format = f ? f : "";
    std::string out(format == "base64" ? n / 4 * 3 + 3 : n / 2 + 1, '\0');
    size_t len = 0;
    int rc = -1;
    if (format == "hex") {
      rc = sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in, n, nullptr, &len, nullptr);
    } else if (format == "base64") {
      rc = sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in, n, " \r\n", &len,
                             nullptr, sodium_base64_VARIANT_ORIGINAL);
    }
    if (rc != 0) return sqlite3_result_error(ctx, "decode: not valid hex or base64 text", -1);
    sqlite3_result_blob64(ctx, out.data(), len, SQLITE_TRANSIENT);
  }

  static bool is_busy(int rc) { return (rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED; }

  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    sqlite3_stmt* st = nullptr;
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      st = it->second;
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
    } else {
      if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                             &st, nullptr) != SQLITE_OK) {
        throw DbError(std::string("SQLite prepare: ") + sqlite3_errmsg(db_) + " in: " + std::string(sql));
      }
      if (cache_.size() > 500) {
        for (auto& [k, v] : cache_) sqlite3_finalize(v);
        cache_.clear();
      }
      cache_.emplace(std::string(sql), st);
    }
    int expected = sqlite3_bind_parameter_count(st);
    if (expected != static_cast<int>(params.size())) {
      throw DbError("SQLite: " + std::to_string(params.size()) + " parameters for " +
                    std::to_string(expected) + " placeholders in: " + std::string(sql));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      const Value& v = params[i].v;
      int rc = SQLITE_OK;
      // SQLITE_STATIC: the parameters outlive the statement's execution, so SQLite need not copy.
      if (params[i].view && params[i].view_is_bytes) {
        rc = sqlite3_bind_blob64(st, idx, params[i].view->data(), params[i].view->size(), SQLITE_STATIC);
      } else if (params[i].view) {
        rc = sqlite3_bind_text64(st, idx, params[i].view->data(), params[i].view->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (std::holds_alternative<std::nullptr_t>(v)) rc = sqlite3_bind_null(st, idx);
      else if (auto p = std::get_if<int64_t>(&v)) rc = sqlite3_bind_int64(st, idx, *p);
      else if (auto p = std::get_if<double>(&v)) rc = sqlite3_bind_double(st, idx, *p);
      else if (auto p = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text64(st, idx, p->data(), p->size(), SQLITE_STATIC, SQLITE_UTF8);
      else if (auto p = std::get_if<Bytes>(&v))
        rc = sqlite3_bind_blob64(st, idx, p->data.data(), p->data.size(), SQLITE_STATIC);
      if (rc != SQLITE_OK) throw DbError(std::string("SQLite bind: ") + sqlite3_errmsg(db_));
    }
    return st;
  }

  void finish(sqlite3_stmt* st, int rc, std::string_view sql) {
    if (rc != SQLITE_DONE) {
      int ext = sqlite3_extended_errcode(db_);
      std::string msg = sqlite3_errmsg(db_);
      sqlite3_reset(st);
      bool unique = ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY;
      throw DbError("SQLite: " + msg + " in: " + std::string(sql.substr(0, 200)), unique, is_busy(ext));
    }
    sqlite3_reset(st);
  }

  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)) {
    std::filesystem::path p(path_);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    // Fail early on an unusable path rather than at the first request.
    release(connect());
  }
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

 protected:
  std::unique_ptr<Connection> connect() override { return std::make_unique<SqliteConnection>(path_); }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path) {
  if (path.empty()) throw DbError("sqlite: URL needs a path, e.g. sqlite:data/fenggui.db");
  return std::make_unique<SqliteDatabase>(path);
}

}  // namespace fg::db
