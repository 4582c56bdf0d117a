// The command line: one binary for the server and for operators (see `fenggui --help`).
// Exit codes: 0 success, 1 refused or failed, 2 bad usage.
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <iostream>

#include "app/app.h"
#include "app/demo.h"
#include "auth/model.h"
#include "db/backup.h"
#include "http/client_address.h"
#include "http/server.h"
#include "app/cli_progress.h"
#include "app/imports.h"
#include "ledger/table.h"
#include "reports/progress.h"

namespace {

using fg::auth::Actor;

int report_error(const fg::Error& e) {
  std::cerr << "错误: " << e.zh;
  if (!e.field.empty()) std::cerr << " [" << e.field << "]";
  std::cerr << "\nerror: " << e.en << "\n";
  return 1;
}

std::string find_web_root(const char* argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0);
  for (fs::path p : {exe.parent_path() / ".." / "web" / "dist", fs::path("web") / "dist"}) {
    if (fs::exists(p / "index.html", ec)) return fs::weakly_canonical(p).string();
  }
  return {};
}

// A ledger import of 10^6 rows touches about a gigabyte of fresh memory (the file, its cells, the
// rows, SQLite's page cache and sorter). On virtual machines such as the bureau's, a page fault
// and a TLB miss on 4 KiB pages cost more than the work on the data: glibc's transparent huge
// pages for malloc (the tunable glibc.malloc.hugetlb=1, glibc >= 2.35) made the import 7–21 %
// faster (docs/performance.md). Tunables are read at start-up only, so `import` runs itself
// again with the tunable added, once; nothing changes when the exec fails or the operator set
// GLIBC_TUNABLES (or FENGGUI_NO_HUGE_PAGES) themselves.
void reexec_with_huge_pages(char** argv) {
  if (std::getenv("GLIBC_TUNABLES") || std::getenv("FENGGUI_NO_HUGE_PAGES")) return;
  if (::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 0) != 0) return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES");  // exec failed: carry on as we are
}

// The route table of the application `serve` runs. The App is built exactly as for `serve`, on a
// throwaway SQLite database in a temporary folder (the routes do not depend on any data), so the
// API tests can read the table from the binary and never drift from it.
// The permission table (auth/permissions.h): what each named permission allows, and to whom.
int print_permissions(const std::string& format) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : fg::auth::permission_table()) {
    nlohmann::json roles = nlohmann::json::array();
    for (auto r : fg::auth::kAllRoles) {
      if (fg::auth::allows(r, p.id)) roles.push_back(std::string(fg::auth::role_key(r)));
    }
    out.push_back({{"key", p.key}, {"roles", roles}, {"zh", p.zh}, {"en", p.en}});
  }
  if (format == "json") {
    std::cout << out.dump(2, ' ', false) << "\n";
    return 0;
  }
  for (const auto& p : out) {
    std::string roles;
    for (const auto& k : p["roles"]) roles += (roles.empty() ? "" : ",") + k.get<std::string>();
    std::printf("%-28s %-60s %s\n", p["key"].get<std::string>().c_str(), roles.c_str(), p["zh"].get<std::string>().c_str());
  }
  return 0;
}

int print_routes(const std::string& format) {
  spdlog::set_level(spdlog::level::err);  // the table alone on standard output
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec) / ("fenggui-routes-" + std::to_string(::getpid()));
  int rc = 0;
  try {
    fs::create_directories(dir);
    nlohmann::json table;
    {
      fg::app::App app("sqlite:" + (dir / "routes.db").string());
      table = fg::http::route_table(app.router());
    }
    if (format == "json") {
      std::cout << table.dump(2, ' ', false) << "\n";
    } else {
      for (const auto& r : table) {
        std::string roles;
        if (r["access"] == "public") {
          roles = "(public)";
        } else if (r["roles"].size() == fg::auth::kAllRoles.size()) {
          roles = "(every role)";
        } else {
          for (const auto& k : r["roles"]) roles += (roles.empty() ? "" : ",") + k.get<std::string>();
        }
        std::printf("%-7s %-58s %-10s %s%s\n", r["method"].get<std::string>().c_str(),
                    r["pattern"].get<std::string>().c_str(), r["access"].get<std::string>().c_str(), roles.c_str(),
                    r["target"].is_null() ? "" : (" [" + r["target"].get<std::string>() + "]").c_str());
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "错误 error: " << e.what() << "\n";
    rc = 1;
  }
  fs::remove_all(dir, ec);
  return rc;
}

// What the command line says: every subcommand and the values of its options.
struct Commands {
  std::string db_url = fg::db::default_url();
  CLI::App *serve, *migrate, *user, *uadd, *ulist, *udisable, *uenable, *upasswd, *backup, *import, *report, *progress,
      *demo, *routes, *meta, *permissions;
  fg::http::ServerOptions sopts;
  bool secure_cookies = false;
  fg::auth::Service::NewUser nu;
  fg::auth::Service::Links links;
  std::string username, password, backup_out;
  std::string import_kind, import_file, rejects_file;
  bool skip_invalid = false;
  std::string rep_region, rep_from, rep_to, rep_format = "json", rep_out;
  std::string routes_format = "text", permissions_format = "text";
};

void define_serve(CLI::App& cli, Commands& c) {
  c.serve = cli.add_subcommand("serve", "Run the HTTP server and web app");
  auto* serve = c.serve;
  serve->add_option("--host", c.sopts.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", c.sopts.port, "Port")->capture_default_str()->check(CLI::Range(1, 65535));
  serve->add_option("--web", c.sopts.web_root, "Folder of the built web app (default: web/dist beside the build)");
  serve->add_option("--threads", c.sopts.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 64));
  serve->add_flag("--secure-cookies", c.secure_cookies, "Mark the session cookie Secure (when served over HTTPS)");
  serve->add_option("--trusted-proxy", c.sopts.trusted_proxies,
                    "A reverse proxy (address or CIDR network, repeatable) whose X-Forwarded-For / Forwarded header "
                    "names the client; default none (docs/operations.md)")
      ->envname("FENGGUI_TRUSTED_PROXIES")
      ->delimiter(',');
  serve->add_option("--hash-threads", c.sopts.hash_threads,
                    "Threads that hash passwords, apart from --threads (default max(1, cores / 2))")
      ->check(CLI::Range(1, 64));
}

void define_user(CLI::App& cli, Commands& c) {
  c.user = cli.add_subcommand("user", "Manage user accounts");
  c.user->require_subcommand(1);
  c.uadd = c.user->add_subcommand("add", "Add a user");
  auto* uadd = c.uadd;
  uadd->add_option("--username", c.nu.username, "Login name (3–32 letters, digits, _ . -)")->required();
  uadd->add_option("--password", c.nu.password, "Password (≥ 8 characters with letters and digits, not a common one, not containing the username)")->required();
  uadd->add_option("--role", c.nu.role,
                   "city_admin | county_officer | township_staff | expert | mentor | bank | entrepreneur | auditor")
      ->required();
  uadd->add_option("--region", c.nu.region_code, "Region code, e.g. 410500 (city), 410581 (林州市)")->required();
  uadd->add_option("--name", c.nu.display_name, "Display name (default: the username)");
  uadd->add_option("--org-kind", c.links.org_kind, "Bank users: bank (经办银行, default) or guarantee_fund (担保机构)");
  uadd->add_option("--org-name", c.links.org_name, "Bank users: the bank or fund's name");
  uadd->add_option("--id-number", c.links.id_number, "Entrepreneur users: ID number of their registry record");
  c.ulist = c.user->add_subcommand("list", "List users");
  c.udisable = c.user->add_subcommand("disable", "Disable a user (their sessions end)");
  c.udisable->add_option("--username", c.username, "Login name")->required();
  c.uenable = c.user->add_subcommand("enable", "Enable a disabled user");
  c.uenable->add_option("--username", c.username, "Login name")->required();
  c.upasswd = c.user->add_subcommand("passwd", "Set a user's password (their sessions end)");
  c.upasswd->add_option("--username", c.username, "Login name")->required();
  c.upasswd->add_option("--password", c.password, "New password")->required();
}

void define_data(CLI::App& cli, Commands& c) {
  c.migrate = cli.add_subcommand("migrate", "Create or upgrade the database schema and load the region table");
  c.backup = cli.add_subcommand("backup", "Write a consistent copy of the database to a file");
  c.backup->add_option("--out", c.backup_out, "Output file (SQLite database file, or pg_dump SQL for PostgreSQL)")
      ->required();
  c.import = cli.add_subcommand("import", "Import a ledger (CSV in UTF-8 or GB18030, or XLSX); see interchange.md");
  c.import->add_option("KIND", c.import_kind, "entrepreneurs | market_entities | activities | targets | loans")
      ->required()
      ->check(CLI::IsMember(fg::app::import_kinds()));
  c.import->add_option("FILE", c.import_file, "The ledger file")->required()->check(CLI::ExistingFile);
  c.import->add_flag("--skip-invalid", c.skip_invalid, "Write the good rows; put the bad ones in the rejects file");
  c.import->add_option("--rejects", c.rejects_file, "Where to write the rejected rows (default FILE.rejects.csv)");
  c.report = cli.add_subcommand("report", "Reports from live data");
  c.report->require_subcommand(1);
  c.progress = c.report->add_subcommand("progress", "The progress report of interchange.md");
  c.progress->add_option("--region", c.rep_region, "Region code, e.g. 410500")->required();
  c.progress->add_option("--from", c.rep_from, "First day, YYYY-MM-DD")->required();
  c.progress->add_option("--to", c.rep_to, "Last day, YYYY-MM-DD (fixes the year)")->required();
  c.progress->add_option("--format", c.rep_format, "json | text | xlsx")
      ->capture_default_str()
      ->check(CLI::IsMember({"json", "text", "xlsx"}));
  c.progress->add_option("--out", c.rep_out, "Write to this file instead of standard output");
  c.demo = cli.add_subcommand("demo", "Load demonstration accounts (idempotent) and print how to log in");
}

void define_tables(CLI::App& cli, Commands& c) {
  c.routes = cli.add_subcommand(
      "routes", "Print every HTTP route with who may call it (the router `serve` runs; no database is touched)");
  c.routes->add_option("--format", c.routes_format, "text | json")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  c.meta = cli.add_subcommand("meta", "Print what GET /api/v1/meta serves: permissions, menu, ledger schemas, audit codes (JSON)");
  c.permissions = cli.add_subcommand("permissions", "Print the permission table: each permission and the roles holding it");
  c.permissions->add_option("--format", c.permissions_format, "text | json")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
}

// Serves until SIGTERM; the outbox reaches audit_log about once a second (while the records'
// writer lock is held by a bulk import a flush gives up after 100 ms and the next one tries again).
int run_serve(fg::app::App& app, Commands& c, const char* argv0) {
  if (c.sopts.web_root.empty()) c.sopts.web_root = find_web_root(argv0);
  spdlog::info("database {}", app.db().describe());
  if (app.has_audit_outbox()) spdlog::info("auth state database {}", app.auth_state_db().describe());
  std::jthread flusher;
  if (app.has_audit_outbox()) {
    flusher = std::jthread([&app](std::stop_token stop) {
      std::mutex mu;
      std::condition_variable_any cv;
      while (!stop.stop_requested()) {
        {
          std::unique_lock lock(mu);
          cv.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
        }
        if (stop.stop_requested()) break;
        try {
          app.flush_audit(100);
        } catch (const std::exception& e) {
          spdlog::warn("audit outbox flush failed: {}", e.what());
        }
      }
    });
  }
  fg::http::serve(app.router(), c.sopts);
  return 0;
}

int run_user(fg::app::App& app, Commands& c) {
  const Actor cli_actor = Actor::cli();
  auto& auth = app.auth();
  if (c.uadd->parsed()) {
    auto u = auth.create_user(cli_actor, c.nu, c.links);
    if (!u) return report_error(u.error());
    std::cout << "added user " << u->username << " (id " << u->id << ", " << fg::auth::role_key(u->role) << ", "
              << u->region_code << ")\n";
    return 0;
  }
  if (c.ulist->parsed()) {
    fg::auth::store::UserQuery q;
    q.page_size = 0;
    auto page = auth.list_users(cli_actor, q, "");
    if (!page) return report_error(page.error());
    auto tree = app.regions().tree();
    std::printf("%-5s %-20s %-16s %-8s %-18s %s\n", "id", "username", "role", "region", "status", "name");
    for (const auto& u : page->items) {
      const auto* r = tree->find(u.region_code);
      std::printf("%-5lld %-20s %-16s %-8s %-18s %s (%s)\n", static_cast<long long>(u.id), u.username.c_str(),
                  std::string(fg::auth::role_key(u.role)).c_str(), u.region_code.c_str(),
                  u.disabled ? "disabled" : "active", u.display_name.c_str(), r ? r->name.c_str() : "");
    }
    return 0;
  }
  if (c.udisable->parsed() || c.uenable->parsed()) {
    fg::auth::Service::Change ch;
    ch.disabled = c.udisable->parsed();
    auto u = auth.change_user(cli_actor, c.username, ch);
    if (!u) return report_error(u.error());
    std::cout << (u->disabled ? "disabled " : "enabled ") << u->username << "\n";
    return 0;
  }
  auto r = auth.reset_password(cli_actor, c.username, c.password);
  if (!r) return report_error(r.error());
  std::cout << "password set for " << c.username << "\n";
  return 0;
}

// SQLite: the auth state database beside it too (sessions, locks, the audit outbox), copied
// first: an outbox entry flushed in between is then in both copies (the flush after a restore
// skips it by its key), never in neither.
int run_backup(fg::app::App& app, const Commands& c) {
  std::string state_out;
  if (auto state_url = fg::db::auth_state_url(c.db_url)) {
    state_out = fg::db::auth_state_path(c.backup_out);
    auto rs = fg::db::backup(app.auth_state_db(), *state_url, state_out);
    if (!rs) return report_error(rs.error());
  }
  auto r = fg::db::backup(app.db(), c.db_url, c.backup_out);
  if (!r) return report_error(r.error());
  std::cout << "backup written to " << c.backup_out << "\n";
  if (!state_out.empty()) std::cout << "auth state backup written to " << state_out << "\n";
  return 0;
}

int run_import(fg::app::App& app, Commands& c) {
  const std::string filename = std::filesystem::path(c.import_file).filename().string();
  fg::Result<fg::ledger::ImportReport> rep = fg::ledger::ImportReport{};
  {
    // A progress line on a terminal only: phase, rows, rows/s (cleared before the summary).
    fg::app::CliProgress progress(c.import_kind, isatty(STDERR_FILENO) == 1);
    progress.phase("读取 reading");
    std::ifstream in(c.import_file, std::ios::binary);
    std::string bytes(std::filesystem::file_size(c.import_file), '\0');
    constexpr size_t kChunk = 8 << 20;
    for (size_t done = 0; done < bytes.size();) {
      size_t n = std::min(kChunk, bytes.size() - done);
      in.read(bytes.data() + done, static_cast<std::streamsize>(n));
      done += n;
      progress.bytes(done, bytes.size());
    }
    progress.phase("解析 parsing");
    auto table = fg::ledger::read_table(bytes, filename);
    if (!table) return report_error(table.error());
    std::string().swap(bytes);
    progress.rows(static_cast<int64_t>(table->rows.size()));
    progress.phase("校验并写入 checking and writing");
    rep = fg::app::import_table(app.kernel(), Actor::cli(), c.import_kind, *table, filename,
                                fg::ledger::ImportOptions{c.skip_invalid});
  }
  if (!rep) return report_error(rep.error());
  for (const auto& col : rep->unknown_columns) std::cerr << "注意 note: 未知列 unknown column: " << col << "\n";
  for (const auto& e : rep->errors) {
    std::cerr << "第" << e.line << "行 line " << e.line;
    if (!e.column.empty()) std::cerr << " [" << e.column << "]";
    std::cerr << ": " << e.zh << " / " << e.en << "\n";
  }
  if (!rep->written) {
    std::cerr << "拒绝导入：" << rep->rejected << " 行有误，未写入任何数据 / refused: " << rep->rejected
              << " bad rows, nothing written\n";
    return 1;
  }
  if (!rep->rejects_csv.empty()) {
    if (c.rejects_file.empty()) c.rejects_file = c.import_file + ".rejects.csv";
    std::ofstream(c.rejects_file, std::ios::binary) << rep->rejects_csv;
    std::cerr << "rejects: " << c.rejects_file << "\n";
  }
  std::cout << c.import_kind << ": " << rep->rows << " rows, " << rep->inserted << " inserted, " << rep->updated
            << " updated, " << rep->unchanged << " unchanged, " << rep->rejected << " rejected (" << rep->encoding
            << ")\n";
  return 0;
}

int run_progress(fg::app::App& app, const Commands& c) {
  auto from = fg::Date::parse(c.rep_from);
  auto to = fg::Date::parse(c.rep_to);
  if (!from || !to) {
    std::cerr << "错误: 日期格式应为 YYYY-MM-DD\nerror: dates are YYYY-MM-DD\n";
    return 2;
  }
  auto conn = app.db().acquire();
  auto tree = app.regions().tree();
  auto p = fg::reports::compute_progress(*conn, *tree, c.rep_region, *from, *to);
  if (!p) return report_error(p.error());
  std::string out;
  if (c.rep_format == "json") {
    out = fg::reports::progress_json(*p).dump(2, ' ', false) + "\n";
  } else if (c.rep_format == "text") {
    out = fg::reports::progress_text(*p) + "\n";
  } else {
    std::vector<fg::reports::Progress> children;
    for (const auto& code : tree->children(c.rep_region)) {
      if (auto cp = fg::reports::compute_progress(*conn, *tree, code, *from, *to)) children.push_back(*cp);
    }
    out = fg::reports::progress_xlsx(*p, children);
  }
  if (c.rep_out.empty()) {
    std::cout << out;
  } else {
    std::ofstream(c.rep_out, std::ios::binary) << out;
  }
  return 0;
}

// Every command that opens the database ends by moving the auth state database's audit outbox
// into the audit log (SQLite, docs/decisions.md 31): what a server left there reaches the log even
// when no server runs. A short wait: a command run during a bulk import leaves them for the
// server's flush.
struct FlushAtEnd {
  fg::app::App& app;
  int wait_ms;
  ~FlushAtEnd() {
    try {
      if (!app.flush_audit(wait_ms)) spdlog::warn("audit outbox: database busy, entries left for the next flush");
    } catch (const std::exception& e) {
      spdlog::warn("audit outbox flush failed: {}", e.what());
    }
  }
};

int run_with_database(Commands& c, char** argv) {
  const bool serving = c.serve->parsed();
  // The demo tells its story at the dates it happened, on a clock of its own (base/clock.h).
  fg::ManualClock demo_clock(fg::Clock::system().unix_seconds());
  fg::app::Options options{c.secure_cookies};
  if (c.demo->parsed()) options.clock = &demo_clock;
  fg::app::App app(c.db_url, options);
  FlushAtEnd flush_at_end{app, serving ? fg::db::Connection::kDefaultLockWaitMs : 2000};
  if (serving) return run_serve(app, c, argv[0]);
  if (c.migrate->parsed()) {
    std::cout << "database ready: " << app.db().describe() << "\n";
    return 0;
  }
  if (c.user->parsed()) return run_user(app, c);
  if (c.backup->parsed()) return run_backup(app, c);
  if (c.import->parsed()) return run_import(app, c);
  if (c.progress->parsed()) return run_progress(app, c);
  if (c.demo->parsed()) {
    auto r = fg::app::load_demo(app, demo_clock, std::cout);
    if (!r) return report_error(r.error());
    return 0;
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"凤归 Fenggui — 返乡创业服务信息系统 / returnee entrepreneurship information system"};
  cli.require_subcommand(1);
  Commands c;
  cli.add_option("--db", c.db_url, "sqlite:PATH or postgresql://… (default $FENGGUI_DB, else sqlite:data/fenggui.db)")
      ->capture_default_str();
  // Global options are accepted before or after the subcommand, as interchange.md writes them
  // (`import KIND FILE [--db URL]`, `report progress … [--db URL]`): an option a subcommand does
  // not know falls through to its parent. Subcommands take this setting when they are created.
  cli.fallthrough();
  define_serve(cli, c);
  define_user(cli, c);
  define_data(cli, c);
  define_tables(cli, c);
  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    cli.exit(e);
    return 2;
  }

  if (c.routes->parsed()) return print_routes(c.routes_format);
  if (c.permissions->parsed()) return print_permissions(c.permissions_format);
  if (c.meta->parsed()) {
    std::cout << fg::app::meta_json().dump(2, ' ', false) << "\n";
    return 0;
  }
  if (c.import->parsed()) reexec_with_huge_pages(argv);
  if (c.serve->parsed()) {
    if (auto t = fg::http::TrustedProxies::parse(c.sopts.trusted_proxies); !t) {
      report_error(t.error());
      return 2;
    }
  }
  spdlog::set_level(c.serve->parsed() ? spdlog::level::info : spdlog::level::warn);
  if (const char* lvl = std::getenv("FENGGUI_LOG"); lvl && *lvl) spdlog::set_level(spdlog::level::from_str(lvl));
  try {
    return run_with_database(c, argv);
  } catch (const std::exception& e) {
    std::cerr << "错误 error: " << e.what() << "\n";
    return 1;
  }
}
