#include "db/backup.h"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <filesystem>
#include <vector>

extern char** environ;

namespace fg::db {

Result<void> backup(Database& db, const std::string& url, const std::string& out_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::path(out_path).has_parent_path()) fs::create_directories(fs::path(out_path).parent_path(), ec);
  if (db.dialect() == Dialect::sqlite) {
    std::string src = url.substr(7);
    sqlite3 *from = nullptr, *to = nullptr;
    std::string tmp = out_path + ".partial";
    fs::remove(tmp, ec);
    int rc = sqlite3_open_v2(src.c_str(), &from, SQLITE_OPEN_READONLY, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_open(tmp.c_str(), &to);
    if (rc == SQLITE_OK) {
      sqlite3_busy_timeout(from, 15000);
      sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
      if (b) {
        do {
          rc = sqlite3_backup_step(b, 1024);
          if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
      } else {
        rc = sqlite3_errcode(to);
      }
    }
    std::string msg = rc == SQLITE_OK ? "" : (to ? sqlite3_errmsg(to) : "cannot open");
    sqlite3_close(from);
    sqlite3_close(to);
    if (rc != SQLITE_OK) {
      fs::remove(tmp, ec);
      return make_error(ErrorKind::internal, "backup_failed", "", "备份失败：" + msg, "Backup failed: " + msg);
    }
    fs::rename(tmp, out_path, ec);
    if (ec) return make_error(ErrorKind::internal, "backup_failed", "", "备份失败：" + ec.message(), "Backup failed: " + ec.message());
    return {};
  }
  std::vector<std::string> args = {"pg_dump", "--no-owner", "--file=" + out_path, "--dbname=" + url};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ) != 0) {
    return make_error(ErrorKind::internal, "backup_failed", "", "找不到 pg_dump", "pg_dump not found");
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return make_error(ErrorKind::internal, "backup_failed", "", "pg_dump 执行失败", "pg_dump failed");
  }
  return {};
}

}  // namespace fg::db
