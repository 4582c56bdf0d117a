#pragma once
// One storage interface, two engines (SQLite embedded, PostgreSQL for servers). SQL is written
// once with `?` placeholders and portable types; the PostgreSQL driver numbers the placeholders.
// Values only ever travel as bound parameters, never spliced into SQL text.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fg::db {

enum class Dialect { sqlite, postgresql };

// Raw bytes (an attachment's content): bound as a BLOB on SQLite and as bytea on PostgreSQL, never
// as text, so any byte, NUL included, goes in and comes back unchanged.
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Bytes>;

// Bound parameter; converting constructors keep call sites short: {name, 42, nullptr}.
struct Param {
  Value v;
  // A borrowed string (bulk inserts): no copy; it must outlive the execute() call.
  std::optional<std::string_view> view;
  bool view_is_bytes = false;  // the borrowed view is Bytes, not text
  static Param borrow(std::string_view s) {
    Param p(nullptr);
    p.view = s;
    return p;
  }
  // Borrowed bytes (a large upload): no copy; they must outlive the execute() call.
  static Param borrow_bytes(std::string_view s) {
    Param p = borrow(s);
    p.view_is_bytes = true;
    return p;
  }
  Param(std::nullptr_t) : v(nullptr) {}                              // NOLINT
  Param(int v_) : v(static_cast<int64_t>(v_)) {}                       // NOLINT
  Param(int64_t v_) : v(v_) {}                                         // NOLINT
  Param(bool v_) : v(static_cast<int64_t>(v_ ? 1 : 0)) {}             // NOLINT
  Param(double v_) : v(v_) {}                                          // NOLINT
  Param(std::string v_) : v(std::move(v_)) {}                          // NOLINT
  Param(std::string_view v_) : v(std::string(v_)) {}                   // NOLINT
  Param(const char* v_) : v(std::string(v_)) {}                        // NOLINT
  Param(Bytes v_) : v(std::move(v_)) {}                                // NOLINT
  template <typename T>
  Param(const std::optional<T>& o) : v(nullptr) {                      // NOLINT
    if (o) v = Param(*o).v;
  }
};
using Params = std::vector<Param>;

class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  size_t size() const { return cells_.size(); }
  bool is_null(size_t i) const { return std::holds_alternative<std::nullptr_t>(cells_.at(i)); }
  int64_t i64(size_t i) const;
  double f64(size_t i) const;
  std::string str(size_t i) const;  // "" for NULL
  std::optional<std::string> opt_str(size_t i) const;
  std::optional<int64_t> opt_i64(size_t i) const;
  // A BLOB/bytea cell's bytes (a text cell's bytes as they are); "" for NULL.
  std::string bytes(size_t i) const;
  bool boolean(size_t i) const { return i64(i) != 0; }

 private:
  std::vector<Value> cells_;
};

using Rows = std::vector<Row>;

// Thrown for storage failures; `unique_violation` lets services turn a race into a 409.
class DbError : public std::runtime_error {
 public:
  DbError(const std::string& what, bool unique_violation = false, bool busy = false)
      : std::runtime_error(what), unique_violation_(unique_violation), busy_(busy) {}
  bool unique_violation() const { return unique_violation_; }
  // The database was busy (SQLite's writer lock held past the busy timeout, a PostgreSQL lock or
  // statement timeout): the request may succeed when retried, so the edge answers 503, not 500.
  bool busy() const { return busy_; }

 private:
  bool unique_violation_;
  bool busy_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  // Several statements, no parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // How long a statement waits for another writer's lock before failing with DbError::busy():
  // SQLite's busy timeout, PostgreSQL's lock_timeout. kDefaultLockWaitMs unless changed.
  virtual void set_lock_wait(int milliseconds) = 0;
  static constexpr int kDefaultLockWaitMs = 15000;

  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    Rows r = query(sql, params);
    if (r.empty()) return std::nullopt;
    return std::move(r.front());
  }
  int64_t query_i64(std::string_view sql, const Params& params = {}) {
    auto r = query_one(sql, params);
    return r && !r->is_null(0) ? r->i64(0) : 0;
  }
};

// A shorter lock wait for the statements of one scope: for writes that are worth doing only if
// they need not wait (a session's sliding expiry), so a bulk import holding the writer lock does
// not hold up every request behind it.
class LockWaitScope {
 public:
  LockWaitScope(Connection& c, int milliseconds) : c_(c) { c_.set_lock_wait(milliseconds); }
  ~LockWaitScope() { c_.set_lock_wait(Connection::kDefaultLockWaitMs); }
  LockWaitScope(const LockWaitScope&) = delete;
  LockWaitScope& operator=(const LockWaitScope&) = delete;

 private:
  Connection& c_;
};

// Every write goes through one of these: committed explicitly, rolled back otherwise.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.begin(); }
  ~Transaction() {
    if (!done_) {
      try {
        c_.rollback();
      } catch (...) {  // a failed rollback leaves the connection to be discarded
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    c_.commit();
    done_ = true;
  }

 private:
  Connection& c_;
  bool done_ = false;
};

class Database;

// A connection borrowed from the pool; returned when the lease ends.
class Lease {
 public:
  Lease(Database* db, std::unique_ptr<Connection> c) : db_(db), c_(std::move(c)) {}
  Lease(Lease&&) = default;
  ~Lease();
  Connection& operator*() { return *c_; }
  Connection* operator->() { return c_.get(); }

 private:
  Database* db_;
  std::unique_ptr<Connection> c_;
};

class Database {
 public:
  virtual ~Database() = default;
  // url: "sqlite:PATH" or "postgresql://…" / "postgres://…". Throws DbError when it can't open.
  static std::unique_ptr<Database> open(const std::string& url);
  virtual Dialect dialect() const = 0;
  virtual std::string describe() const = 0;  // url without password, for logs
  Lease acquire();
  void release(std::unique_ptr<Connection> c);

 protected:
  virtual std::unique_ptr<Connection> connect() = 0;

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

std::unique_ptr<Database> open_sqlite(const std::string& path);
std::unique_ptr<Database> open_postgres(const std::string& url);

// The SQLite auth state database beside a SQLite database (docs/decisions.md 31):
// "sqlite:data/fenggui.db" → "sqlite:data/fenggui-auth.db" ("…/x" → "…/x-auth"); nullopt for
// PostgreSQL, which keeps auth state in the one database.
std::optional<std::string> auth_state_url(const std::string& url);
// The same for a file path (a backup's companion): "b.db" → "b-auth.db".
std::string auth_state_path(const std::string& path);

// Default URL per interchange.md: $FENGGUI_DB, else sqlite:data/fenggui.db.
std::string default_url();

// "SELECT ? , '?'" → "SELECT $1 , '?'": numbers the placeholders outside string literals.
std::string pg_placeholders(std::string_view sql);

}  // namespace fg::db
