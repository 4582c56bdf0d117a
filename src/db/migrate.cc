#include "db/migrate.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "base/embedded.h"
#include "base/date.h"

namespace fg::db {
namespace {
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
}
}  // namespace

std::string render_migration(std::string_view sql, Dialect dialect) {
  bool pg = dialect == Dialect::postgresql;
  // Lines after "-- @sqlite" or "-- @postgresql" are for that engine only, up to "-- @both".
  std::string s;
  bool keep = true;
  for (size_t pos = 0; pos < sql.size();) {
    size_t end = sql.find('\n', pos);
    std::string_view line = sql.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos + 1);
    pos = end == std::string_view::npos ? sql.size() : end + 1;
    if (line.starts_with("-- @sqlite")) keep = !pg;
    else if (line.starts_with("-- @postgresql")) keep = pg;
    else if (line.starts_with("-- @both")) keep = true;
    else if (keep) s += line;
  }
  replace_all(s, "{{pk}}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace_all(s, "{{bigint}}", pg ? "BIGINT" : "INTEGER");
  replace_all(s, "{{blob}}", pg ? "BYTEA" : "BLOB");
  return s;
}

std::vector<std::string> migrate(Database& db, std::string_view set) {
  std::vector<std::pair<std::string, std::string_view>> files;
  for (const auto& [name, body] : embedded_files()) {
    // The set's files: "NNNN_name.sql" for the records' database, "SET_NNNN_name.sql" for another.
    std::string prefix = set.empty() ? std::string() : std::string(set) + "_";
    if (name.size() > 4 && name.substr(name.size() - 4) == ".sql" && name.starts_with(prefix) &&
        name.size() > prefix.size() && std::isdigit(static_cast<unsigned char>(name[prefix.size()]))) {
      files.emplace_back(std::string(name.substr(prefix.size())), body);
    }
  }
  std::sort(files.begin(), files.end());

  auto conn = db.acquire();
  conn->exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  std::vector<std::string> applied;
  for (const auto& [name, body] : files) {
    int version = std::stoi(name.substr(0, name.find('_')));
    Transaction tx(*conn);
    // Two servers starting together on PostgreSQL: the lock makes the second wait, then skip.
    if (conn->dialect() == Dialect::postgresql) {
      conn->query("SELECT pg_advisory_xact_lock(20211022)");
    }
    if (conn->query_one("SELECT 1 FROM schema_migrations WHERE version = ?", {version})) continue;
    conn->exec_script(render_migration(body, conn->dialect()));
    conn->execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                  {version, name, now_cst_iso()});
    tx.commit();
    applied.push_back(name);
  }
  return applied;
}

}  // namespace fg::db
